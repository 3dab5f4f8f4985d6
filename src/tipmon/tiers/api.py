"""/api/v1/tiers: the tier lists of each report year."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from tipmon.api.envelope import ERRORS, Envelope, csv_response, ok, paginate
from tipmon.api.params import ListParams, TierFilter, parse_tier_filter
from tipmon.tiers import schemas
from tipmon.tiers.services import tier_list, tier_year_counts

router = Router(tags=["tiers"])


@router.get("", response={200: Envelope[list[schemas.ReportYearOut]], **ERRORS})
def report_years(request: HttpRequest) -> dict[str, Any]:
    """Every report year in the record, with the number of countries on each tier."""
    counts, source = tier_year_counts()
    return ok([{"year": y, "counts": c} for y, c in counts.items()], source)


@router.get("/{year}", response={200: Envelope[schemas.TierListOut], **ERRORS})
def tier_list_of_year(
    request: HttpRequest,
    year: Path[int],
    filters: Query[TierFilter],
    listing: Query[ListParams],
) -> dict[str, Any] | HttpResponse:
    """The placements of one report year; ``format=csv`` downloads them all."""
    result = tier_list(year, tier=parse_tier_filter(filters.tier), bureau=filters.region)
    entries = result.entries
    if listing.format == "csv":
        rows = [schemas.placement_csv_row(e.iso3, e.short_name, e.placement) for e in entries]
        return csv_response(f"tiers-{year}.csv", schemas.PLACEMENT_CSV_HEADER, rows, result.source)
    page, page_meta = paginate(entries, listing.page, listing.page_size)
    return ok(schemas.tier_list_json(result, list(page)), result.source, page=page_meta)
