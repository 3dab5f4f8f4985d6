"""The four bundled tables: their columns and how one row becomes a typed record.

Pure Python. ``known_iso3`` is passed in so that an unknown country code is reported
with its row and column instead of failing later in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from tipmon.data.parsing import CellError, Cells
from tipmon.tiers.rules import FIRST_REPORT_YEAR, Basis, Tier, parse_basis, parse_tier

LAST_YEAR = 2100


@dataclass(frozen=True, slots=True)
class PlacementRow:
    row: int
    report_year: int
    iso3: str
    name_in_source: str
    tier: Tier
    basis: Basis
    source: str
    second_source: str
    note: str


@dataclass(frozen=True, slots=True)
class LawEnforcementRow:
    row: int
    data_year: int
    prosecutions: int | None
    prosecutions_labor: int | None
    convictions: int | None
    convictions_labor: int | None
    victims_identified: int | None
    victims_identified_labor: int | None
    new_or_amended_legislation: int | None
    source: str


@dataclass(frozen=True, slots=True)
class UnodcRow:
    row: int
    iso3: str
    country_in_source: str
    year: int
    indicator: str
    sex: str
    age: str
    value: int | None
    suppressed_below: int | None


@dataclass(frozen=True, slots=True)
class GrantRow:
    row: int
    fiscal_year: int
    iso3: str
    country_in_source: str
    recipient: str
    subgrantee: str
    recipient_type: str
    amount_usd: int | None
    prosecution: bool | None
    protection: bool | None
    prevention: bool | None
    research: bool | None


def _iso3(cells: Cells, known: Collection[str], *, required: bool) -> str:
    code = cells.text("iso3", required=required, max_length=3)
    if code and code not in known:
        raise CellError("iso3", f"{code!r} is not a country code in the gazetteer")
    return code


def placement_parser(known: Collection[str]) -> Callable[[Cells, int], PlacementRow]:
    def parse(cells: Cells, row: int) -> PlacementRow:
        basis = cells.parsed("basis", parse_basis)
        source = cells.text("source", required=False, max_length=500)
        if not source and basis is not Basis.INFERRED:
            raise CellError("source", "is empty; only an 'inferred' row may lack a source")
        return PlacementRow(
            row=row,
            report_year=cells.integer("report_year", minimum=FIRST_REPORT_YEAR, maximum=LAST_YEAR),
            iso3=_iso3(cells, known, required=True),
            name_in_source=cells.text("name_in_source", max_length=120),
            tier=cells.parsed("tier", parse_tier),
            basis=basis,
            source=source,
            second_source=cells.text("second_source", required=False, max_length=500),
            note=cells.text("note", required=False),
        )

    return parse


def law_enforcement_parser(known: Collection[str]) -> Callable[[Cells, int], LawEnforcementRow]:
    def parse(cells: Cells, row: int) -> LawEnforcementRow:
        counts = {
            name: cells.optional_integer(name, maximum=10**7)
            for name in LAW_ENFORCEMENT_COLUMNS[1:-1]
        }
        for total, subset in (
            ("prosecutions", "prosecutions_labor"),
            ("convictions", "convictions_labor"),
            ("victims_identified", "victims_identified_labor"),
        ):
            if counts[subset] is not None and (counts[total] or 0) < counts[subset]:  # type: ignore[operator]
                raise CellError(subset, f"labor subset exceeds the total in {total!r}")
        return LawEnforcementRow(
            row=row,
            data_year=cells.integer("data_year", minimum=2000, maximum=LAST_YEAR),
            source=cells.text("source", max_length=500),
            **counts,
        )

    return parse


def unodc_parser(known: Collection[str]) -> Callable[[Cells, int], UnodcRow]:
    def parse(cells: Cells, row: int) -> UnodcRow:
        value = cells.optional_integer("value", maximum=10**8)
        suppressed = cells.optional_integer("suppressed_below", minimum=1, maximum=100)
        if (value is None) == (suppressed is None):
            raise CellError("value", "exactly one of value and suppressed_below must be given")
        return UnodcRow(
            row=row,
            iso3=_iso3(cells, known, required=False),
            country_in_source=cells.text("country_in_source", max_length=120),
            year=cells.integer("year", minimum=1990, maximum=LAST_YEAR),
            indicator=cells.text("indicator", max_length=120),
            sex=cells.text("sex", max_length=20),
            age=cells.text("age", max_length=20),
            value=value,
            suppressed_below=suppressed,
        )

    return parse


def grant_parser(known: Collection[str]) -> Callable[[Cells, int], GrantRow]:
    def parse(cells: Cells, row: int) -> GrantRow:
        return GrantRow(
            row=row,
            fiscal_year=cells.integer("fiscal_year", minimum=1990, maximum=LAST_YEAR),
            iso3=_iso3(cells, known, required=False),
            country_in_source=cells.text("country_in_source", max_length=120),
            recipient=cells.text("recipient"),
            subgrantee=cells.text("subgrantee", required=False),
            recipient_type=cells.text("recipient_type", required=False, max_length=60),
            amount_usd=cells.optional_integer("amount_usd", maximum=10**11),
            prosecution=cells.flag("prosecution"),
            protection=cells.flag("protection"),
            prevention=cells.flag("prevention"),
            research=cells.flag("research"),
        )

    return parse


PLACEMENT_COLUMNS = (
    "report_year", "iso3", "name_in_source", "tier", "basis", "source", "second_source", "note",
)  # fmt: skip
LAW_ENFORCEMENT_COLUMNS = (
    "data_year", "prosecutions", "prosecutions_labor", "convictions", "convictions_labor",
    "victims_identified", "victims_identified_labor", "new_or_amended_legislation", "source",
)  # fmt: skip
UNODC_COLUMNS = (
    "iso3", "country_in_source", "year", "indicator", "sex", "age", "value", "suppressed_below",
)  # fmt: skip
GRANT_COLUMNS = (
    "fiscal_year", "iso3", "country_in_source", "recipient", "subgrantee", "recipient_type",
    "amount_usd", "prosecution", "protection", "prevention", "research",
)  # fmt: skip


STATED_CATEGORIES = (*(t.value for t in Tier), "Special Watch List", "Total countries")


@dataclass(frozen=True, slots=True)
class StatedTotalRow:
    row: int
    report_year: int
    category: str
    stated_count: int
    source: str
    note: str
    explanation: str


def _category(value: str) -> str:
    cleaned = " ".join(value.split())
    if cleaned not in STATED_CATEGORIES:
        raise ValueError(f"{value!r} is not one of: {', '.join(STATED_CATEGORIES)}")
    return cleaned


def stated_total_parser(known: Collection[str]) -> Callable[[Cells, int], StatedTotalRow]:
    def parse(cells: Cells, row: int) -> StatedTotalRow:
        return StatedTotalRow(
            row=row,
            report_year=cells.integer("report_year", minimum=FIRST_REPORT_YEAR, maximum=LAST_YEAR),
            category=cells.parsed("category", _category),
            stated_count=cells.integer("stated_count", maximum=250),
            source=cells.text("source", max_length=500),
            note=cells.text("note", required=False),
            explanation=cells.text("explanation", required=False),
        )

    return parse


STATED_TOTAL_COLUMNS = (
    "report_year", "category", "stated_count", "source", "note", "explanation",
)  # fmt: skip
