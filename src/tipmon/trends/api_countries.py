"""/api/v1/law-enforcement/countries: law-enforcement figures by country, as published."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from tipmon.api.envelope import CSV_DOWNLOAD, ERRORS, Envelope, ok, paginate
from tipmon.api.params import ListParams
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Bureau
from tipmon.trends.law_enforcement_countries import (
    POINT_FIELDS,
    CountryLawEnforcementPoint,
    law_enforcement_by_country,
)

router = Router(tags=["law enforcement"])


class CountryLawEnforcementOut(Schema):
    iso3: str
    country: str
    bureau: str
    report_year: int
    data_year: int
    period_start: date
    period_end: date
    investigations_sex: int | None
    investigations_labor: int | None
    investigations_unspecified: int | None
    prosecutions_sex: int | None
    prosecutions_labor: int | None
    prosecutions_unspecified: int | None
    convictions_sex: int | None
    convictions_labor: int | None
    convictions_unspecified: int | None
    victims_identified: int | None
    victims_referred: int | None
    officials_investigated: int | None
    officials_prosecuted: int | None
    officials_convicted: int | None
    source: str
    dataset: str


class CountryFilters(Schema):
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code"
    )
    region: Bureau | None = Field(None, description="State Department regional bureau")
    first_year: int | None = Field(None, ge=1990, le=2100, description="First data year")
    last_year: int | None = Field(None, ge=1990, le=2100, description="Last data year")


@router.get(
    "",
    response={200: Envelope[list[CountryLawEnforcementOut]], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def countries_law_enforcement(
    request: HttpRequest, filters: Query[CountryFilters], listing: Query[ListParams]
) -> dict[str, Any] | HttpResponse:
    """Each country's investigations, prosecutions, convictions, victims and officials by
    data year, from the office's published assessments (never a draft)."""
    bureau = filters.region.value if filters.region is not None else None
    table = law_enforcement_by_country(
        filters.country, bureau, filters.first_year, filters.last_year
    )
    if listing.format == "csv":
        return _csv(table.points, table.sources)
    page, page_meta = paginate(table.points, listing.page, listing.page_size)
    return ok([asdict(p) for p in page], *table.sources, page=page_meta)


def _csv(points: list[CountryLawEnforcementPoint], sources: list[DatasetRef]) -> HttpResponse:
    """Like the other CSV downloads, but each row names its own cycle's dataset."""
    by_key = {s.key: s for s in sources}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*POINT_FIELDS, "dataset_edition", "attribution"])
    for point in points:
        values = asdict(point)
        source = by_key[point.dataset]
        writer.writerow(
            ["" if values[f] is None else values[f] for f in POINT_FIELDS]
            + [source.edition, source.attribution]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="law-enforcement-countries.csv"'
    return response
