"""The package as PDF and DOCX in each language: filled in, draft translations marked, local
law left to counsel, Arabic laid out right to left with its glyphs in the PDF."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader

from documents.sample import GOOD
from tipmon.documents import catalogs, content, pdf, services, word
from tipmon.documents.services import TermsRefused

pytestmark = pytest.mark.django_db
ARABIC = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_text(body: bytes) -> str:
    """The PDF's text with every run of white space as one space (lines wrap anywhere)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return re.sub(r"\s+", " ", text)


def docx_xml(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read("word/document.xml").decode()


def test_the_english_package_holds_five_documents_filled_in_with_blanks_for_counsel() -> None:
    package = services.package(GOOD, "en")
    assert [d.slug for d in package.documents] == list(content.SLUGS)
    text = pdf_text(pdf.render(package))
    for expected in (
        "Employment contract for a domestic worker",
        "Statement of rights",
        "Pay record",
        "Complaint form",
        "Notice of termination of employment",
        "Rima Haddad",
        "Maria Santos",
        "Lebanon",
        "$450.00 per month",
        "January 5, 2026",
        "Statutory minimum wage in Lebanon",
        "Notice period under local law",
        "Social insurance",
    ):
        assert expected in text, expected
    assert text.count("to be completed by local counsel") == 8
    assert "Draft translation" not in text


def test_a_contract_without_an_end_date_says_it_runs_until_notice() -> None:
    (contract,) = services.package(GOOD, "en", only="contract").documents
    paragraphs = [b.text for b in contract.blocks]
    assert (
        "Employment starts on January 5, 2026. It continues until either party ends it by "
        "written notice." in paragraphs
    )
    fixed = services.package(
        dataclasses.replace(GOOD, end=GOOD.start.replace(year=2028)), "en", only="contract"
    )
    assert any("It ends on January 5, 2028." in b.text for b in fixed.documents[0].blocks)


@pytest.mark.parametrize("code", ["es", "fr", "ar", "tl", "id"])
def test_each_machine_drafted_language_is_marked_as_a_draft_in_pdf_and_docx(code: str) -> None:
    package = services.package(GOOD, code, only="rights")
    assert package.draft
    translated = catalogs.translations(code).gettext(content.DRAFT_NOTE)
    assert translated != content.DRAFT_NOTE
    flat = re.sub(r"\s+", "", pdf_text(pdf.render(package)))
    assert "Drafttranslation—tobereviewedbyaqualifiedtranslator" in flat
    if code != "ar":  # Arabic text comes out of pypdf in visual order; see the test below
        assert re.sub(r"\s+", "", translated) in flat
    document = docx.Document(io.BytesIO(word.render(package)))
    texts = [p.text for p in document.paragraphs]
    assert content.DRAFT_NOTE in texts
    assert translated in texts
    title = catalogs.translations(code).gettext("Statement of rights")
    assert title in texts


def test_the_arabic_pdf_is_right_to_left_and_renders_arabic_glyphs() -> None:
    package = services.package(GOOD, "ar", only="contract")
    html = pdf.html(package)
    assert '<html lang="ar" dir="rtl">' in html
    body = pdf.render(package)
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(ARABIC.findall(text)) > 500
    assert "لبنان" in text  # the country's name in Arabic, from CLDR
    assert "\ufffd" not in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu-Sans" in name for name in fonts), fonts


def test_the_arabic_docx_sets_bidi_on_paragraphs_and_rtl_on_runs() -> None:
    body = word.render(services.package(GOOD, "ar", only="pay-record"))
    document = docx.Document(io.BytesIO(body))
    arabic = [p for p in document.paragraphs if ARABIC.search(p.text)]
    assert len(arabic) > 5
    for paragraph in arabic:
        assert paragraph._p.pPr.find(f"{W}bidi") is not None, paragraph.text
        assert all(r._r.rPr.find(f"{W}rtl") is not None for r in paragraph.runs)
    (table,) = document.tables
    assert table._tbl.tblPr.find(f"{W}bidiVisual") is not None
    assert table.rows[0].cells[0].text == "فترة الأجر"
    assert len(table.rows) == content.PAY_ROWS + 1


def test_the_english_docx_has_no_right_to_left_marks_and_leaves_local_law_to_counsel() -> None:
    body = word.render(services.package(GOOD, "en"))
    xml = docx_xml(body)
    assert "w:bidi" not in xml
    assert "w:rtl" not in xml
    document = docx.Document(io.BytesIO(body))
    counsel = [p.text for p in document.paragraphs if "local counsel" in p.text]
    assert len(counsel) == 8
    assert (
        "Statutory minimum wage in Lebanon: ______________________ (to be completed by "
        "local counsel)" in counsel
    )


def test_the_filename_names_the_document_and_the_language() -> None:
    assert services.package(GOOD, "fr").filename("pdf") == "domestic-worker-package-fr.pdf"
    one = services.package(GOOD, "tl", only="complaint")
    assert one.filename("docx") == "domestic-worker-complaint-tl.docx"


def test_the_service_refuses_terms_that_breach_the_standards() -> None:
    with pytest.raises(TermsRefused) as refused:
        services.package(dataclasses.replace(GOOD, passport_holder="employer"), "en")
    assert refused.value.decision.for_field("passport_holder")


def test_text_typed_into_the_form_cannot_inject_markup_into_the_pdf() -> None:
    terms = dataclasses.replace(GOOD, worker_name='<img src="file:///etc/passwd">{start}')
    html = pdf.html(services.package(terms, "en", only="rights"))
    assert "<img" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;{start}" in html
