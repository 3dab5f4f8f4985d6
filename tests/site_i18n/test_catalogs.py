"""The chrome's catalogs: every message the chrome's templates mark is translated into Spanish
and French, placeholders and links survive translation, and the committed .mo files are what
Babel compiles from the .po files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

from tipmon.core.navigation import PRIMARY_NAV

SRC = Path(__file__).resolve().parents[2] / "src" / "tipmon"
LOCALE = SRC / "locale"
TEMPLATES = SRC / "templates"
#: The chrome: the base layout, its includes and the error pages.
CHROME = [
    TEMPLATES / "base.html",
    TEMPLATES / "400.html",
    TEMPLATES / "404.html",
    TEMPLATES / "500.html",
    *sorted((TEMPLATES / "includes").glob("*.html")),
]
LANGUAGES = ("es", "fr")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
LINK = re.compile(r"<a href=\"%\((\w+)\)s\">")


def catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language, domain="django")


def marked_messages(template: Path) -> set[tuple[str | None, str]]:
    """(context, message) for each message the template marks, extracted in pure Python."""
    code = templatize(template.read_text(encoding="utf-8"), origin=str(template))
    # The extractor tokenises Python; the template's indentation means nothing to it.
    flat = "\n".join(line.lstrip() for line in code.splitlines())
    found: set[tuple[str | None, str]] = set()
    for _, _, message, _ in extract_python(io.BytesIO(flat.encode()), DEFAULT_KEYWORDS, [], {}):
        if isinstance(message, tuple):
            found.add((message[0], message[1]))
        else:
            found.add((None, message))
    return found


def test_the_chrome_marks_its_text_for_translation() -> None:
    marked = set().union(*(marked_messages(path) for path in CHROME))
    assert (None, "Skip to main content") in marked
    assert ("site name", "TIP Monitor") in marked
    assert len(marked) >= 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_chrome_is_translated(language: str) -> None:
    entries = catalog(language)
    missing = []
    for path in CHROME:
        for context, text in sorted(marked_messages(path), key=str):
            entry = entries.get(text, context=context)
            if entry is None or not entry.string or entry.fuzzy:
                missing.append(f"{path.name}: {context or ''} {text!r}")
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_navigation_label_is_translated(language: str) -> None:
    entries = catalog(language)
    missing = [
        item.label
        for item in PRIMARY_NAV
        if not (entry := entries.get(item.label, context="navigation")) or not entry.string
    ]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder_and_link_target(language: str) -> None:
    for entry in catalog(language):
        if not entry.id:
            continue
        source, translated = str(entry.id), str(entry.string)
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source))
        assert sorted(LINK.findall(translated)) == sorted(LINK.findall(source))
        assert translated.count("</a>") == source.count("</a>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_compiled_catalog_is_what_babel_compiles_from_the_po_file(
    language: str,
) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    committed = (LOCALE / language / "LC_MESSAGES" / "django.mo").read_bytes()
    assert committed == compiled.getvalue(), "run `make messages` and commit the .mo file"


def test_each_catalog_says_its_translation_awaits_review() -> None:
    for language in LANGUAGES:
        header = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        assert "to be reviewed" in header
