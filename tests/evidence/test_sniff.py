"""sniff: a file's kind comes from its bytes; the extension only tells what it claims."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence import docfactory
from tipmon.evidence.pipeline.sniff import Sniffed, claimed_kind, sniff

MAGICS = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"MZ", b"<html>", b"From: a@b\r\nSubject: x\r\n\r\n"]


def test_it_knows_a_pdf_by_its_header_whatever_its_name() -> None:
    data = docfactory.pdf(["A short report."])
    assert sniff(data, "report.pdf") == Sniffed("application/pdf", "pdf", "pdf", False)
    assert sniff(data, "report.txt").kind == "pdf"
    assert sniff(data, "report.txt").mismatch


def test_it_tells_a_docx_from_a_plain_zip_by_word_document_xml() -> None:
    word = docfactory.docx_file(["Hello."])
    plain = docfactory.zip_of({"a.txt": b"hello"})
    assert sniff(word[:4096], "x.docx").kind == "docx"
    assert sniff(plain, "x.zip").kind == "zip"
    assert sniff(plain, "x.docx").mismatch


def test_it_knows_a_docx_whose_main_part_lies_beyond_the_head() -> None:
    data = docfactory.zip_of(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/media/image1.png": os.urandom(200_000),
            "word/document.xml": b"<w:document/>",
        }
    )
    assert b"word/document.xml" not in data[:65536]
    assert sniff(data[:65536], "scan.docx").kind == "docx"


def test_it_does_not_take_other_office_or_open_containers_for_archives() -> None:
    workbook = docfactory.zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})
    odt = docfactory.zip_of({"mimetype": b"application/vnd.oasis.opendocument.text"})
    assert sniff(workbook, "figures.xlsx").kind is None
    assert sniff(odt, "letter.odt").kind is None
    assert sniff(workbook, "figures.zip").mismatch


def test_it_flags_a_windows_program_named_as_a_pdf() -> None:
    found = sniff(docfactory.windows_executable(), "annual-report.pdf")
    assert found.kind is None
    assert found.claimed_kind == "pdf"
    assert found.mismatch
    assert found.executable


def test_it_reads_a_txt_that_is_really_html_as_html_and_says_so() -> None:
    found = sniff(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "notes.txt")
    assert (found.kind, found.claimed_kind, found.mismatch) == ("html", "text", True)


def test_it_finds_html_by_its_markup_without_a_doctype() -> None:
    data = b"Some intro\n<div class='x'><p>Paragraph</p><p>Another</p></div>"
    assert sniff(data, "page").kind == "html"


def test_it_knows_an_email_by_its_headers_even_with_an_html_body() -> None:
    data = docfactory.html_only_eml("Raid in port", "<html><body><p>News</p></body></html>")
    assert sniff(data, "message.eml").kind == "eml"
    assert sniff(docfactory.eml("S", "Body"), "message.txt").mismatch


def test_it_does_not_take_a_text_with_a_colon_for_an_email() -> None:
    assert sniff(b"Note: the ministry reported 12 cases.\n\nMore text.", "a.txt").kind == "text"


def test_it_calls_bytes_with_nuls_binary_but_utf16_text_text() -> None:
    assert sniff(bytes(range(256)), "data.txt").kind is None
    assert sniff("Rapport annuel é".encode("utf-16-le"), "a.txt").kind == "text"
    assert sniff("\ufeffRapport".encode("utf-16"), "a.txt").kind == "text"


def test_it_accepts_a_head_that_cuts_a_character_in_half() -> None:
    head = ("é" * 100).encode()[:-1]
    assert sniff(head, "a.txt").kind == "text"


def test_it_takes_the_claim_from_the_last_extension_only() -> None:
    assert claimed_kind("C:\\Users\\x\\report.PDF") == "pdf"
    assert claimed_kind("archive.tar.gz") is None
    assert claimed_kind("noextension") is None


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(MAGICS),
    body=st.binary(max_size=2048),
    name=st.text(max_size=40),
)
def test_it_never_raises_on_arbitrary_bytes(prefix: bytes, body: bytes, name: str) -> None:
    found = sniff(prefix + body, name)
    assert found.kind in {None, "pdf", "html", "docx", "eml", "text", "zip"}
    assert found.mismatch == (found.claimed_kind is not None and found.claimed_kind != found.kind)


def test_its_modules_import_no_django() -> None:
    modules = ["sniff", "text", "archive", "sandbox"]
    code = "".join(f"import tipmon.evidence.pipeline.{m};" for m in modules)
    code += "import sys; assert 'django' not in sys.modules, 'django imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
