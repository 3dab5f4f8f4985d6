"""What an attachment may be: the size limit, and extension and content that agree."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipmon.assistance.uploads import UploadRefused, check_size, check_upload

LIMIT = 1000
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def office_file(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 10, "image/jpeg"),
        ("notes.txt", "Résumé of the quarter\n".encode(), "text/plain"),
        ("values.csv", b"indicator,value\nV1,10\n", "text/csv"),
        ("narrative.docx", office_file("word/"), "application/vnd.openxmlformats-officedocument"
         ".wordprocessingml.document"),
        ("budget.xlsx", office_file("xl/"), "application/vnd.openxmlformats-officedocument"
         ".spreadsheetml.sheet"),
    ],
)  # fmt: skip
def test_it_accepts_each_allowed_type_when_content_matches(
    name: str, data: bytes, content_type: str
) -> None:
    accepted = check_upload(name, data, 10**6)
    assert accepted.content_type == content_type
    assert accepted.size == len(data)
    assert len(accepted.sha256) == 64


def test_it_refuses_a_file_over_the_limit_and_says_the_limit() -> None:
    with pytest.raises(UploadRefused, match="1,001 bytes; the limit is 1,000 bytes"):
        check_size("big.pdf", LIMIT + 1, LIMIT)
    with pytest.raises(UploadRefused, match="the limit is 1,000 bytes"):
        check_upload("big.pdf", PDF + b" " * LIMIT, LIMIT)


def test_it_refuses_an_executable_renamed_to_pdf() -> None:
    with pytest.raises(UploadRefused, match=r"named \.pdf but its content is not a PDF"):
        check_upload("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00", LIMIT)


def test_it_refuses_a_pdf_renamed_to_png() -> None:
    with pytest.raises(UploadRefused, match="not a PNG"):
        check_upload("photo.png", PDF, LIMIT)


def test_it_refuses_a_word_file_posing_as_a_spreadsheet() -> None:
    with pytest.raises(UploadRefused, match="not a XLSX"):
        check_upload("budget.xlsx", office_file("word/"), 10**6)


def test_it_refuses_binary_content_named_as_text() -> None:
    with pytest.raises(UploadRefused, match="not a TXT"):
        check_upload("notes.txt", b"\x00\x01\x02binary", LIMIT)


def test_it_refuses_other_extensions_and_lists_what_it_accepts() -> None:
    with pytest.raises(UploadRefused, match=r"'\.exe' are not accepted; attach PDF, DOCX"):
        check_upload("setup.exe", b"MZ", LIMIT)


@given(st.text(max_size=30), st.binary(max_size=300))
def test_random_names_and_bytes_are_accepted_or_refused_never_crash(name: str, data: bytes) -> None:
    try:
        accepted = check_upload(name, data, LIMIT)
    except UploadRefused as exc:
        assert "Nothing was saved" in str(exc)
    else:
        assert accepted.size == len(data)
