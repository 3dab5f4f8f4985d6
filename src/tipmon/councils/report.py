"""The annual progress report as PDF, rendered by WeasyPrint from a print template (the same
figures and sources as the HTML page)."""

from __future__ import annotations

from django.template.loader import render_to_string

from tipmon.councils.progress import ProgressReport
from tipmon.settings import PACKAGE_DIR

STATIC = PACKAGE_DIR / "static"


def progress_html(report: ProgressReport) -> str:
    return render_to_string("councils/progress_print.html", {"report": report})


def progress_pdf(report: ProgressReport) -> bytes:
    from weasyprint import HTML

    document = HTML(string=progress_html(report), base_url=str(STATIC))
    pdf: bytes = document.write_pdf()
    return pdf
