"""A package of model documents as PDF, laid out by WeasyPrint from an HTML template.

Right-to-left languages get ``dir="rtl"`` on the page, so WeasyPrint (with Pango and
HarfBuzz) orders and shapes the text; DejaVu Sans, a Debian font, covers the Latin and
Arabic scripts of the six languages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from tipmon.documents.content import PAY_ROWS
from tipmon.documents.services import Package

STYLESHEET = Path(__file__).resolve().parent / "print.css"


@cache
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(filename=str(STYLESHEET))


def html(package: Package) -> str:
    return render_to_string(
        "documents/print.html", {"package": package, "pay_rows": range(PAY_ROWS)}
    )


def render(package: Package) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html(package)).write_pdf(stylesheets=[_stylesheet()])
    return pdf
