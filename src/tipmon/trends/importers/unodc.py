"""The UNODC GLOTIP export, as downloaded from dataUNODC, as typed rows. Pure Python.

The export (``.xlsx``, or ``.csv`` with the same layout) starts with banner rows, "UNODC"
and a hyperlink, then the export date ("14/04/2025"), then the header row, then one row
per figure. The header is found by its column names, not by its position. Values are text:
"1,541" is 1541 and "<5" is a censored count (``value`` None, ``suppressed_below`` 5),
never 0. Every row is kept, whatever its Dimension (Total, by form of exploitation, by
citizenship, by country of repatriation). A row of an area the gazetteer does not hold
(``UNLISTED_AREAS``: Sark, Niue, French Polynesia) keeps ``country`` None; any other
unknown code or name is an error. Every problem is a :class:`DataLoadError` naming the
file, the row as a spreadsheet numbers it, and the column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from tipmon.countries.gazetteer import CountryRecord, load_gazetteer
from tipmon.data.parsing import CellError, Cells, DataLoadError, sha256_of
from tipmon.trends.importers.sheets import Row, read_sheet

COLUMNS = (
    "Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category",
    "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source",
)  # fmt: skip
#: The header must lie within this many rows of the top of the sheet.
HEADER_SEARCH_ROWS = 50
#: A row naming at least this many of the columns is taken for the header.
HEADER_MIN_MATCHES = 7
UNIT = "Counts"
FIRST_YEAR, LAST_YEAR = 1990, 2100
MAX_COUNT = 10**9
MAX_CENSOR = 100

_BANNER_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")
_CENSORED = re.compile(r"<\s*([0-9]{1,3})")
_ISO3 = re.compile(r"[A-Za-z]{3}")

CountryLookup = Callable[[str], CountryRecord | None]
#: Areas UNODC reports that the gazetteer does not hold, as (Iso3_code, Country) exactly as
#: the export spells them. Their rows are kept without a country. Any other unknown code,
#: or an empty code with another name, is refused: it is a typo or a new area to add.
UNLISTED_AREAS = frozenset({("", "Sark"), ("NIU", "Niue"), ("PYF", "French Polynesia")})


@dataclass(frozen=True, slots=True)
class UnodcExportRow:
    """One figure of the export, with the row number it has in the file."""

    row: int
    iso3_in_source: str
    country: str | None  # the gazetteer's ISO3; None when the code is empty or unknown
    country_in_source: str
    region: str
    subregion: str
    indicator: str
    dimension: str
    category: str  # "" where the export leaves it empty
    sex: str
    age: str
    year: int
    unit: str
    value: int | None  # None when censored
    suppressed_below: int | None  # 5 for "<5"
    source: str


@dataclass(frozen=True, slots=True)
class UnodcExport:
    file: str
    sha256: str
    export_date: date
    header_row: int
    rows: tuple[UnodcExportRow, ...]

    @property
    def censored(self) -> int:
        return sum(1 for r in self.rows if r.value is None)

    def by_dimension(self) -> dict[str, int]:
        return dict(Counter(r.dimension for r in self.rows).most_common())

    def without_country(self) -> dict[tuple[str, str], int]:
        """Rows with no country, by (Iso3_code, Country) as published."""
        found = Counter((r.iso3_in_source, r.country_in_source) for r in self.rows if not r.country)
        return dict(sorted(found.items()))


def read_unodc_export(path: Path, lookup: CountryLookup | None = None) -> UnodcExport:
    """Parse the whole file, or raise its first problem."""
    with closing(read_sheet(path)) as rows:
        export = parse_unodc_rows(path.name, rows, lookup or load_gazetteer().get)
    return replace(export, sha256=sha256_of(path))


def parse_unodc_rows(file: str, rows: Iterable[Row], lookup: CountryLookup) -> UnodcExport:
    """Parse numbered rows of raw cells into an export (its ``sha256`` left empty)."""
    iterator = iter(rows)
    banner: list[Row] = []
    for number, values in iterator:
        columns = _header(file, number, values)
        if columns is not None:
            break
        banner.append((number, values))
        if number >= HEADER_SEARCH_ROWS:
            raise _no_header(file, f"in the first {HEADER_SEARCH_ROWS} rows")
    else:
        raise _no_header(file, "in the file")
    export_date = _banner_date(file, banner, header_row=number)
    headed = {position for position, value in enumerate(values) if text_of(value).strip()}
    data = _data(file, iterator, columns, headed)
    parsed = [_row(file, n, cells, lookup) for n, cells in data]
    if not parsed:
        raise DataLoadError(file, number, None, "the header is not followed by any data row")
    return UnodcExport(file, "", export_date, number, tuple(parsed))


def _no_header(file: str, where: str) -> DataLoadError:
    names = ", ".join(COLUMNS)
    return DataLoadError(file, None, None, f"no header row ({names}) {where}")


def text_of(value: object) -> str:
    """A cell as text: numbers without a spurious '.0', dates in ISO form, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


_KEYS = {_key(name): name for name in COLUMNS}


def _header(file: str, number: int, values: Sequence[object]) -> dict[str, int] | None:
    """Column name -> position when this row is the header; None when it is not."""
    found: dict[str, int] = {}
    for position, value in enumerate(values):
        name = _KEYS.get(_key(text_of(value)))
        if name is None:
            continue
        if name in found:
            message = f"appears twice in the header ({letter(found[name])} and {letter(position)})"
            raise DataLoadError(file, number, name, message)
        found[name] = position
    if len(found) < HEADER_MIN_MATCHES:
        return None
    missing = [name for name in COLUMNS if name not in found]
    if missing:
        raise DataLoadError(file, number, missing[0], "the header has no such column")
    return found


def letter(position: int) -> str:
    """A 0-based column position as a spreadsheet names it (0 -> A, 26 -> AA)."""
    name = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _banner_date(file: str, banner: list[Row], header_row: int) -> date:
    for number, values in banner:
        for position, value in enumerate(values):
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            match = _BANNER_DATE.fullmatch(text_of(value).strip())
            if match is None:
                continue
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError as exc:
                message = f"{match.group(0)!r} is not a date (DD/MM/YYYY): {exc}"
                raise DataLoadError(file, number, letter(position), message) from exc
    where = f"rows 1-{header_row - 1}" if header_row > 1 else "any row"
    message = f"no export date (DD/MM/YYYY) in {where} above the header"
    raise DataLoadError(file, None, None, message)


def _data(
    file: str, rows: Iterable[Row], columns: dict[str, int], headed: set[int]
) -> Iterable[tuple[int, Cells]]:
    """Non-blank rows after the header, as cells by column name.

    A value under a header the importer does not know is ignored; a value under no header
    at all means the row does not line up with the header (an unquoted "1,541" in a CSV)."""
    for number, values in rows:
        texts = [text_of(value) for value in values]
        if not any(t.strip() for t in texts):
            continue
        stray = next((p for p, t in enumerate(texts) if t.strip() and p not in headed), None)
        if stray is not None:
            message = f"has a value ({texts[stray][:40]!r}) in a column with no header"
            raise DataLoadError(file, number, letter(stray), message)
        padded = {name: texts[p] if p < len(texts) else "" for name, p in columns.items()}
        yield number, Cells(padded)


def _row(file: str, number: int, cells: Cells, lookup: CountryLookup) -> UnodcExportRow:
    try:
        return _fields(cells, number, lookup)
    except CellError as exc:
        raise DataLoadError(file, number, exc.column, str(exc)) from exc


def _fields(cells: Cells, number: int, lookup: CountryLookup) -> UnodcExportRow:
    iso3 = cells.text("Iso3_code", required=False)
    if iso3 and not _ISO3.fullmatch(iso3):
        raise CellError("Iso3_code", f"{iso3[:40]!r} is not a three-letter code")
    record = lookup(iso3) if iso3 else None
    name = cells.text("Country", max_length=120)
    if record is None and (iso3.upper(), name) not in UNLISTED_AREAS:
        if iso3:
            raise CellError("Iso3_code", f"{iso3!r} ({name}) is not a country code we know")
        raise CellError("Iso3_code", f"is empty, and {name!r} is not an area we know")
    unit = cells.text("Unit of measurement", max_length=60)
    if unit != UNIT:
        raise CellError("Unit of measurement", f"{unit!r}: only {UNIT!r} can be imported")
    value, suppressed = cells.parsed("txtVALUE", parse_count)
    return UnodcExportRow(
        row=number,
        iso3_in_source=iso3.upper(),
        country=record.iso3 if record else None,
        country_in_source=name,
        region=cells.text("Region", required=False, max_length=120),
        subregion=cells.text("Subregion", required=False, max_length=120),
        indicator=cells.text("Indicator", max_length=120),
        dimension=cells.text("Dimension", max_length=60),
        category=cells.text("Category", required=False, max_length=200),
        sex=cells.text("Sex", max_length=20),
        age=cells.text("Age", max_length=20),
        year=cells.integer("Year", minimum=FIRST_YEAR, maximum=LAST_YEAR),
        unit=unit,
        value=value,
        suppressed_below=suppressed,
        source=cells.text("Source", required=False, max_length=120),
    )


def parse_count(text: str) -> tuple[int | None, int | None]:
    """ "1,541" -> (1541, None); "<5" -> (None, 5): a censored count is never 0."""
    raw = text.strip()
    if not raw:
        raise ValueError("is empty, but a count or a censored count ('<5') is required")
    censored = _CENSORED.fullmatch(raw)
    if censored is not None:
        bound = int(censored.group(1))
        if not 1 <= bound <= MAX_CENSOR:
            raise ValueError(f"{raw!r}: a censored count must be below 1..{MAX_CENSOR}")
        return None, bound
    if _COUNT.fullmatch(raw) is None:
        shown = raw if len(raw) <= 40 else f"{raw[:40]}..."
        raise ValueError(f"{shown!r} is not a count (such as 1,541) or a censored count (<5)")
    value = int(raw.replace(",", ""))
    if value > MAX_COUNT:
        raise ValueError(f"{value} is larger than {MAX_COUNT:,}")
    return value, None
