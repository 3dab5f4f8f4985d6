from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_readmes_first_screen_shows_the_two_commands() -> None:
    first_screen = "\n".join((REPO / "README.md").read_text().splitlines()[:40])
    assert "make run" in first_screen
    assert "make test" in first_screen
    assert "http://127.0.0.1:8000" in first_screen


def test_every_make_target_in_the_readme_exists() -> None:
    import re

    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.M))
    mentioned = set(re.findall(r"make ([a-z-]+)", (REPO / "README.md").read_text()))
    assert mentioned <= targets, mentioned - targets


def test_ci_runs_make_test_and_postgresql() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in ci
    assert "postgresql://" in ci
