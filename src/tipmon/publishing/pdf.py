"""The report as PDF, rendered by WeasyPrint from the same HTML as the web pages."""

from __future__ import annotations

from django.template.loader import render_to_string

from tipmon.publishing.services import Report, map_svg
from tipmon.settings import PACKAGE_DIR

STATIC = PACKAGE_DIR / "static"


def report_pdf(result: Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string("publishing/report_print.html",
                            {"report": result, "map_svg": map_svg(result)})  # fmt: skip
    document = HTML(string=html, base_url=str(STATIC))
    pdf: bytes = document.write_pdf()
    return pdf
