"""The WSGI entry point gunicorn loads freezes the loaded application's heap."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_wsgi_application_freezes_its_objects() -> None:
    script = "import gc, tipmon.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    frozen = int(result.stdout.strip().splitlines()[-1])
    assert frozen > 50_000  # Django, Wagtail and the project's modules, not a handful
