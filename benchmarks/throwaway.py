"""Throwaway databases built from the bundled data, for the benchmark scripts.

Two ways in: :func:`in_process` sets Django up in this process against a fresh SQLite file
(for server-time benchmarks through the test client); :func:`served` builds one with the
``tipmon`` command in child processes and returns the environment a production-like server
(DEBUG off, throwaway secret key, plain HTTP on loopback) needs to serve the API from it.
"""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

TIPMON = Path(sys.executable).with_name("tipmon")


def plain_static_files() -> None:
    """Serve static files from the finders (no collectstatic manifest in a throwaway folder).

    Wagtail's start-up already opened the static storage with the manifest backend, so the
    setting is changed the way Django's tests change it: ``override_settings`` sends
    ``setting_changed``, and Django's own receiver reopens every storage.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES=storages).enable()


def in_process() -> Path:
    """Migrate and load a throwaway SQLite database and set Django up on it, in-process."""
    var = Path(tempfile.mkdtemp(prefix="tipmon-bench-"))
    os.environ["TIPMON_VAR_DIR"] = str(var)
    os.environ.pop("TIPMON_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
    # No collectstatic here: static files come from the finders, as in the test suite.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    import tipmon.wsgi  # noqa: F401  (loads the application and freezes its heap, as gunicorn does)

    logging.getLogger("django.request").setLevel(logging.ERROR)  # baselines are 404s
    from django.conf import settings
    from django.core.management import call_command

    plain_static_files()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("data", "load", verbosity=0, stdout=quiet)

    return var


def served(var: Path) -> dict[str, str]:
    """Build a database under ``var`` as an operator would; return the server environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TIPMON_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env |= {
        "TIPMON_ENV": "production",
        "TIPMON_DEBUG": "false",
        "TIPMON_HTTPS": "false",  # plain HTTP on loopback (docs/configuration.md)
        "TIPMON_SECRET_KEY": secrets.token_urlsafe(50),
        "TIPMON_VAR_DIR": str(var),
        "TIPMON_ALLOWED_HOSTS": "127.0.0.1",
        "TIPMON_LOG_LEVEL": "ERROR",
    }
    for command in (["migrate", "--noinput", "--verbosity", "0"], ["data", "load"]):
        subprocess.run([str(TIPMON), *command], env=env, check=True, stdout=subprocess.DEVNULL)
    # No collectstatic (a minute of compressing assets): the API serves no static file.
    (var / "static").mkdir(exist_ok=True)
    return env
