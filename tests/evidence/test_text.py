"""text.extract: real files in, text with consistent offsets out, or a clear refusal."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence import docfactory
from tipmon.evidence.pipeline.text import (
    Limits,
    Rejected,
    assemble,
    clean,
    decode_text,
    extract,
    extract_email,
    repair_mojibake,
)

NEPAL = "The Government of Nepal investigated 40 trafficking cases in 2023."
NEPAL_2 = "Authorities identified 112 victims, compared with 98 the previous year."
CHAD = "Le gouvernement du Tchad a poursuivi 12 trafiquants présumés."


@cache
def three_page_pdf() -> bytes:
    return docfactory.pdf([NEPAL, NEPAL_2 + "\n\nA second paragraph on page two.", CHAD], "TIP")


def refusal(data: bytes, filename: str, limits: Limits | None = None) -> Rejected:
    with pytest.raises(Rejected) as caught:
        extract(data, filename, "doc-1", limits)
    rejected = caught.value
    # Written for the uploader: whole sentences, no exception names or tracebacks.
    assert rejected.message.endswith("."), rejected.message
    assert "Error" not in rejected.message
    assert "Traceback" not in rejected.message
    return rejected


# PDF


def test_it_reads_each_pdf_page_and_records_where_each_begins() -> None:
    document = extract(three_page_pdf(), "report.pdf", "doc-1")
    assert document.media_type == "application/pdf"
    assert document.key == "doc-1"
    assert document.title == "TIP"
    assert len(document.page_starts) == 3
    pages = [
        document.text[start:end]
        for start, end in zip(
            document.page_starts, [*document.page_starts[1:], len(document.text)], strict=True
        )
    ]
    assert NEPAL in pages[0]
    assert NEPAL_2 in pages[1]
    assert "second paragraph" in pages[1]
    assert CHAD in pages[2]
    at = document.text.index("Tchad")
    assert document.page_at(at) == 3
    assert document.page_at(document.text.index("112")) == 2


def test_it_refuses_a_password_protected_pdf() -> None:
    rejected = refusal(docfactory.encrypted_pdf([NEPAL]), "locked.pdf")
    assert rejected.code == "encrypted"
    assert "password" in rejected.message


def test_it_refuses_a_pdf_cut_off_halfway() -> None:
    data = three_page_pdf()
    rejected = refusal(data[: len(data) // 2], "partial.pdf")
    assert rejected.code == "corrupt"
    assert "incomplete" in rejected.message


def test_it_refuses_a_pdf_whose_insides_are_garbage() -> None:
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage \xff\xfe\n%%EOF\n"
    assert refusal(data, "broken.pdf").code == "corrupt"


def test_it_refuses_a_pdf_over_the_page_limit_before_reading_its_pages() -> None:
    rejected = refusal(docfactory.blank_pdf(6), "long.pdf", Limits(max_pages=5))
    assert rejected.code == "too-many-pages"
    assert "6 pages" in rejected.message
    assert "5" in rejected.message


def test_it_calls_a_pdf_without_a_text_layer_empty() -> None:
    rejected = refusal(docfactory.blank_pdf(2), "scan.pdf")
    assert rejected.code == "empty"
    assert "scanned" in rejected.message


def test_it_refuses_a_file_over_the_size_limit_without_reading_it() -> None:
    rejected = refusal(b"x" * 2048, "big.txt", Limits(max_bytes=1024))
    assert rejected.code == "too-large"


# Type checks by content


def test_it_refuses_a_windows_program_named_as_a_pdf() -> None:
    rejected = refusal(docfactory.windows_executable(), "annual-report.pdf")
    assert rejected.code == "mismatch-binary"
    assert "Windows program" in rejected.message
    assert "annual-report.pdf" in rejected.message


def test_it_refuses_an_image_as_an_unsupported_type() -> None:
    rejected = refusal(b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.png")
    assert rejected.code == "unsupported-type"
    assert "PNG image" in rejected.message


def test_it_refuses_a_spreadsheet_instead_of_reading_its_parts() -> None:
    workbook = docfactory.zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})
    rejected = refusal(workbook, "figures.xlsx")
    assert rejected.code == "unsupported-type"
    assert ".xlsx" in rejected.message


def test_it_reads_a_txt_that_is_really_html_as_html_with_a_note() -> None:
    page = f"<html><head><title>Raid</title></head><body><p>{NEPAL}</p></body></html>".encode()
    document = extract(page, "notes.txt", "doc-1")
    assert document.media_type == "text/html"
    assert NEPAL in document.text
    assert "<p>" not in document.text
    assert "web page" in document.metadata["note"]


def test_it_sends_a_zip_to_the_archive_reader() -> None:
    assert refusal(docfactory.zip_of({"a.txt": b"hello"}), "a.zip").code == "archive"


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_it_calls_an_empty_file_empty(data: bytes) -> None:
    assert refusal(data, "a.txt").code == "empty"


# HTML


def test_it_takes_an_articles_main_text_and_title_leaving_the_navigation() -> None:
    article = " ".join([NEPAL, NEPAL_2] * 4)
    page = f"""<!DOCTYPE html><html><head><title>Nepal raids</title>
    <script>var tracking = 1;</script></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
    <article><h1>Nepal raids</h1><p>{article}</p><p>{CHAD} {CHAD}</p></article>
    <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""
    document = extract(page.encode(), "story.html", "doc-1")
    assert document.title == "Nepal raids"
    assert NEPAL in document.text
    assert CHAD in document.text
    assert "tracking" not in document.text
    assert "About us" not in document.text


def test_it_falls_back_to_all_text_when_there_is_no_main_text() -> None:
    document = extract(b"<html><body><div>Short note.</div></body></html>", "n.html", "d")
    assert document.text == "Short note."


def test_it_decodes_html_by_its_declared_charset() -> None:
    page = "<html><head><meta charset='windows-1252'></head><body><p>Présumés, año.</p></body>"
    document = extract((page + "</html>").encode("cp1252"), "p.html", "d")
    assert "Présumés, año." in document.text


# DOCX


def test_it_reads_a_docx_paragraphs_and_tables_in_order() -> None:
    data = docfactory.docx_file(
        [NEPAL, CHAD], [["Year", "Victims"], ["2023", "112"]], title="Submission"
    )
    document = extract(data, "submission.docx", "doc-1")
    assert document.title == "Submission"
    assert document.text.splitlines() == [
        NEPAL,
        CHAD,
        "Year\tVictims",
        "2023\t112",
        "Closing paragraph after the table.",
    ]
    assert document.page_starts == (0,)
    assert document.page_at(5) is None


def test_it_refuses_a_docx_that_hides_a_zip_bomb() -> None:
    out = io.BytesIO(docfactory.docx_file([NEPAL]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", bytes(20 * 1024 * 1024))
    assert refusal(out.getvalue(), "x.docx").code == "zip-bomb"


def test_it_refuses_a_docx_whose_xml_is_broken() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    assert refusal(out.getvalue(), "x.docx").code == "corrupt"


# E-mail


def test_it_reads_an_emails_subject_sender_date_body_and_hands_back_attachments() -> None:
    pdf = three_page_pdf()
    data = docfactory.eml(
        "Raid in Pokhara", NEPAL, attachments=[("report.pdf", pdf, "application/pdf")]
    )
    document, attachments = extract_email(data, "mail-1")
    assert document.media_type == "message/rfc822"
    assert document.title == "Raid in Pokhara"
    assert document.text.startswith("Raid in Pokhara\n\n" + NEPAL)
    assert document.metadata["from"] == "Field Office <field@example.org>"
    assert document.metadata["date"] == "Mon, 04 Mar 2024 09:30:00 +0000"
    assert attachments == [("report.pdf", pdf)]
    assert extract(data, "mail.eml", "mail-1").metadata["attachments"] == "report.pdf"


def test_it_reads_an_html_only_email_through_the_html_path() -> None:
    data = docfactory.html_only_eml("Chad", f"<html><body><p>{CHAD}</p></body></html>")
    document = extract(data, "mail.eml", "d")
    assert document.text == f"Chad\n\n{CHAD}"


# Plain text: encodings, mojibake, normalisation


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CHAD.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CHAD.encode("utf-8"), "utf-8"),
        (CHAD.encode("utf-16"), "utf-16-le"),
        (CHAD.encode("utf-16-le"), "utf-16-le"),
        ((CHAD + " Año, niño, acción.").encode("cp1252"), "cp1252"),
    ],
)
def test_it_decodes_text_in_common_encodings(data: bytes, encoding: str) -> None:
    document = extract(data, "t.txt", "d")
    assert document.text.startswith(CHAD)
    assert document.metadata["encoding"] == encoding


def test_it_repairs_utf8_that_was_read_as_cp1252() -> None:
    original = "Le rapport « présumé » cite l\u2019État, à la frontière — 50 € “quoted”, año."
    mangled = original.encode("utf-8").decode("cp1252", errors="replace")
    assert "Ã©" in mangled
    document = extract(mangled.encode("utf-8"), "t.txt", "d")
    assert document.text == original


def test_it_repairs_mojibake_applied_twice_and_leaves_good_text_alone() -> None:
    once = CHAD.encode("utf-8").decode("latin-1")
    twice = once.encode("utf-8").decode("latin-1")
    assert repair_mojibake(twice) == CHAD
    assert repair_mojibake(CHAD) == CHAD
    assert repair_mojibake("Ñandú, ¿qué?, naïveté, Ça") == "Ñandú, ¿qué?, naïveté, Ça"


def test_it_refuses_text_that_stays_garbage() -> None:
    garbage = ("Rapport \ufffd\ufffd\ufffd \x01\x02 annuel " * 30).encode("utf-8")
    rejected = refusal(garbage, "t.txt")
    assert rejected.code == "mojibake"
    assert "UTF-8" in rejected.message


def test_it_normalises_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", CHAD)
    assert decomposed != CHAD
    assert extract(decomposed.encode(), "t.txt", "d").text == CHAD


def test_it_keeps_offsets_when_blanking_stray_control_characters() -> None:
    document = extract(b"Line one\r\nLine\x07two\rthree", "t.txt", "d")
    assert document.text == "Line one\nLine two\nthree"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_the_text_decoder_raises_only_rejected(data: bytes) -> None:
    try:
        text, encoding = decode_text(data)
    except Rejected as exc:
        assert exc.code == "mojibake"
    else:
        assert isinstance(text, str)
        assert encoding


PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"<html><body>",
    b"From: a@example.org\nSubject: s\nDate: x\n\n",
    b"\xff\xfe",
    b"MZ",
]


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2048),
    suffix=st.sampled_from([b"", b"\n%%EOF\n"]),
    name=st.sampled_from(["a.txt", "a.pdf", "a.docx", "a.eml", "a.html", "a"]),
)
def test_extract_raises_only_rejected_on_arbitrary_bytes(
    prefix: bytes, body: bytes, suffix: bytes, name: str
) -> None:
    try:
        document = extract(prefix + body + suffix, name, "d")
    except Rejected as exc:
        assert exc.code
        assert exc.message
    else:
        assert unicodedata.is_normalized("NFC", document.text)
        assert document.page_starts[0] == 0
        assert list(document.page_starts) == sorted(document.page_starts)
        assert document.page_starts[-1] <= len(document.text)


PAGE_TEXT = st.text(
    alphabet=st.sampled_from(list("abc éÉe\u0301ÃÂ©â€™\r\n\t\x07\ufffd. ")), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PAGE_TEXT, min_size=1, max_size=6))
def test_page_starts_point_at_each_pages_cleaned_text(pages: list[str]) -> None:
    try:
        document = assemble("d", "application/pdf", pages)
    except Rejected as exc:
        assert exc.code in {"empty", "mojibake"}
        return
    assert len(document.page_starts) == len(pages)
    for number, (start, page) in enumerate(zip(document.page_starts, pages, strict=True), 1):
        cleaned = clean(page)
        surface = document.text[start : start + len(cleaned)]
        assert len(surface) == len(cleaned)
        # Stray control characters are blanked in place; everything else is as cleaned.
        pairs = zip(surface, cleaned, strict=True)
        assert all(a == b or (a == " " and (b < " " or "\x7f" <= b <= "\x9f")) for a, b in pairs)
        if cleaned:
            assert document.page_at(start) == number
            assert document.page_at(start + len(cleaned) - 1) == number
