"""sandbox.extract_file: extraction in a limited child process; every outcome is a value."""

from __future__ import annotations

import subprocess
import time
from functools import cache
from pathlib import Path

import psutil
import pytest

from evidence import docfactory
from tipmon.evidence.pipeline import sandbox
from tipmon.evidence.pipeline.text import Limits, Rejected, extract
from tipmon.evidence.pipeline.types import ExtractedDocument

PAGE = "The Ministry of Labour inspected 310 worksites and identified 14 victims of forced labor. "


@cache
def report_pdf() -> bytes:
    return docfactory.pdf(["Première page : 45 victimes.", "Second page: 12 convictions."], "R")


def sandbox_children() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "tipmon.evidence.pipeline.sandbox" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def rejected(outcome: ExtractedDocument | Rejected, code: str) -> Rejected:
    assert isinstance(outcome, Rejected), outcome
    assert outcome.code == code, outcome
    assert outcome.message.endswith(".")
    return outcome


def test_it_returns_what_extract_returns_in_process(tmp_path: Path) -> None:
    path = docfactory.write(tmp_path, "report.pdf", report_pdf())
    outcome = sandbox.extract_file(path, "report.pdf", "doc-7")
    assert outcome == extract(report_pdf(), "report.pdf", "doc-7")
    assert isinstance(outcome, ExtractedDocument)
    assert outcome.page_starts == (0, outcome.text.index("Second"))
    assert "Première page : 45 victimes." in outcome.text


def test_it_reads_bytes_held_in_memory_through_standard_input() -> None:
    data = docfactory.docx_file(["Résumé of the submission."])
    outcome = sandbox.extract_bytes(data, "s.docx", "doc-8")
    assert isinstance(outcome, ExtractedDocument)
    assert outcome.text.startswith("Résumé of the submission.")


def test_it_hands_back_the_childs_refusals(tmp_path: Path) -> None:
    locked = docfactory.write(tmp_path, "locked.pdf", docfactory.encrypted_pdf(["Secret"]))
    program = docfactory.write(tmp_path, "report.pdf", docfactory.windows_executable())
    rejected(sandbox.extract_file(locked, "locked.pdf", "a"), "encrypted")
    rejected(sandbox.extract_file(program, "report.pdf", "b"), "mismatch-binary")


def test_it_stops_a_document_that_takes_too_long(tmp_path: Path) -> None:
    path = docfactory.write(tmp_path, "long.pdf", docfactory.repeated_pdf(PAGE * 30, 100))
    start = time.perf_counter()
    outcome = sandbox.extract_file(path, "long.pdf", "slow", Limits(timeout_s=1))
    elapsed = time.perf_counter() - start
    assert "1 second" in rejected(outcome, "timeout").message
    assert elapsed < 5
    assert sandbox_children() == []


def test_it_stops_a_pdf_whose_stream_inflates_past_the_memory_limit(tmp_path: Path) -> None:
    path = docfactory.write(tmp_path, "bomb.pdf", docfactory.pdf_bomb(1024))
    outcome = sandbox.extract_file(path, "bomb.pdf", "bomb", Limits(memory_mb=400))
    assert "400 MB" in rejected(outcome, "memory").message


def test_it_turns_a_dying_child_into_a_crash_refusal(tmp_path: Path) -> None:
    # A folder passes the parent's size check; the child's open() then fails unhandled.
    folder = tmp_path / "not-a-file.pdf"
    folder.mkdir()
    rejected(sandbox.extract_file(folder, "not-a-file.pdf", "x"), "crash")


def test_it_refuses_an_oversized_file_without_starting_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = docfactory.write(tmp_path, "big.txt", b"x" * 4096)

    def no_child(*args: object, **kwargs: object) -> None:
        raise AssertionError("a child process was started")

    monkeypatch.setattr(subprocess, "Popen", no_child)
    monkeypatch.setattr(subprocess, "run", no_child)
    outcome = sandbox.extract_file(path, "big.txt", "x", Limits(max_bytes=1024))
    rejected(outcome, "too-large")


def test_it_reports_a_missing_file() -> None:
    rejected(sandbox.extract_file("/nonexistent/ev-text/file.pdf", "f.pdf", "x"), "missing")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("cut.pdf", b"%PDF-1.7\n1 0 obj <<", "corrupt"),
        ("garbage.txt", ("\ufffd\x01 bad " * 40).encode(), "mojibake"),
        ("empty.txt", b"", "empty"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(32), "unsupported-type"),
    ],
)
def test_it_never_raises_for_a_bad_file(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = docfactory.write(tmp_path, name, data)
    rejected(sandbox.extract_file(path, name, "x"), code)
