"""A package of model documents as DOCX, written with python-docx.

For a right-to-left language every paragraph carries ``w:bidi`` and every run ``w:rtl`` (Word
then lays the paragraph out from the right and orders the text), tables carry
``w:bidiVisual``, and the complex-script font is set as well as the Latin one.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_document
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from tipmon.documents.content import PAY_ROWS, Block, Kind
from tipmon.documents.services import Package

FONT = "DejaVu Sans"
RED = RGBColor(0xB5, 0x09, 0x09)


#: Elements that follow ``w:bidi`` in a paragraph's properties, and ``w:rtl`` in a run's
#: (the order of the OOXML schema, which Word enforces).
AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _right_to_left(paragraph: Any) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        p_pr.insert_element_before(OxmlElement("w:bidi"), *AFTER_BIDI)
    for run in paragraph.runs:
        r_pr = run._r.get_or_add_rPr()
        if r_pr.find(qn("w:rtl")) is None:
            r_pr.insert_element_before(OxmlElement("w:rtl"), *AFTER_RTL)


def _set_fonts(document: Any) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
    document.styles["Normal"].font.size = Pt(10)


def _block(document: Any, block: Block, counsel_note: str) -> list[Any]:
    """The paragraphs (and table cells' paragraphs) written for one block."""
    if block.kind == Kind.HEADING:
        return [document.add_heading(block.text, level=2)]
    if block.kind == Kind.COUNSEL:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{block.text}: ").bold = True
        paragraph.add_run("______________________ ")
        note = paragraph.add_run(f"({counsel_note})")
        note.italic = True
        note.font.highlight_color = WD_COLOR_INDEX.GRAY_25
        return [paragraph]
    if block.kind == Kind.FILL:
        return [document.add_paragraph(block.text), document.add_paragraph("_" * 60)]
    if block.kind == Kind.SIGN:
        line = document.add_paragraph("_" * 40)
        line.paragraph_format.space_before = Pt(24)
        return [line, document.add_paragraph(block.text)]
    if block.kind == Kind.TABLE:
        table = document.add_table(rows=PAY_ROWS + 1, cols=len(block.columns))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, block.columns, strict=True):
            cell.text = heading
            for run in cell.paragraphs[0].runs:
                run.bold = True
                run.font.size = Pt(8)
        return [table] + [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [document.add_paragraph(block.text)]


def render(package: Package) -> bytes:
    document = new_document()
    _set_fonts(document)
    document.core_properties.title = package.title
    document.core_properties.language = package.language.code
    written: list[Any] = []
    for index, doc in enumerate(package.documents):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        written.append(document.add_paragraph(package.title))
        for number, line in enumerate(package.draft_notice):
            notice = document.add_paragraph()
            run = notice.add_run(line)
            run.bold = True
            run.font.color.rgb = RED
            if number:  # the first line is the English notice, laid out left to right
                written.append(notice)
        written.append(document.add_heading(doc.title, level=1))
        for block in doc.blocks:
            written.extend(_block(document, block, package.counsel_note))
    if package.language.rtl:
        for item in written:
            if hasattr(item, "_tbl"):
                item._tbl.tblPr.get_or_add_bidiVisual()
            else:
                _right_to_left(item)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
