"""API shapes of the filtered series: query parameters, rows, and their CSV columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from django.http import HttpResponse
from ninja import Field, Schema

from tipmon.api.envelope import PageOut
from tipmon.api.params import TIER_PATTERN, ListParams
from tipmon.core.params import tier_param
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Bureau
from tipmon.opendata.series import PlacementFilter, UnodcFilter, YearRange
from tipmon.tiers.rules import Basis

Iso3 = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")]
Text = Annotated[str, Field(min_length=1, max_length=200)]
# UNODC's vocabularies, as its GLOTIP export spells them (14 April 2025 edition).
Indicator = Literal[
    "Detected trafficking victims",
    "Persons prosecuted",
    "Persons convicted",
    "Persons brought into formal contact",
    "Offences of trafficking in persons",
]
Sex = Literal["Total", "Female", "Male", "Other", "Unknown"]
Age = Literal["Total", "0 to 17 years", "18 years or over", "Unknown"]
Dimension = Literal[
    "Total", "by form of exploitation", "by citizenship", "by country of repatriation"
]


class SeriesParams(ListParams):
    country: list[Iso3] = Field(
        default_factory=list, description="ISO 3166-1 alpha-3 code; repeat for several"
    )
    region: list[Bureau] = Field(
        default_factory=list, description="State Department regional bureau; repeatable"
    )
    first_year: int | None = Field(None, ge=1990, le=2100, description="From this year on")
    last_year: int | None = Field(None, ge=1990, le=2100, description="Up to this year")

    def year_range(self) -> YearRange:
        return YearRange(self.first_year, self.last_year)


class UnodcParams(SeriesParams):
    dataset: Literal["unodc_glotip_totals", "unodc_glotip_export"] | None = Field(
        None,
        description=(
            "Which UNODC dataset: the bundled totals, or the full export once imported "
            "(the default when it is)"
        ),
    )
    indicator: list[Indicator] = Field(default_factory=list, description="Repeatable")
    sex: list[Sex] = Field(default_factory=list, description="Repeatable")
    age: list[Age] = Field(default_factory=list, description="Repeatable")
    dimension: list[Dimension] = Field(
        default_factory=list, description="Total, or a breakdown; repeatable"
    )
    form: list[Text] = Field(
        default_factory=list,
        description=(
            "Form of exploitation (a category of the 'by form of exploitation' dimension); "
            "repeatable"
        ),
    )

    def to_filter(self) -> UnodcFilter:
        return UnodcFilter(
            dataset=self.dataset,
            countries=tuple(self.country),
            regions=tuple(str(r) for r in self.region),
            years=self.year_range(),
            indicators=tuple(self.indicator),
            sexes=tuple(self.sex),
            ages=tuple(self.age),
            dimensions=tuple(self.dimension),
            forms=tuple(self.form),
        )


TierText = Annotated[str, Field(pattern=TIER_PATTERN)]


class PlacementParams(SeriesParams):
    tier: list[TierText] = Field(
        default_factory=list, description="Tier label or slug (1, 2, 2wl, 3, special); repeatable"
    )
    basis: list[Basis] = Field(
        default_factory=list, description="How the placement is known; repeatable"
    )

    def to_filter(self) -> PlacementFilter:
        return PlacementFilter(
            countries=tuple(self.country),
            regions=tuple(str(r) for r in self.region),
            years=self.year_range(),
            tiers=tuple(str(tier_param(t)) for t in self.tier),
            bases=tuple(b.value for b in self.basis),
        )


class UnodcFigureOut(Schema):
    iso3: str | None
    region: str | None
    country_in_source: str
    year: int
    indicator: str
    dimension: str
    category: str
    sex: str
    age: str
    value: int | None
    suppressed_below: int | None
    display: str
    source_row: int


class PlacementRowOut(Schema):
    report_year: int
    iso3: str
    country: str
    region: str
    tier: str
    basis: str
    name_in_source: str
    source: str
    second_source: str
    note: str
    dataset: str
    source_row: int


def _display(value: int | None, suppressed_below: int | None) -> str:
    """As published: the number, or '<5' for a censored small count (never 0)."""
    if value is None:
        return f"<{suppressed_below}" if suppressed_below is not None else ""
    return str(value)


def unodc_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "iso3": row["country_id"],
        "region": row["region"],
        "country_in_source": row["country_in_source"],
        "year": row["year"],
        "indicator": row["indicator"],
        "dimension": row["dimension"],
        "category": row["category"],
        "sex": row["sex"],
        "age": row["age"],
        "value": row["value"],
        "suppressed_below": row["suppressed_below"],
        "display": _display(row["value"], row["suppressed_below"]),
        "source_row": row["source_row"],
    }


UNODC_CSV_HEADER = tuple(UnodcFigureOut.model_fields)


def unodc_csv_row(row: dict[str, Any]) -> list[Any]:
    return list(unodc_json(row).values())


def placement_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "report_year": row["report_year"],
        "iso3": row["country_id"],
        "country": row["country"],
        "region": row["region"],
        "tier": row["tier"],
        "basis": row["basis"],
        "name_in_source": row["name_in_source"],
        "source": row["source"],
        "second_source": row["second_source"],
        "note": row["note"],
        "dataset": row["dataset__key"],
        "source_row": row["source_row"],
    }


PLACEMENT_CSV_HEADER = tuple(PlacementRowOut.model_fields)


def placements_csv(
    filename: str, rows: list[dict[str, Any]], sources: Sequence[DatasetRef]
) -> HttpResponse:
    """Placements as CSV; each row ends with the edition and attribution of its own dataset
    (the bundled record and each published cycle are different datasets)."""
    by_key = {s.key: s for s in sources}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*PLACEMENT_CSV_HEADER, "dataset_edition", "attribution"])
    for row in rows:
        source = by_key[row["dataset__key"]]
        cells = ["" if v is None else v for v in placement_json(row).values()]
        writer.writerow([*cells, source.edition, source.attribution])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def page_out(page: int, page_size: int, total: int) -> PageOut:
    """The ``meta.page`` of a list: as :func:`tipmon.api.envelope.paginate` gives it."""
    return PageOut(
        page=page, page_size=page_size, total=total, pages=max(1, -(-total // page_size))
    )
