"""The gettext catalogs of the model documents: languages, review status, extract and compile.

Catalogs live in ``locale/<lang>/LC_MESSAGES/documents.po`` beside this module, compiled to
``documents.mo`` with Babel (pure Python). The ``.mo`` files are committed; a test checks
they are what compiling the ``.po`` files gives today. After editing the documents' words::

    .venv/bin/python -m tipmon.documents.catalogs extract   # refresh documents.pot
    .venv/bin/python -m tipmon.documents.catalogs update    # merge it into every .po
    .venv/bin/python -m tipmon.documents.catalogs compile   # write every .mo
"""

from __future__ import annotations

import gettext
import io
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
LOCALE = HERE / "locale"
DOMAIN = "documents"
REVIEW_STATUS = LOCALE / "review-status.json"
SOURCES = (HERE / "content.py",)


@dataclass(frozen=True)
class Language:
    code: str  # the catalog's folder and the form's value
    english: str
    native: str
    babel: str  # the CLDR locale for dates, money and country names
    rtl: bool = False


LANGUAGES = (
    Language("en", "English", "English", "en"),
    Language("es", "Spanish", "Español", "es"),
    Language("fr", "French", "Français", "fr"),
    Language("ar", "Arabic", "العربية", "ar", rtl=True),
    Language("tl", "Tagalog", "Tagalog", "fil"),
    Language("id", "Indonesian", "Bahasa Indonesia", "id"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class ReviewStatus:
    code: str
    status: str  # "source", "machine draft" or "reviewed"
    reviewer: str
    reviewed_on: str
    note: str

    @property
    def is_draft(self) -> bool:
        return self.status != "reviewed" and self.code != SOURCE_LANGUAGE


def review_statuses() -> dict[str, ReviewStatus]:
    """Each language's review status, from ``locale/review-status.json``."""
    raw = json.loads(REVIEW_STATUS.read_text(encoding="utf-8"))
    return {
        code: ReviewStatus(
            code=code,
            status=entry["status"],
            reviewer=entry.get("reviewer", ""),
            reviewed_on=entry.get("reviewed_on", ""),
            note=entry.get("note", ""),
        )
        for code, entry in raw.items()
    }


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (English is the source: its msgids stand)."""
    mo = po_path(code).with_suffix(".mo")
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def extract() -> Catalog:
    catalog = Catalog(project="TIP Monitor model documents", fuzzy=False)
    for source in SOURCES:
        for lineno, message, comments, _context in extract_from_file(
            "python", str(source), keywords={"N_": None}
        ):
            catalog.add(message, locations=[(source.name, lineno)], auto_comments=comments)
    return catalog


def compiled(code: str) -> bytes:
    """What compiling a language's ``.po`` gives, byte for byte."""
    with po_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=BY_CODE[code].babel, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=96, omit_header=False, sort_output=False)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        _write_po(LOCALE / f"{DOMAIN}.pot", extract())
    elif command == "update":
        template = extract()
        for language in LANGUAGES:
            with po_path(language.code).open("rb") as handle:
                catalog = read_po(handle, locale=language.babel, domain=DOMAIN)
            catalog.update(template, no_fuzzy_matching=True)
            _write_po(po_path(language.code), catalog)
    elif command == "compile":
        for language in LANGUAGES:
            po_path(language.code).with_suffix(".mo").write_bytes(compiled(language.code))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
