"""The gettext catalogs: complete, with the same placeholders as the English, compiled
.mo files current, and every language's review status recorded."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from tipmon.documents import catalogs

PLACEHOLDER = re.compile(r"\{(\w+)\}")
OTHERS = [lang.code for lang in catalogs.LANGUAGES if lang.code != "en"]


def _catalog(code: str):  # type: ignore[no-untyped-def]
    with catalogs.po_path(code).open("rb") as handle:
        return read_po(handle, locale=catalogs.BY_CODE[code].babel)


def test_there_are_six_languages_and_arabic_alone_is_right_to_left() -> None:
    assert [lang.code for lang in catalogs.LANGUAGES] == ["en", "es", "fr", "ar", "tl", "id"]
    assert [lang.code for lang in catalogs.LANGUAGES if lang.rtl] == ["ar"]


@pytest.mark.parametrize("code", [lang.code for lang in catalogs.LANGUAGES])
def test_the_committed_mo_file_is_what_compiling_the_po_file_gives(code: str) -> None:
    mo = catalogs.po_path(code).with_suffix(".mo")
    assert mo.read_bytes() == catalogs.compiled(code), (
        f"{mo} is stale: run python -m tipmon.documents.catalogs compile"
    )


@pytest.mark.parametrize("code", [lang.code for lang in catalogs.LANGUAGES])
def test_each_catalog_holds_exactly_the_messages_of_the_documents(code: str) -> None:
    wanted = {m.id for m in catalogs.extract() if m.id}
    held = {m.id for m in _catalog(code) if m.id}
    assert held == wanted, "run python -m tipmon.documents.catalogs update"


@pytest.mark.parametrize("code", OTHERS)
def test_each_translation_is_complete_and_keeps_the_placeholders(code: str) -> None:
    for message in _catalog(code):
        if not message.id:
            continue
        assert message.string, f"{code}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{code}: fuzzy {message.id!r}"
        assert set(PLACEHOLDER.findall(message.string)) == set(PLACEHOLDER.findall(message.id)), (
            code,
            message.id,
            message.string,
        )


def test_the_translations_are_loaded_from_the_compiled_catalogs() -> None:
    assert catalogs.translations("es").gettext("Pay record") == "Registro de pago"
    assert catalogs.translations("ar").gettext("Pay record") == "سجل الأجور"
    assert catalogs.translations("en").gettext("Pay record") == "Pay record"


def test_every_language_has_a_review_status_and_unreviewed_ones_are_drafts() -> None:
    statuses = catalogs.review_statuses()
    assert set(statuses) == {lang.code for lang in catalogs.LANGUAGES}
    assert not statuses["en"].is_draft
    for code in OTHERS:
        status = statuses[code]
        assert status.status in {"machine draft", "reviewed"}
        assert status.is_draft == (status.status != "reviewed")
        if status.status == "reviewed":
            assert status.reviewer, f"{code}: who reviewed it?"
            assert status.reviewed_on, f"{code}: when was it reviewed?"
