"""Country mentions in a passage: names, demonyms and capitals, in English, Spanish and
French.

The names are the gazetteer's (short and formal names and aliases, :mod:`tipmon.countries.
gazetteer`) plus ``data/names.csv`` (Spanish and French names); demonyms come from
``data/demonyms.csv`` and capitals from ``data/capitals.csv`` (see ``data/README.md``).

Matching works on words: the text is folded character by character (accents stripped,
typographic apostrophes and dashes unified; the length is kept, so offsets hold) and cut
into words; each word is looked up in a table of the phrases that start with it, longest
first, so "Guinea-Bissau" beats "Guinea", "South Sudan" beats "Sudan" and "Nigerian" is
never "Niger". Names, capitals and English demonyms match case-sensitively (as written or
in capitals), so "turkey", "chad" and "jordan" are words, not countries; Spanish and French
demonyms ("hondureñas", "sénégalaises") match in lower case or capitalised.

Left out on purpose: a bare "Congo" or "Korea" (ambiguous), ISO alpha-3 codes (most
three-letter codes are also words or acronyms; only the gazetteer's own aliases such as
"UAE" or "DRC" count), a demonym used as a language name ("speaks French", "en
français", "Spanish-speaking"), and a few phrases that contain a country word without
naming the country ("Gulf of Guinea", "New Mexico", "Latin American"). A name that is also
a first name ("Jordan", "Chad", "Georgia") is skipped next to another capitalised word that
is not part of an institution's name ("Michael Jordan", "Chad Smith").
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tipmon.countries.gazetteer import load_gazetteer, name_key, name_variants
from tipmon.evidence.pipeline.types import CountryMention, MentionKind

DATA_DIR: Final = Path(__file__).resolve().parent / "data"

# Phrases that contain a country word but name no country; they match and are dropped.
# fmt: off
BLOCKED: Final = (
    "Gulf of Guinea", "Golfo de Guinea", "golfe de Guinée", "New Guinea", "Nueva Guinea",
    "Nouvelle-Guinée", "Guinea pig", "New Mexico", "Nuevo México", "Nouveau-Mexique",
    "Niger Delta", "Niger River", "delta del Níger", "delta du Niger", "fleuve Niger",
    "río Níger", "Latin American", "Latin Americans", "South American", "South Americans",
    "North American", "North Americans", "Central American", "Central Americans",
    "African American", "African Americans", "Native American", "Native Americans",
    "American Samoa", "latino-américain", "latino-américaine", "latino-américains",
    "latino-américaines", "sud-américain", "sud-américaine", "sud-américains",
    "sud-américaines", "nord-américain", "nord-américaine", "nord-américains",
    "nord-américaines", "Indian Ocean", "océan Indien", "French Guiana",
    "French Polynesia", "Guyane française", "Polynésie française", "Antigua Guatemala",
    "Atlanta, Georgia", "Georgia State", "New Jersey", "Haitian Creole", "créole haïtien",
    "New South Wales", "Dominican Order", "Santiago de Compostela", "Santiago de Cuba",
    "Santiago de los Caballeros", "Saint-Martin", "San Martín",
)
# Country words that are also first names, checked against their neighbours.
PERSON_NAMES: Final = frozenset({
    "Jordan", "Chad", "Georgia", "Israel", "Maurice", "Mauricio", "Salvador", "Santiago",
    "Sofia", "Sofía", "Paris", "India", "Grecia", "Kenya", "Lima", "Colombo", "Victoria",
})
# Capitalised words that may stand next to a country name without making it a person's.
NEIGHBOURS: Final = frozenset({
    "The", "A", "An", "In", "On", "At", "To", "For", "From", "Of", "By", "And", "Or", "But",
    "With", "Both", "While", "Like", "Unlike", "Neighbouring", "Neighboring", "Also", "As",
    "If", "When", "Since", "After", "Before", "Under", "Between", "Across", "Within",
    "Government", "Ministry", "National", "Police", "Embassy", "Republic", "Armed",
    "Forces", "Valley", "River", "Department", "Office", "Court", "Supreme", "Parliament",
    "Prime", "President", "Minister", "Ministers", "Council", "Labour", "Labor", "Agency",
    "Commission", "Authorities", "Authority", "Immigration", "Border", "State",
    "Tier", "TIP", "Country", "Narrative", "Gobierno", "Gouvernement", "El", "La", "Le",
    "Les", "Los", "Las", "En", "Au", "Del", "Du", "De", "Et", "Y", "Por", "Para", "Con",
    "Dans", "Pour", "Avec", "Sur",
})
# Words after a demonym that make it a language name, and the words before it that make a
# bare demonym at a clause end read as a language ("speaks French.", "en français,").
LANGUAGE_AFTER: Final = frozenset({
    "language", "languages", "speaking", "speaker", "speakers", "creole", "translation",
    "translations", "translator", "translators", "interpreter", "interpreters",
    "interpretation", "idioma", "lengua", "langue", "hablante", "hablantes",
    "francophone", "anglophone", "parlant", "parlante",
})
LANGUAGE_BEFORE: Final = frozenset({
    "speak", "speaks", "spoke", "spoken", "speaking", "in", "into", "en", "al", "habla",
    "hablan", "hablar", "hablaba", "idioma", "lengua", "parle", "parlent", "parler",
    "langue", "fluent", "translated", "traducido", "traduit", "traduits", "traducidos",
})
_LIST_WORDS: Final = frozenset({"and", "or", "y", "o", "et", "ou"})
# fmt: on

# Folding keeps length: each character maps to exactly one character.
_APOSTROPHES: Final = "`\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u2032\u2018\u2019\u201a\u201b\x91\x92"
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TOKEN: Final = re.compile(r"\w+|&")
_GAP: Final = re.compile(r"[\s\-'.]{1,3}")
_GAP_COMMA: Final = re.compile(r"[\s\-'.,]{1,4}")
_WORD_BEFORE: Final = re.compile(r"(\w+)[^\w\n]{0,3}$")
_WORD_AFTER: Final = re.compile(r"^[^\w\n]{0,3}(\w+)")
_NAME_BEFORE: Final = re.compile(r"(\w+)(\.?) $")
_NAME_AFTER: Final = re.compile(r" ([A-Z][a-z]\w*)")
TITLES: Final = frozenset({"Mr", "Ms", "Mrs", "Dr", "Sr", "Sra", "Srta", "Mme", "Mlle", "M"})
_LIST_BEFORE: Final = re.compile(
    rf"\b(?:{'|'.join(sorted(LANGUAGE_BEFORE))})\s+\w+(?:,\s*\w+)*,?\s+"
    rf"(?:{'|'.join(sorted(_LIST_WORDS))})\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Phrase:
    tokens: tuple[str, ...]
    iso3: str | None  # None: a blocked phrase
    kind: MentionKind
    commas: bool  # the phrase has a comma between words ("Washington, D.C.")
    final_stop: bool  # the phrase ends in a stop that belongs to it ("U.S.")
    demonym_language: bool  # may be a language name ("French", "français")


@functools.cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
        if len(base) == 1 and base != char:
            table[code] = base
    table.update({ord(c): "'" for c in _APOSTROPHES})
    table.update({ord(c): "-" for c in _DASHES})
    table.update({ord("ø"): "o", ord("Ø"): "O", ord("\u0131"): "i", ord("đ"): "d", ord("ł"): "l"})
    return table


def fold(text: str) -> str:
    """``text`` with accents stripped and apostrophes and dashes unified, same length."""
    return text.translate(_fold_table())


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def _key_tokens(form: str) -> tuple[str, ...]:
    return tuple("and" if t == "&" else t for t, _, _ in _tokens(fold(form)))


def _variants(form: str, lower_too: bool) -> Iterator[str]:
    yield form
    if len(form) >= 4 and form.upper() != form:
        yield form.upper()
    if lower_too:
        yield form[:1].upper() + form[1:]
        yield form.lower()


@functools.cache
def _table() -> dict[str, tuple[_Phrase, ...]]:
    """First word → the phrases starting with it, longest first."""
    entries: dict[tuple[str, ...], _Phrase] = {}

    def add(form: str, iso3: str | None, kind: MentionKind, lower_too: bool = False) -> None:
        for variant in _variants(form, lower_too):
            tokens = _key_tokens(variant)
            if not tokens:
                continue
            phrase = _Phrase(
                tokens, iso3, kind, "," in variant, variant.endswith("."),
                kind == "demonym",
            )  # fmt: skip
            existing = entries.get(tokens)
            if existing is not None and (existing.iso3, existing.kind) == (iso3, kind):
                phrase = _Phrase(
                    tokens, iso3, kind, phrase.commas or existing.commas,
                    phrase.final_stop or existing.final_stop, phrase.demonym_language,
                )  # fmt: skip
            if existing is None or existing.kind == kind or kind == "name":
                if existing is not None and existing.iso3 != iso3 and existing.kind == kind:
                    raise ValueError(f"{variant!r} names both {existing.iso3} and {iso3}")
                entries[tokens] = phrase

    for form in BLOCKED:
        add(form, None, "name", lower_too=True)
    for iso3, name in _english_names():
        add(name, iso3, "name")
    for iso3, _language, name in _read("names.csv"):
        add(name, iso3, "name")
    for iso3, _language, name in _read("capitals.csv"):
        add(name, iso3, "capital")
    for iso3, language, form in _read("demonyms.csv"):
        add(form, iso3, "demonym", lower_too=language != "en")
    table: dict[str, list[_Phrase]] = {}
    for phrase in entries.values():
        table.setdefault(phrase.tokens[0], []).append(phrase)
    return {
        first: tuple(sorted(phrases, key=lambda p: -len(p.tokens)))
        for first, phrases in table.items()
    }


def _english_names() -> Iterator[tuple[str, str]]:
    gazetteer = load_gazetteer()
    ambiguous = set(gazetteer.ambiguous_names)
    for record in gazetteer:
        for name in record.names:
            for variant in name_variants(name):
                if "," in variant or "(" in variant or name_key(variant) in ambiguous:
                    continue
                yield record.iso3, variant.strip()


def _read(filename: str) -> Iterator[tuple[str, str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            yield row[0], row[1], row[2]


def find_countries(text: str) -> list[CountryMention]:
    """Every country mention in ``text``, in order; offsets index ``text``."""
    table = _table()
    folded = fold(text)
    tokens = _tokens(folded)
    mentions: list[CountryMention] = []
    i = 0
    while i < len(tokens):
        phrase = _match_at(tokens, i, folded, table.get(tokens[i][0], ()))
        if phrase is None:
            i += 1
            continue
        start, end = tokens[i][1], tokens[i + len(phrase.tokens) - 1][2]
        if phrase.final_stop and folded[end : end + 1] == ".":
            end += 1
        i += len(phrase.tokens)
        if phrase.iso3 is None or _rejected(phrase, text, start, end):
            continue
        mentions.append(CountryMention(phrase.iso3, start, end, text[start:end], phrase.kind))
    return mentions


def _match_at(
    tokens: list[tuple[str, int, int]],
    i: int,
    folded: str,
    candidates: tuple[_Phrase, ...],
) -> _Phrase | None:
    for phrase in candidates:
        size = len(phrase.tokens)
        if i + size > len(tokens):
            continue
        gap = _GAP_COMMA if phrase.commas else _GAP
        if all(
            tokens[i + k][0] == phrase.tokens[k]
            and gap.fullmatch(folded, tokens[i + k - 1][2], tokens[i + k][1])
            for k in range(1, size)
        ):
            return phrase
    return None


def _rejected(phrase: _Phrase, text: str, start: int, end: int) -> bool:
    surface = text[start:end]
    if surface in PERSON_NAMES and _beside_a_name(text, start, end):
        return True
    return phrase.demonym_language and _is_language(text, start, end)


def _beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word right beside is not a function word or part of an
    institution's name ("Michael Jordan", "Chad Smith"), or a title is before ("Ms.")."""
    before = _NAME_BEFORE.search(text, max(0, start - 30), start)
    if before and before.group(2):
        return before.group(1) in TITLES
    if before and before.group(1)[0].isupper() and before.group(1) not in NEIGHBOURS:
        return True
    after = _NAME_AFTER.match(text, end, min(len(text), end + 30))
    return bool(after and after.group(1) not in NEIGHBOURS)


def _is_language(text: str, start: int, end: int) -> bool:
    after = _WORD_AFTER.search(text[end : end + 30])
    next_word = after.group(1).lower() if after else ""
    if next_word in LANGUAGE_AFTER:
        return True
    window = text[max(0, start - 60) : start]
    before = _WORD_BEFORE.search(window)
    listed = before is not None and before.group(1).lower() in _LIST_WORDS
    if listed and _LIST_BEFORE.search(window):
        pass  # "into Spanish and French": the second of a list of languages
    elif before is None or before.group(1).lower() not in LANGUAGE_BEFORE:
        return False
    # "speaks French." or "in French and English": no noun follows the demonym.
    tail = text[end : end + 2]
    return not tail.strip() or tail[0] in ".,;:)!?" or next_word in _LIST_WORDS
