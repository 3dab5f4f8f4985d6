"""The report's Global Law Enforcement Data table, as the report prints it. Pure Python.

The table comes as an ``.xlsx`` or ``.csv`` file copied from the report: perhaps a title
and an explanatory paragraph, then the header ("Year", "Prosecutions", "Convictions",
"Victims Identified", "New or Amended Legislation"), one row per data year, and perhaps
notes below ("The numbers in parentheses are those of labor trafficking ..."). A cell
such as "9,072 (1,024)" is a total with its labor-trafficking subset in parentheses.
Thousands separators, footnote markers ("2015*", "7,115¹", "7,115 1") and empty cells
(not reported) are accepted. Every problem is a :class:`DataLoadError` naming the file,
the row as a spreadsheet numbers it, and the column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from tipmon.data.parsing import DataLoadError, sha256_of
from tipmon.trends.importers.sheets import Row, read_sheet
from tipmon.trends.importers.unodc import letter, text_of

YEAR, PROSECUTIONS, CONVICTIONS = "Year", "Prosecutions", "Convictions"
VICTIMS, LEGISLATION = "Victims Identified", "New or Amended Legislation"
COLUMNS = (YEAR, PROSECUTIONS, CONVICTIONS, VICTIMS, LEGISLATION)
#: Columns every edition prints; the others came later (victims from the 2008 data year).
REQUIRED = (YEAR, PROSECUTIONS, CONVICTIONS)
#: Columns whose cells may carry a labor-trafficking subset in parentheses.
WITH_LABOR = (PROSECUTIONS, CONVICTIONS, VICTIMS)
HEADER_SEARCH_ROWS = 50
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_COUNT = 10**9
#: Cells that say "not reported" rather than a number.
NOT_REPORTED = frozenset({"", "-", "\u2013", "\u2014", "n/a", "na", "not reported"})

_MARK = r"(?:[*\u2020\u2021\u00a7]+|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|\[[0-9]{1,2}\])"
#: Footnote markers at the end of a cell: symbols, superscript digits, "[1]", or a
#: separate one- or two-digit number ("7,115 1").
_TRAILING_MARKS = re.compile(rf"(?:\s*{_MARK}|\s+[0-9]{{1,2}})+$")
_HEADER_MARKS = re.compile(rf"(?:\s*{_MARK}|\s*[0-9]{{1,2}})+$")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
#: A grouped number with a footnote digit run into it, as copying from the PDF gives
#: ("9,0721" is 9,072 with note 1): unambiguous because every group after the first has
#: exactly three digits.
_GROUPED_NOTE = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+)[0-9]{1,2}")
_PLAIN = re.compile(r"[0-9]+")
_WITH_SUBSET = re.compile(r"(?P<total>[^()]*?)\s*\((?P<subset>[^()]*)\)")
_YEAR = re.compile(r"([0-9]{4})(?:[0-9]{1,2})?")
_EDITION = re.compile(
    r"\b((?:19|20)[0-9]{2})\s+(?:trafficking in persons|tip)\s+report\b"
    r"|\b(?:trafficking in persons|tip)\s+report\s*[,:(\-\u2013]?\s*((?:19|20)[0-9]{2})\b",
    re.IGNORECASE,
)


class CellProblem(ValueError):
    """A cell could not be read; the message says why."""


@dataclass(frozen=True, slots=True)
class LawEnforcementTableRow:
    """One data year of the table, with the row number it has in the file."""

    row: int
    data_year: int
    prosecutions: int | None
    prosecutions_labor: int | None
    convictions: int | None
    convictions_labor: int | None
    victims_identified: int | None
    victims_identified_labor: int | None
    new_or_amended_legislation: int | None


@dataclass(frozen=True, slots=True)
class LawEnforcementTable:
    file: str
    sha256: str
    #: The report edition named in a title row above the header ("2024 Trafficking in
    #: Persons Report"), or None when no title names one.
    edition_in_title: int | None
    header_row: int
    rows: tuple[LawEnforcementTableRow, ...]

    @property
    def data_years(self) -> tuple[int, int]:
        years = [r.data_year for r in self.rows]
        return min(years), max(years)


def read_law_enforcement_table(path: Path) -> LawEnforcementTable:
    """Parse the whole file, or raise its first problem."""
    with closing(read_sheet(path)) as rows:
        table = parse_law_enforcement_rows(path.name, rows)
    return replace(table, sha256=sha256_of(path))


def parse_law_enforcement_rows(file: str, rows: Iterable[Row]) -> LawEnforcementTable:
    """Parse numbered rows of raw cells into a table (its ``sha256`` left empty)."""
    iterator = iter(rows)
    edition: int | None = None
    for number, values in iterator:
        columns = _header(file, number, values)
        if columns is not None:
            break
        edition = edition or _edition_in(values)
        if number >= HEADER_SEARCH_ROWS:
            raise _no_header(file, f"in the first {HEADER_SEARCH_ROWS} rows")
    else:
        raise _no_header(file, "in the file")
    parsed = _data_rows(file, iterator, columns)
    if not parsed:
        raise DataLoadError(file, number, None, "the header is not followed by any data row")
    return LawEnforcementTable(file, "", edition, number, tuple(parsed))


def _no_header(file: str, where: str) -> DataLoadError:
    return DataLoadError(
        file, None, None, f"no header row ({', '.join(COLUMNS)}) {where}; "
        f"{', '.join(REQUIRED)} are required",
    )  # fmt: skip


def _key(text: str) -> str:
    """A header cell as a comparable name: no footnote marker, case or spacing."""
    name = _HEADER_MARKS.sub("", " ".join(text.split()))
    return name.casefold()


_KEYS = {_key(name): name for name in COLUMNS}


def _header(file: str, number: int, values: Sequence[object]) -> dict[str, int] | None:
    """Column name -> position when this row is the header; None when it is not.

    The header is the first row with a "Year" cell and at least one other column name."""
    found: dict[str, int] = {}
    for position, value in enumerate(values):
        name = _KEYS.get(_key(text_of(value)))
        if name is None:
            continue
        if name in found:
            message = f"appears twice in the header ({letter(found[name])} and {letter(position)})"
            raise DataLoadError(file, number, name, message)
        found[name] = position
    if YEAR not in found or len(found) < 2:
        return None
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise DataLoadError(file, number, missing[0], "the header has no such column")
    return found


def _edition_in(values: Sequence[object]) -> int | None:
    for value in values:
        match = _EDITION.search(text_of(value))
        if match is not None:
            return int(match.group(1) or match.group(2))
    return None


def _data_rows(
    file: str, rows: Iterable[Row], columns: dict[str, int]
) -> list[LawEnforcementTableRow]:
    """The rows below the header up to the notes, if any, that follow the table."""
    parsed: list[LawEnforcementTableRow] = []
    seen: dict[int, int] = {}
    notes_from: int | None = None
    for number, values in rows:
        texts = {name: _cell(values, p) for name, p in columns.items()}
        if not any(t.strip() for t in texts.values()):
            continue  # a blank row, or text outside the table's columns
        others = [name for name in columns if name != YEAR and texts[name].strip()]
        if not others and _year_or_none(texts[YEAR]) is None:
            notes_from = notes_from or number  # a note below the table
            continue
        if notes_from is not None:
            message = f"holds figures below the notes that end the table (row {notes_from})"
            raise DataLoadError(file, number, None, message)
        row = _row(file, number, texts)
        if row.data_year in seen:
            message = f"repeats data year {row.data_year} (row {seen[row.data_year]})"
            raise DataLoadError(file, number, YEAR, message)
        seen[row.data_year] = number
        parsed.append(row)
    return parsed


def _cell(values: Sequence[object], position: int) -> str:
    return text_of(values[position]) if position < len(values) else ""


def _row(file: str, number: int, texts: dict[str, str]) -> LawEnforcementTableRow:
    def read(column: str) -> tuple[int | None, int | None]:
        if column not in texts:
            return None, None
        try:
            return parse_figure(texts[column], labor=column in WITH_LABOR)
        except CellProblem as exc:
            raise DataLoadError(file, number, column, str(exc)) from exc

    try:
        year = parse_year(texts[YEAR])
    except CellProblem as exc:
        raise DataLoadError(file, number, YEAR, str(exc)) from exc
    prosecutions, prosecutions_labor = read(PROSECUTIONS)
    convictions, convictions_labor = read(CONVICTIONS)
    victims, victims_labor = read(VICTIMS)
    legislation, _ = read(LEGISLATION)
    return LawEnforcementTableRow(
        number, year, prosecutions, prosecutions_labor, convictions, convictions_labor,
        victims, victims_labor, legislation,
    )  # fmt: skip


def _shown(raw: str) -> str:
    return repr(raw if len(raw) <= 40 else f"{raw[:40]}...")


def _year_or_none(text: str) -> int | None:
    try:
        return parse_year(text)
    except CellProblem:
        return None


def parse_year(text: str) -> int:
    """ "2019" -> 2019; a footnote marker after it is dropped ("2015*", "20151")."""
    raw = " ".join(text.split())
    match = _YEAR.fullmatch(_TRAILING_MARKS.sub("", raw))
    if match is None:
        if not raw:
            raise CellProblem("is empty, but the data year is required")
        raise CellProblem(f"{_shown(raw)} is not a year")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellProblem(f"{year} is outside {FIRST_YEAR}..{LAST_YEAR}")
    return year


def parse_figure(text: str, *, labor: bool = True) -> tuple[int | None, int | None]:
    """ "9,072 (1,024)" -> (9072, 1024); "5,212" -> (5212, None); "" -> (None, None).

    The number in parentheses is the labor-trafficking part of the total, so it may not
    exceed it. ``labor`` False refuses parentheses (the legislation column has none)."""
    raw = " ".join(text.split())
    if raw.casefold() in NOT_REPORTED:
        return None, None
    found = _WITH_SUBSET.fullmatch(_TRAILING_MARKS.sub("", raw))
    if found is None:
        return _count(raw, raw), None
    if not labor:
        raise CellProblem(f"{_shown(raw)}: this column has no labor subset in parentheses")
    total_text = found.group("total")
    if not total_text.strip():
        raise CellProblem(f"{_shown(raw)} gives a labor subset but no total")
    total, subset = _count(total_text, raw), _count(found.group("subset"), raw)
    if subset > total:
        raise CellProblem(f"{_shown(raw)}: the labor subset is larger than the total")
    return total, subset


def _count(text: str, whole: str) -> int:
    """A whole number with or without thousands separators and a footnote marker."""
    bare = _TRAILING_MARKS.sub("", text.strip())
    if _GROUPED.fullmatch(bare) or _PLAIN.fullmatch(bare):
        value = int(bare.replace(",", ""))
    elif (noted := _GROUPED_NOTE.fullmatch(bare)) is not None:
        value = int(noted.group(1).replace(",", ""))
    else:
        raise CellProblem(f"{_shown(whole)} is not a number (such as 9,072 or 9,072 (1,024))")
    if value > MAX_COUNT:
        raise CellProblem(f"{value} is larger than {MAX_COUNT:,}")
    return value
