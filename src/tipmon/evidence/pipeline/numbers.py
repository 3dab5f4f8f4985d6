"""Whole numbers written in digits or in English, Spanish or French words.

`find_numbers(text, language)` finds every number in a text with its offsets;
`parse_number(words, language)` reads one number ("forty-five", "cuarenta y cinco",
"quatre-vingt-dix-sept", "1 234") or gives None. Words are read up to 999,999.

The word grammar is strict on purpose: "two and three" is two numbers, not five, and
"cien dos" is "cien" followed by something else. A lone article ("un", "une", "una",
"uno") is not reported as a number by `find_numbers`, since it almost never is one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number in a text. `value` is None for a number that is not whole ("1.5")."""

    start: int
    end: int
    value: int | None
    words: bool


class _FoldTable(dict[int, str]):
    """A `str.translate` table, filled as characters are met, that maps each character to
    one lower-case character without its accent ("É" -> "e"), so offsets are kept."""

    def __missing__(self, code: int) -> str:
        lower = chr(code).lower()
        base = unicodedata.normalize("NFD", lower)[0] if len(lower) == 1 else chr(code)
        self[code] = base
        return base


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, one character for one: "Veintidós" -> "veintidos"."""
    return text.translate(_FOLD)


# ---------------------------------------------------------------- word tables

_EN_UNITS = dict(
    zip(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
        range(1, 10),
        strict=True,
    )
)
_EN_TEENS = dict(
    zip(
        [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ],
        range(10, 20),
        strict=True,
    )
)
_EN_TENS = dict(
    zip(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
        range(20, 100, 10),
        strict=True,
    )
)

_ES_UNITS = {"un": 1, "uno": 1, "una": 1} | dict(
    zip(
        ["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
        range(2, 10),
        strict=True,
    )
)
_ES_TEENS = dict(
    zip(
        [
            "diez",
            "once",
            "doce",
            "trece",
            "catorce",
            "quince",
            "dieciseis",
            "diecisiete",
            "dieciocho",
            "diecinueve",
        ],
        range(10, 20),
        strict=True,
    )
)
_ES_VEINTI = {"veinte": 20, "veintiun": 21, "veintiuno": 21, "veintiuna": 21} | dict(
    zip(
        [
            "veintidos",
            "veintitres",
            "veinticuatro",
            "veinticinco",
            "veintiseis",
            "veintisiete",
            "veintiocho",
            "veintinueve",
        ],
        range(22, 30),
        strict=True,
    )
)
_ES_TENS = dict(
    zip(
        ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"],
        range(30, 100, 10),
        strict=True,
    )
)
_ES_HUNDREDS: dict[str, int] = {"ciento": 100}
for _stem, _value in (
    ("doscient", 200),
    ("trescient", 300),
    ("cuatrocient", 400),
    ("quinient", 500),
    ("seiscient", 600),
    ("setecient", 700),
    ("ochocient", 800),
    ("novecient", 900),
):
    _ES_HUNDREDS[_stem + "os"] = _value
    _ES_HUNDREDS[_stem + "as"] = _value

_FR_UNITS = {"un": 1, "une": 1} | dict(
    zip(
        ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
        range(2, 10),
        strict=True,
    )
)
_FR_TEENS = dict(
    zip(
        ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"],
        range(10, 17),
        strict=True,
    )
)
_FR_TENS = {
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}

Parse = tuple[int, int] | None
Tokens = Sequence[str]


def _at(tokens: Tokens, i: int) -> str:
    return tokens[i] if i < len(tokens) else ""


# ---------------------------------------------------------------- English grammar


def _en_below100(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if w in _EN_TENS:
        unit = _EN_UNITS.get(_at(t, i + 1))
        return (_EN_TENS[w] + unit, i + 2) if unit else (_EN_TENS[w], i + 1)
    if w in _EN_TEENS:
        return _EN_TEENS[w], i + 1
    if w in _EN_UNITS:
        return _EN_UNITS[w], i + 1
    return None


def _en_below1000(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if _at(t, i + 1) == "hundred" and (w in _EN_UNITS or w == "a"):
        value, j = _EN_UNITS.get(w, 1) * 100, i + 2
        rest = _en_below100(t, j + 1) if _at(t, j) == "and" else _en_below100(t, j)
        return (value + rest[0], rest[1]) if rest else (value, j)
    return _en_below100(t, i)


def _en_number(t: Tokens, i: int) -> Parse:
    if _at(t, i) == "zero":
        return 0, i + 1
    if _at(t, i) == "a" and _at(t, i + 1) == "thousand":
        head: Parse = (1, i + 1)
    else:
        head = _en_below1000(t, i)
    if head is None or _at(t, head[1]) != "thousand":
        return head
    value, j = head[0] * 1000, head[1] + 1
    rest = _en_below1000(t, j + 1) if _at(t, j) == "and" else _en_below1000(t, j)
    return (value + rest[0], rest[1]) if rest else (value, j)


# ---------------------------------------------------------------- Spanish grammar


def _es_below100(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if w in _ES_TENS:
        if _at(t, i + 1) == "y" and _at(t, i + 2) in _ES_UNITS:
            return _ES_TENS[w] + _ES_UNITS[_at(t, i + 2)], i + 3
        return _ES_TENS[w], i + 1
    for table in (_ES_VEINTI, _ES_TEENS, _ES_UNITS):
        if w in table:
            return table[w], i + 1
    return None


def _es_below1000(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if w == "cien":
        return 100, i + 1
    if w in _ES_HUNDREDS:
        rest = _es_below100(t, i + 1)
        return (_ES_HUNDREDS[w] + rest[0], rest[1]) if rest else (_ES_HUNDREDS[w], i + 1)
    return _es_below100(t, i)


def _es_number(t: Tokens, i: int) -> Parse:
    if _at(t, i) == "cero":
        return 0, i + 1
    head: Parse = (1, i) if _at(t, i) == "mil" else _es_below1000(t, i)
    if head is None or _at(t, head[1]) != "mil":
        return head
    value, j = head[0] * 1000, head[1] + 1
    rest = _es_below1000(t, j)
    return (value + rest[0], rest[1]) if rest else (value, j)


# ---------------------------------------------------------------- French grammar


def _fr_below20(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if w == "dix" and _at(t, i + 1) in ("sept", "huit", "neuf"):
        return 10 + _FR_UNITS[_at(t, i + 1)], i + 2
    if w in _FR_TEENS:
        return _FR_TEENS[w], i + 1
    if w in _FR_UNITS:
        return _FR_UNITS[w], i + 1
    return None


def _fr_below100(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if w == "quatre" and _at(t, i + 1) in ("vingt", "vingts"):
        if _at(t, i + 1) == "vingts":
            return 80, i + 2
        rest = _fr_below20(t, i + 2)
        return (80 + rest[0], rest[1]) if rest else (80, i + 2)
    if w in _FR_TENS:
        base, j = _FR_TENS[w], i + 1
        if _at(t, j) == "et" and _at(t, j + 1) in ("un", "une"):
            return base + 1, j + 2
        if base == 60 and _at(t, j) == "et" and _at(t, j + 1) == "onze":
            return 71, j + 2
        rest = _fr_below20(t, j)
        if rest and (rest[0] < 10 or base == 60):
            return base + rest[0], rest[1]
        return base, j
    return _fr_below20(t, i)


def _fr_below1000(t: Tokens, i: int) -> Parse:
    w = _at(t, i)
    if w in ("cent", "cents"):
        value, j = 100, i + 1
    elif w in _FR_UNITS and w not in ("un", "une") and _at(t, i + 1) in ("cent", "cents"):
        value, j = _FR_UNITS[w] * 100, i + 2
    else:
        return _fr_below100(t, i)
    rest = _fr_below100(t, j)
    return (value + rest[0], rest[1]) if rest else (value, j)


def _fr_number(t: Tokens, i: int) -> Parse:
    if _at(t, i) == "zero":
        return 0, i + 1
    head: Parse = (1, i) if _at(t, i) in ("mille", "mil") else _fr_below1000(t, i)
    if head is None or _at(t, head[1]) not in ("mille", "mil"):
        return head
    value, j = head[0] * 1000, head[1] + 1
    rest = _fr_below1000(t, j)
    return (value + rest[0], rest[1]) if rest else (value, j)


_GRAMMARS: dict[str, Callable[[Tokens, int], Parse]] = {
    "en": _en_number,
    "es": _es_number,
    "fr": _fr_number,
}

_CONNECTORS = {"en": "and", "es": "y", "fr": "et"}
_ARTICLES = {"en": frozenset[str](), "es": frozenset({"un", "una", "uno"}),
             "fr": frozenset({"un", "une"})}  # fmt: skip


# ---------------------------------------------------------------- scanning

_ACCENTS = {"a": "aáàâä", "e": "eéèêë", "i": "iíìîï", "o": "oóòôö", "u": "uúùûü", "c": "cç"}


def _loose(word: str) -> str:
    """A regex for `word` that accepts any accent on its vowels."""
    return "".join(f"[{_ACCENTS[c]}]" if c in _ACCENTS else re.escape(c) for c in word)


def _vocabulary(language: str) -> set[str]:
    if language == "en":
        return {"zero", "hundred", "thousand", *_EN_UNITS, *_EN_TEENS, *_EN_TENS}
    if language == "es":
        return {"cero", "cien", "mil", *_ES_UNITS, *_ES_TEENS, *_ES_VEINTI, *_ES_TENS,
                *_ES_HUNDREDS}  # fmt: skip
    return {"zero", "cent", "cents", "mille", "mil", "vingts", *_FR_UNITS, *_FR_TEENS,
            *_FR_TENS}  # fmt: skip


_SPACE = r"[ \t\u00a0\u202f]"
_GROUP_SEP = r"[ \u00a0\u202f]"


@functools.cache
def _word_run(language: str) -> re.Pattern[str]:
    words = sorted(_vocabulary(language), key=len, reverse=True)
    word = r"(?:" + "|".join(_loose(w) for w in words) + r")"
    if language == "en":
        word = r"(?:a(?=" + _SPACE + r"+(?:hundred|thousand)\b)|" + word + ")"
    join = _CONNECTORS[language]
    sep = rf"(?:{_SPACE}+|{_SPACE}*-{_SPACE}*)(?:{join}(?:{_SPACE}+|-))?"
    return re.compile(rf"(?<![\w-]){word}(?:{sep}{word})*(?![\w])", re.IGNORECASE)


@functools.cache
def _digits(language: str) -> re.Pattern[str]:
    groups = [r"[0-9]{1,3}(?:,[0-9]{3})+", rf"[0-9]{{1,3}}(?:{_GROUP_SEP}[0-9]{{3}})+"]
    if language in ("es", "fr"):
        groups.insert(0, r"[0-9]{1,3}(?:\.[0-9]{3})+")
    body = "|".join(f"{g}(?![0-9])" for g in groups)
    # A trailing decimal part ("1.5", "2,75") is taken in so the number reads as not whole.
    return re.compile(rf"(?<![\w.,])(?:{body}|[0-9]+)(?P<decimal>[.,][0-9]+)?(?![\w])")


_TOKEN = re.compile(r"[^\s\u00a0\u202f\-]+")
_ONLY = re.compile(r"[ \u00a0]+(?:seule?|sol[oa])\b", re.IGNORECASE)


def _read_words(text: str, start: int, end: int, language: str) -> list[NumberMatch]:
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text, start, end):
        tokens.append(fold(m.group()))
        spans.append(m.span())
    grammar = _GRAMMARS[language]
    found: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        parsed = grammar(tokens, i)
        if parsed is None or parsed[1] == i:
            i += 1
            continue
        value, j = parsed
        if not (j == i + 1 and tokens[i] in _ARTICLES[language]):
            found.append(NumberMatch(spans[i][0], spans[j - 1][1], value, words=True))
        else:
            only = _ONLY.match(text, spans[i][1])
            if only:  # "une seule condamnation", "un solo caso": one
                found.append(NumberMatch(spans[i][0], only.end(), 1, words=True))
        i = j
    return found


def find_numbers(text: str, language: str) -> list[NumberMatch]:
    """Every number in `text`, digits and words of `language`, in order of position."""
    found: list[NumberMatch] = []
    for m in _digits(language).finditer(text):
        if m.group("decimal"):
            found.append(NumberMatch(m.start(), m.end(), None, words=False))
        else:
            value = int(re.sub(r"[^0-9]", "", m.group()))
            found.append(NumberMatch(m.start(), m.end(), value, words=False))
    for m in _word_run(language).finditer(text):
        found.extend(_read_words(text, m.start(), m.end(), language))
    found.sort(key=lambda n: n.start)
    return found


def parse_number(words: str | Sequence[str], language: str) -> int | None:
    """The value of one whole number written in digits or words, or None.

    `words` is the number as written ("forty-five", "1 234") or its tokens
    (["cuarenta", "y", "cinco"]). The whole input must be the number.
    """
    text = words if isinstance(words, str) else " ".join(words)
    text = text.strip()
    if language not in _GRAMMARS:
        for other in LANGUAGES:
            value = parse_number(text, other)
            if value is not None:
                return value
        return None
    m = _digits(language).fullmatch(text)
    if m:
        return None if m.group("decimal") else int(re.sub(r"[^0-9]", "", text))
    tokens = [fold(t) for t in _TOKEN.findall(text)]
    if not tokens:
        return None
    parsed = _GRAMMARS[language](tokens, 0)
    return parsed[0] if parsed and parsed[1] == len(tokens) else None
