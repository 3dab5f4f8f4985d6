"""The page load test's own parts: the ceiling (a real nginx serving the saved copies at the
same addresses) and the verdicts on the targets."""

from __future__ import annotations

import importlib
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
HAVE_NGINX = shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()


@pytest.fixture(scope="module")
def load_pages() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # the script imports its sibling helpers by name
    try:
        return importlib.import_module("load_pages")
    finally:
        sys.path.remove(str(BENCHMARKS))


def run(rps: float, p99: float, failed: int = 0) -> dict[str, Any]:
    return {"requests_per_s": rps, "failed": failed, "wrk": {"p99_ms": p99}}


def result(page: bool, cached: dict[str, Any], nginx: dict[str, Any]) -> dict[str, Any]:
    return {"url": "/", "page": page, "runs": {"cached": cached, "nginx": nginx}}


def test_a_page_under_a_quarter_of_nginx_misses_the_target(load_pages: ModuleType) -> None:
    lines = load_pages.verdicts(
        {
            "home": result(True, run(2500, 40), run(10000, 5)),
            "profile": result(True, run(2499, 40), run(10000, 5)),
            "API": result(False, run(100, 40), run(10000, 5)),  # no share target for the API
        }
    )
    assert lines[0].endswith("missed by profile")
    assert lines[1] == "p99 under 100 ms, cached pages and API: met by all 3"


def test_a_p99_of_100_ms_or_errors_under_load_are_reported(load_pages: ModuleType) -> None:
    lines = load_pages.verdicts(
        {
            "home": result(True, run(9000, 100.0), run(10000, 5)),
            "API": result(False, run(900, 20, failed=3), run(10000, 5)),
        }
    )
    assert lines[0].endswith("met by all 1")
    assert lines[1].endswith("missed by home")
    assert lines[2].endswith("API")


@pytest.mark.skipif(not HAVE_NGINX, reason="`make bench` installs nginx (Debian nginx-light)")
def test_nginx_serves_each_saved_answer_at_its_address(
    load_pages: ModuleType, tmp_path: Path
) -> None:
    # nginx's workers drop root for an unprivileged user: the copies must be readable to it.
    folder = Path(tempfile.mkdtemp(prefix="tipmon-test-copies-"))
    folder.chmod(0o755)
    answers = {
        "/": (b"<p>home</p>", "text/html; charset=utf-8"),
        "/reports/2026/": (b"<p>report</p>", "text/html; charset=utf-8"),
        "/api/v1/tiers/placements?country=THA": (b'{"ok": true}', "application/json"),
    }
    copies = {}
    for number, (url, (body, kind)) in enumerate(answers.items()):
        (folder / str(number)).write_bytes(body)
        (folder / str(number)).chmod(0o644)
        copies[url] = (folder / str(number), kind)
    server, host = load_pages.start_nginx(tmp_path, copies)
    try:
        for url, (body, kind) in answers.items():
            assert load_pages.fetch(f"{host}{url}") == (200, kind, body)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(folder)
