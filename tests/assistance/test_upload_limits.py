"""Hostile Office files: zip bombs, too many members, nested archives, names that climb out
of their folder; each is refused with a reason, and only ever opened in a separate process
that has a memory cap, a CPU cap and a timeout. Real files, crafted here."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.assistance import programs as services
from tipmon.assistance import uploads
from tipmon.assistance.models import Attachment, Program, ProgressReport
from tipmon.assistance.uploads import (
    ArchiveLimits,
    UploadRefused,
    check_upload,
    inspect_archive,
    probe_archive,
)

UPLOAD_LIMIT = 10 * 1024 * 1024
MB = 1024 * 1024


def archive(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return buffer.getvalue()


def document(**extra: bytes) -> bytes:
    """A minimal DOCX-shaped archive with ``extra`` members."""
    return archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<d/>", **extra})


def zeros_member(size: int) -> bytes:
    """A DOCX with one member of ``size`` zero bytes, written in chunks (a small zip bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/document.xml", b"<d/>")
        with out.open("word/media/padding.bin", "w") as member:
            for _ in range(size // MB):
                member.write(bytes(MB))
    return buffer.getvalue()


def test_the_probe_modules_import_no_django() -> None:
    folder = Path(uploads.__file__).parent
    for name in ("uploads.py", "uploads_probe.py"):
        for node in ast.walk(ast.parse((folder / name).read_text())):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not any(m.split(".")[0] == "django" for m in modules), (name, modules)


def test_it_accepts_a_real_workbook_and_reports_what_it_holds() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in range(1, 200):
        sheet.append([row, f"Shelter {row}", row * 3.5])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    accepted = check_upload("results.xlsx", data, UPLOAD_LIMIT)
    assert accepted.content_type.endswith("spreadsheetml.sheet")
    report = probe_archive(data)
    assert "xl" in report.folders
    assert report.nesting == 0
    assert 5 <= report.members <= 30
    assert report.uncompressed > len(data)


def test_it_refuses_a_small_zip_bomb_without_expanding_it_here() -> None:
    bomb = zeros_member(60 * MB)
    assert len(bomb) < 200_000  # 60 MB of zeros in under 200 kB
    with pytest.raises(UploadRefused) as refused:
        check_upload("budget.docx", bomb, UPLOAD_LIMIT)
    message = str(refused.value)
    assert message.startswith("budget.docx was refused: it expands more than 100 times")
    assert "zip bomb" in message
    assert message.endswith("Nothing was saved.")


def test_it_refuses_an_archive_that_expands_past_the_total_limit() -> None:
    data = zeros_member(3 * MB)
    with pytest.raises(UploadRefused, match="declare 3,145,732 bytes; the limit is 2,000,000"):
        inspect_archive(data, ArchiveLimits(uncompressed=2_000_000))
    assert inspect_archive(data).uncompressed == 3 * MB + 4


def test_it_refuses_an_archive_with_too_many_members() -> None:
    many = document(**{f"word/part{i}.xml": b"<p/>" for i in range(uploads.MAX_MEMBERS)})
    assert len(many) < UPLOAD_LIMIT
    with pytest.raises(UploadRefused, match="more than 1,000 members"):
        check_upload("long.docx", many, UPLOAD_LIMIT)


def test_it_reads_one_embedded_workbook_but_refuses_an_archive_inside_that() -> None:
    workbook = archive({"xl/workbook.xml": b"<workbook/>"})
    embedded = document(**{"word/embeddings/sheet.xlsx": workbook})
    assert probe_archive(embedded).nesting == 1
    check_upload("report.docx", embedded, UPLOAD_LIMIT)
    deeper = document(**{"word/embeddings/sheet.xlsx": archive({"inner.zip": workbook})})
    with pytest.raises(UploadRefused, match=r"nested more than 1 deep \('inner.zip'\)"):
        check_upload("report.docx", deeper, UPLOAD_LIMIT)


@pytest.mark.parametrize(
    "name",
    ["../../etc/cron.d/evil", "word/../../outside.xml", "/etc/passwd", "C:\\boot.ini",
     "word\\..\\..\\evil.xml", "\\\\server\\share\\x"],
)  # fmt: skip
def test_it_refuses_member_names_that_leave_their_folder(name: str) -> None:
    with pytest.raises(UploadRefused, match="leaves its folder"):
        check_upload("report.docx", document(**{name: b"x"}), UPLOAD_LIMIT)


def test_it_refuses_encrypted_members_it_cannot_check() -> None:
    data = bytearray(document())
    for header, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central
        at = data.find(header)
        while at >= 0:
            data[at + flags] |= 0x1  # "encrypted"
            at = data.find(header, at + 4)
    with pytest.raises(UploadRefused, match="encrypted members"):
        check_upload("report.docx", bytes(data), UPLOAD_LIMIT)


def test_a_damaged_archive_is_refused_with_a_reason() -> None:
    data = bytearray(document())
    data[40:60] = b"\xff" * 20  # inside the first member's data: its checksum fails
    with pytest.raises(UploadRefused, match="was refused: it is not a readable ZIP archive"):
        check_upload("report.docx", bytes(data), UPLOAD_LIMIT)


def test_the_probe_process_cannot_use_more_memory_than_its_cap() -> None:
    """A nested member that has to be held in memory: with a 96 MB cap the probe dies, the
    caller refuses the file and goes on."""
    inner = archive({"xl/big.bin": bytes(60 * MB)}, method=zipfile.ZIP_STORED)
    data = document(**{"word/embeddings/big.xlsx": inner})
    roomy = ArchiveLimits(uncompressed=500 * MB, ratio=10**6)
    assert probe_archive(data, roomy).uncompressed > 120 * MB
    with pytest.raises(UploadRefused, match="past the memory or time allowed"):
        probe_archive(data, ArchiveLimits(uncompressed=500 * MB, ratio=10**6, memory=96 * MB))


def test_the_probe_process_caps_its_own_address_space() -> None:
    script = (
        "from tipmon.assistance.uploads import ArchiveLimits\n"
        "from tipmon.assistance.uploads_probe import limit_resources\n"
        "limit_resources(ArchiveLimits(memory=256 * 1024 * 1024))\n"
        "try:\n    bytearray(400 * 1024 * 1024)\nexcept MemoryError:\n    print('capped')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.stdout.strip() == "capped", done.stderr


def test_a_probe_that_runs_out_of_time_refuses_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "PROBE_TIMEOUT_SECONDS", 0.001)
    with pytest.raises(UploadRefused, match="was refused: checking it took longer than"):
        check_upload("report.docx", document(), UPLOAD_LIMIT)


@pytest.mark.django_db
def test_the_report_form_refuses_a_zip_bomb_and_saves_nothing(
    program_officer: User, program: Program, tmp_path: Path
) -> None:
    period = services.add_period(
        program, "Y1", date(2024, 10, 1), date(2025, 9, 30), program_officer
    )
    client = Client()
    client.force_login(program_officer)
    bomb = SimpleUploadedFile("results.docx", zeros_member(60 * MB))
    response = client.post(
        f"/work/assistance/programs/{program.code}/reports",
        {"period": period.pk, "narrative": "Year one", "attachments": [bomb]},
    )
    assert response.status_code == 400
    assert "results.docx was refused: it expands more than 100 times" in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert not Attachment.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


# Property tests: whatever the bytes, a report or a refusal with a reason, never a crash.


@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_or_read_never_crash(data: bytes) -> None:
    try:
        report = inspect_archive(uploads.ZIP_MAGIC + data)
    except UploadRefused as exc:
        assert str(exc)
    else:
        assert report.members >= 0


VALID = document(**{"word/styles.xml": b"<styles>" + b"<s/>" * 50 + b"</styles>"})


@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=6))
def test_damaged_office_files_are_refused_or_read_never_crash(
    flips: list[tuple[int, int]],
) -> None:
    data = bytearray(VALID)
    for where, value in flips:
        data[where] = value
    try:
        inspect_archive(bytes(data))
    except UploadRefused as exc:
        assert str(exc)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=500), st.sampled_from(["a.docx", "b.xlsx"]))
def test_random_office_uploads_through_the_probe_never_crash(data: bytes, name: str) -> None:
    try:
        check_upload(name, uploads.ZIP_MAGIC + data, UPLOAD_LIMIT)
    except UploadRefused as exc:
        assert str(exc).endswith("Nothing was saved.")
