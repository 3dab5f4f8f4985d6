"""/api/v1/tiers: the tier lists of each report year."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from tipmon.api.envelope import CSV_DOWNLOAD, ERRORS, Envelope, csv_response, ok, paginate
from tipmon.api.params import (
    TIER_PATTERN,
    DownloadParams,
    ListParams,
    TierFilter,
)
from tipmon.core.params import BadParameter, tier_param
from tipmon.data.services import dataset_ref
from tipmon.opendata import schemas as open_schemas
from tipmon.opendata.series import placement_rows
from tipmon.tiers import schemas
from tipmon.tiers.rules import Findings, PolicyPattern
from tipmon.tiers.services import DATASET_KEY, tier_list, tier_year_counts
from tipmon.tiers.statute import check_proposal, year_statute

router = Router(tags=["tiers"])


@router.get("", response={200: Envelope[list[schemas.ReportYearOut]], **ERRORS})
def report_years(request: HttpRequest) -> dict[str, Any]:
    """Every report year in the record, with the number of countries on each tier."""
    counts, source = tier_year_counts()
    return ok([{"year": y, "counts": c} for y, c in counts.items()], source)


@router.get(
    "/placements",
    response={200: Envelope[list[open_schemas.PlacementRowOut]], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def placements(
    request: HttpRequest, params: Query[open_schemas.PlacementParams]
) -> dict[str, Any] | HttpResponse:
    """Recorded tier placements of every year, filtered: country, region, years, tier, basis.
    A country-year with no row is not recorded (never filled in). ``format=csv`` downloads
    every matching row."""
    rows = placement_rows(params.to_filter())
    if params.format == "csv":
        return open_schemas.placements_csv("tier-placements.csv", rows.all(), rows.sources)
    items, total = rows.page(params.page, params.page_size)
    page = open_schemas.page_out(params.page, params.page_size, total)
    return ok([open_schemas.placement_json(r) for r in items], *rows.sources, page=page)


@router.get(
    "/{int:year}",
    response={200: Envelope[schemas.TierListOut], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def tier_list_of_year(
    request: HttpRequest,
    year: Path[int],
    filters: Query[TierFilter],
    listing: Query[ListParams],
) -> dict[str, Any] | HttpResponse:
    """The placements of one report year; ``format=csv`` downloads them all."""
    result = tier_list(year, tier=tier_param(filters.tier), bureau=filters.region)
    entries = result.entries
    if listing.format == "csv":
        rows = [schemas.placement_csv_row(e.iso3, e.short_name, e.placement) for e in entries]
        return csv_response(f"tiers-{year}.csv", schemas.PLACEMENT_CSV_HEADER, rows, result.source)
    page, page_meta = paginate(entries, listing.page, listing.page_size)
    return ok(schemas.tier_list_json(result, list(page)), result.source, page=page_meta)


@router.get(
    "/{int:year}/statute",
    response={200: Envelope[schemas.YearStatuteOut], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def statute_of_year(
    request: HttpRequest, year: Path[int], download: Query[DownloadParams]
) -> dict[str, Any] | HttpResponse:
    """The lists the statute derives for a report year: Special Watch List, downgrade risk,
    waivers, automatic downgrades, re-entries, action plans, Tier 3 determinations and tier
    changes, each entry with its rule, citation and facts."""
    result = year_statute(year)
    body = schemas.year_statute_json(result)
    if download.format == "csv":
        rows = [
            [year, name, e["iso3"], e["short_name"], e["reason"]["rule"], e["reason"]["citation"],
             e["reason"]["text"], "; ".join(e["reason"]["facts"])]
            for name, entries in body["lists"].items() for e in entries
        ]  # fmt: skip
        header = ("report_year", "list", "iso3", "country", "rule", "citation", "explanation",
                  "facts")  # fmt: skip
        return csv_response(f"statute-{year}.csv", header, rows, result.source)
    return ok(body, result.source)


class CheckParams(Schema):
    iso3: str = Field(..., pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")
    year: int = Field(..., ge=2001, le=2100, description="Report year")
    tier: str = Field(..., pattern=TIER_PATTERN, description="Proposed tier: 1, 2, 2wl, 3, special")
    fully_meets: bool | None = None
    significant_efforts: bool | None = None
    watch_list_criteria: bool | None = None
    waiver_granted: bool | None = None
    policy_or_pattern: list[PolicyPattern] = Field(default_factory=list)
    special_case: str = Field("", max_length=200, description="Reason, if a Special Case")


@router.get("/check", response={200: Envelope[schemas.DecisionOut], **ERRORS})
def check(request: HttpRequest, params: Query[CheckParams]) -> dict[str, Any]:
    """Check a proposed tier against the statute, given the country's recorded history and
    optional findings; every blocking reason cites the statute."""
    proposed = tier_param(params.tier)
    if proposed is None:
        raise BadParameter("tier", "a proposed tier is required")
    findings = Findings(
        fully_meets=params.fully_meets, significant_efforts=params.significant_efforts,
        watch_list_criteria=params.watch_list_criteria, waiver_granted=params.waiver_granted,
        policy_or_pattern=frozenset(params.policy_or_pattern), special_case=params.special_case,
    )  # fmt: skip
    decision = check_proposal(params.iso3, params.year, proposed, findings)
    return ok(schemas.decision_json(decision), dataset_ref(DATASET_KEY))
