"""/api/v1/law-enforcement: the report's global law-enforcement series; /api/v1/unodc: UNODC
country figures with filters."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from tipmon.api.envelope import CSV_DOWNLOAD, ERRORS, Envelope, csv_response, ok
from tipmon.api.params import DownloadParams
from tipmon.opendata import schemas as open_schemas
from tipmon.opendata.series import unodc_rows
from tipmon.trends.services import LAW_ENFORCEMENT_FIELDS, law_enforcement_series

router = Router(tags=["law enforcement"])
unodc_router = Router(tags=["unodc"])


class LawEnforcementOut(Schema):
    data_year: int
    prosecutions: int | None
    prosecutions_labor: int | None
    convictions: int | None
    convictions_labor: int | None
    victims_identified: int | None
    victims_identified_labor: int | None
    new_or_amended_legislation: int | None
    source: str
    source_row: int


class YearRange(DownloadParams):
    first_year: int | None = Field(None, ge=1990, le=2100)
    last_year: int | None = Field(None, ge=1990, le=2100)


@router.get(
    "", response={200: Envelope[list[LawEnforcementOut]], **ERRORS}, openapi_extra=CSV_DOWNLOAD
)
def law_enforcement(
    request: HttpRequest, params: Query[YearRange]
) -> dict[str, Any] | HttpResponse:
    """Worldwide prosecutions, convictions and victims identified (labor subsets apart)."""
    series = law_enforcement_series(params.first_year, params.last_year)
    if params.format == "csv":
        rows = [[getattr(p, f) for f in LAW_ENFORCEMENT_FIELDS] for p in series.points]
        return csv_response("law-enforcement.csv", LAW_ENFORCEMENT_FIELDS, rows, series.dataset)
    return ok([asdict(p) for p in series.points], series.dataset)


@unodc_router.get(
    "",
    response={200: Envelope[list[open_schemas.UnodcFigureOut]], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def unodc_figures(
    request: HttpRequest, params: Query[open_schemas.UnodcParams]
) -> dict[str, Any] | HttpResponse:
    """UNODC figures of every country, filtered: country, region, years, indicator, sex, age,
    dimension, form of exploitation. A '<5' count stays censored (``value`` null,
    ``suppressed_below`` 5). ``format=csv`` downloads every matching row."""
    rows = unodc_rows(params.to_filter())
    source = rows.sources[0]
    if params.format == "csv":
        body = [open_schemas.unodc_csv_row(r) for r in rows.all()]
        return csv_response("unodc.csv", open_schemas.UNODC_CSV_HEADER, body, source)
    items, total = rows.page(params.page, params.page_size)
    page = open_schemas.page_out(params.page, params.page_size, total)
    return ok([open_schemas.unodc_json(r) for r in items], source, page=page)
