"""Dates in a passage, and the TIP reporting period they fall in.

Finds full dates ("12 March 2024", "March 12, 2024", "12 de marzo de 2024", "1er mars
2024", "2024-03-12", "12/03/2024"), months ("March 2024", "marzo de 2024", "mars 2024") and
bare years from 1990 to 2039 where the words around them say they are years ("in 2023",
"durante 2023", "depuis 2019", "between 2021 and 2023", "FY 2023", "(2022)"). A number
such as "2,024 victims" or "2024 victims" is not a date.

The reporting period of report year Y runs from 1 April of Y-1 to 31 March of Y
(:func:`report_year_for`); :func:`period_of` says which report year a passage's dated
events mostly fall in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

from tipmon.evidence.pipeline.types import DateMention

FIRST_YEAR: Final = 1990
LAST_YEAR: Final = 2039
PERIOD_START_MONTH: Final = 4  # a reporting period starts on 1 April

# fmt: off
MONTHS: Final[Mapping[str, int]] = {
    # English, with the usual abbreviations
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
# Words after which a four-digit number is a year ("in 2023", "durante 2023", ...).
YEAR_CONTEXT: Final = frozenset({
    "in", "during", "since", "until", "till", "through", "throughout", "by", "before",
    "after", "from", "of", "year", "years", "fy", "early", "late", "mid", "end", "between",
    "en", "durante", "desde", "hasta", "año", "años", "del", "antes", "después", "entre",
    "finales", "principios", "mediados", "pendant", "depuis", "jusqu", "année", "années",
    "avant", "après", "fin", "début", "courant", "au", "dès", "annee", "annees", "ano",
    "anos",
})
# fmt: on
_CONNECTORS: Final = frozenset({"and", "or", "to", "y", "e", "o", "a", "et", "ou", "au"})

_MONTH: Final = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR: Final = r"(?P<year>(?:19|20)\d\d)"
_DAY: Final = r"(?P<day>[0-3]?\d)"
_ORDINAL: Final = r"(?:st|nd|rd|th|er|º|°)?"
_FULL_PATTERNS: Final = (
    # 2024-03-12
    re.compile(rf"\b{_YEAR}-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    # 12 March 2024, 12 de marzo de 2024, 1er mars 2024, 12th of March, 2024
    re.compile(
        rf"\b{_DAY}{_ORDINAL}\s+(?:of\s+|de\s+)?(?P<mname>{_MONTH})\.?,?\s+(?:de\s+|del\s+)?"
        rf"{_YEAR}(?![\d,.]\d)",
        re.IGNORECASE,
    ),
    # March 12, 2024
    re.compile(
        rf"\b(?P<mname>{_MONTH})\.?\s+{_DAY}{_ORDINAL},?\s+{_YEAR}(?![\d,.]\d)", re.IGNORECASE
    ),
    # 12/03/2024, 12.03.2024
    re.compile(r"\b(?P<a>[0-3]?\d)([/.])(?P<b>[01]?\d)\2" + _YEAR + r"(?![\d,.]\d)"),
    # March 2024, marzo de 2024, mars 2024
    re.compile(
        rf"\b(?P<mname>{_MONTH})\.?,?\s+(?:de\s+|del\s+|of\s+)?{_YEAR}(?![\d,.]\d)",
        re.IGNORECASE,
    ),
)
_BARE_YEAR: Final = re.compile(r"(?<![\w.,])(?:19[89]\d|20[0-3]\d)(?![\w,.]?\d)(?!\w)")
_WORD_BEFORE: Final = re.compile(r"(\w+)\W{0,3}$")
_DIGIT: Final = re.compile(r"\d")
_RANGE_BEFORE: Final = re.compile(r"(?:19|20)\d\d\s*[-\u2013/]\s*$")


def find_dates(text: str, language: str = "en") -> list[DateMention]:
    """Every date in ``text``, in order of position, none overlapping another."""
    if not _DIGIT.search(text):
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _FULL_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(taken, match.start(), match.end()):
                continue
            mention = _mention(match, text, language)
            taken.append((match.start(), match.end()))  # an impossible date is no date
            if mention is not None:
                found.append(mention)
    years: list[DateMention] = []
    for match in _BARE_YEAR.finditer(text):
        if _overlaps(taken, match.start(), match.end()):
            continue
        if _year_context(text, match.start(), years):
            years.append(DateMention(match.start(), match.end(), match.group(), int(match[0])))
    return sorted(found + years, key=lambda mention: mention.start)


def _overlaps(taken: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def _mention(match: re.Match[str], text: str, language: str) -> DateMention | None:
    groups = match.groupdict()
    year = int(groups["year"])
    day = int(groups["day"]) if groups.get("day") else None
    month: int | None
    if groups.get("mname"):
        month = MONTHS[groups["mname"].lower()]
    elif groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        month_first = (language == "en" and first <= 12) or second > 12
        month, day = (first, second) if month_first else (second, first)
    else:
        month = int(groups["month"])
    if not _valid(year, month, day):
        return None
    surface = text[match.start() : match.end()]
    return DateMention(match.start(), match.end(), surface, year, month, day)


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None or not 1 <= month <= 12:
        return False
    if day is None:
        return True
    days = (31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return 1 <= day <= days[month - 1]


def _year_context(text: str, start: int, earlier: list[DateMention]) -> bool:
    """Whether the number at ``start`` reads as a year from the words just before it."""
    before = text[max(0, start - 30) : start]
    if before.endswith("(") or _RANGE_BEFORE.search(before):
        return True
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1).lower()
    if token in YEAR_CONTEXT:
        return True
    # "between 2021 and 2023": a connector right after a year already found.
    return token in _CONNECTORS and bool(earlier) and start - earlier[-1].end <= 8


def report_year_for(year: int, month: int, day: int = 1) -> int:
    """The TIP report year whose reporting period (1 April of Y-1 to 31 March of Y) holds
    the date. ``day`` never moves a date across a period boundary, which falls between
    months; it is accepted so callers can pass a full date."""
    del day
    return year + 1 if month >= PERIOD_START_MONTH else year


def period_of(dates: Iterable[DateMention]) -> int | None:
    """The report year most of the passage's dated days and months fall in (bare years
    carry no month and are not counted); a tie goes to the later year; None without any."""
    counts = Counter(_report_years(dates))
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def _report_years(dates: Iterable[DateMention]) -> Iterator[int]:
    for mention in dates:
        if mention.month is not None:
            yield report_year_for(mention.year, mention.month, mention.day or 1)
