"""Templates stay within the content security policy: no inline style or script code."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tipmon"
#: The print stylesheet of the PDF report is read by WeasyPrint, never by a browser.
PRINT_ONLY = {"report_print.html"}
INLINE = re.compile(
    r"""\sstyle\s*=|\son[a-z]+\s*=\s*["']|<script(?![^>]*\b(src|type="application/json")\b)"""
)


def test_no_template_carries_inline_styles_handlers_or_script_code() -> None:
    found = []
    for path in SRC.rglob("*.html"):
        if path.name in PRINT_ONLY:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()[:80]}")
    assert not found, "the CSP blocks these in the browser:\n" + "\n".join(found)
