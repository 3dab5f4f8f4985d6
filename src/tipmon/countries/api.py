"""/api/v1/countries: the gazetteer, country profiles, tier histories, UNODC series."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from tipmon.api.envelope import CSV_DOWNLOAD, ERRORS, Envelope, csv_response, ok, paginate
from tipmon.api.params import DownloadParams, ListParams, TierFilter
from tipmon.core.errors import NotFound
from tipmon.core.params import tier_param
from tipmon.countries import schemas
from tipmon.countries.gazetteer import resolve_country
from tipmon.countries.services import (
    country_forecast,
    country_index,
    country_profile,
    get_country,
)
from tipmon.data.services import dataset_ref
from tipmon.tiers.schemas import (
    PLACEMENT_CSV_HEADER,
    CountryStatuteOut,
    PlacementOut,
    country_statute_json,
    placement_csv_row,
    placement_json,
)
from tipmon.tiers.services import DATASET_KEY, tier_history
from tipmon.tiers.statute import country_statute
from tipmon.trends.forecast.report import comparison_json, prediction_json
from tipmon.trends.services import unodc_series

router = Router(tags=["countries"])

Iso3 = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")]


class IndexParams(TierFilter):
    year: int | None = Field(None, ge=2001, le=2100, description="Report year (latest if omitted)")
    q: str = Field("", max_length=100, description="Part of the country's name")


class ResolveParams(Schema):
    name: str = Field(..., min_length=1, max_length=200, description="A country name to resolve")


@router.get(
    "", response={200: Envelope[list[schemas.CountryOut]], **ERRORS}, openapi_extra=CSV_DOWNLOAD
)
def countries(
    request: HttpRequest, filters: Query[IndexParams], listing: Query[ListParams]
) -> dict[str, Any] | HttpResponse:
    """Countries and territories the report covers, with their tier in the chosen year."""
    index = country_index(
        year=filters.year, bureau=filters.region, tier=tier_param(filters.tier),
        query=filters.q,
    )  # fmt: skip
    if listing.format == "csv":
        rows = [
            [c.iso3, c.short_name, c.formal_name, c.bureau, index.year, c.latest.tier_label,
             c.latest.basis.value if c.latest.basis else "", c.latest.source]
            for c in index.countries
        ]  # fmt: skip
        header = ("iso3", "short_name", "formal_name", "bureau", "report_year", "tier", "basis",
                  "source")  # fmt: skip
        return csv_response(f"countries-{index.year}.csv", header, rows, index.source)
    page, page_meta = paginate(index.countries, listing.page, listing.page_size)
    return ok([schemas.country_json(c) for c in page], index.source, page=page_meta)


@router.get("/resolve", response={200: Envelope[schemas.ResolvedOut], **ERRORS})
def resolve(request: HttpRequest, params: Query[ResolveParams]) -> dict[str, Any]:
    """Map any spelling of a country's name to its record; never guesses."""
    record = resolve_country(params.name)
    return ok(schemas.resolved_json(params.name, record))


@router.get("/{iso3}", response={200: Envelope[schemas.CountryProfileOut], **ERRORS})
def country(request: HttpRequest, iso3: Path[Iso3]) -> dict[str, Any]:
    """One country's profile: tier history, UNODC figures and grants summary."""
    profile = country_profile(iso3)
    return ok(
        schemas.profile_json(profile), profile.tier_source, profile.unodc.dataset,
        profile.grants.dataset,
    )  # fmt: skip


@router.get(
    "/{iso3}/tiers",
    response={200: Envelope[list[PlacementOut]], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def country_tiers(
    request: HttpRequest, iso3: Path[Iso3], download: Query[DownloadParams]
) -> dict[str, Any] | HttpResponse:
    """Every report year, with the tier and its basis, or ``recorded: false``."""
    found = get_country(iso3)
    history = tier_history(found.iso3)
    source = dataset_ref(DATASET_KEY)
    if download.format == "csv":
        rows = [placement_csv_row(found.iso3, found.short_name, p) for p in history]
        return csv_response(f"tiers-{found.iso3}.csv", PLACEMENT_CSV_HEADER, rows, source)
    return ok([placement_json(p) for p in history], source)


class UnodcParams(DownloadParams):
    sex: str = Field("Total", max_length=20, description="Total, Female, Male, Other, Unknown")
    age: str = Field("Total", max_length=20, description="Total, 0 to 17 years, 18 years or over")


@router.get(
    "/{iso3}/unodc",
    response={200: Envelope[list[schemas.UnodcPointOut]], **ERRORS},
    openapi_extra=CSV_DOWNLOAD,
)
def country_unodc(
    request: HttpRequest, iso3: Path[Iso3], params: Query[UnodcParams]
) -> dict[str, Any] | HttpResponse:
    """UNODC detected victims, persons prosecuted and convicted; '<5' stays censored."""
    found = get_country(iso3)
    series = unodc_series(found.iso3, sex=params.sex, age=params.age)
    if params.format == "csv":
        rows = [
            [found.iso3, p.year, p.indicator, p.sex, p.age, p.value, p.display, p.source_row]
            for p in series.points
        ]
        return csv_response(
            f"unodc-{found.iso3}.csv", schemas.UNODC_CSV_HEADER, rows, series.dataset
        )
    return ok([schemas.unodc_json(p) for p in series.points], series.dataset)


@router.get("/{iso3}/statute", response={200: Envelope[CountryStatuteOut], **ERRORS})
def country_statute_status(request: HttpRequest, iso3: Path[Iso3]) -> dict[str, Any]:
    """Where the country stands under the statute after the latest report: consecutive Watch
    List years, waivers used, re-entry limit, and what the next report can do."""
    result = country_statute(iso3)
    return ok(country_statute_json(result), result.source)


class TierProbabilityOut(Schema):
    tier: str
    probability: float


class PredictionOut(Schema):
    iso3: str
    year: int
    latest_tier: str
    previous_tier: str | None
    watch_list_years: int
    clock: str
    trend: str
    probabilities: list[TierProbabilityOut]
    most_likely: str
    change_probability: float
    similar_cases: int


class ForecastScoresOut(Schema):
    cases: int
    correct: int
    accuracy: float
    macro_f1: float
    changes: int
    predicted_changes: int
    caught_changes: int
    exact_changes: int
    change_recall: float
    change_precision: float | None


class ForecastComparisonOut(Schema):
    model: ForecastScoresOut
    baseline: ForecastScoresOut


class ForecastBacktestOut(Schema):
    first: int
    last: int
    overall: ForecastComparisonOut
    clock: ForecastComparisonOut


class CountryForecastOut(Schema):
    iso3: str
    year: int
    forecast: PredictionOut | None
    note: str
    backtest: ForecastBacktestOut


@router.get("/{iso3}/forecast", response={200: Envelope[CountryForecastOut], **ERRORS})
def country_tier_forecast(request: HttpRequest, iso3: Path[Iso3]) -> dict[str, Any]:
    """A statistical estimate of each tier's probability in the next report (not an
    assessment), with the model's backtest beside the baseline 'same tier as last year'."""
    found = get_country(iso3)
    result = country_forecast(found.iso3)
    if result is None:
        raise NotFound("No forecast: no placement is recorded.")
    prediction = result.prediction
    bt = result.backtest
    note = (
        "A statistical estimate from past patterns, not an assessment; see docs/forecast.md."
        if prediction is not None
        else f"No forecast: no placement is recorded for {found.iso3} in the {bt.last} report."
    )
    return ok(
        {
            "iso3": found.iso3, "year": result.year, "note": note,
            "forecast": prediction_json(found.iso3, prediction) if prediction else None,
            "backtest": {"first": bt.first, "last": bt.last,
                         "overall": comparison_json(bt.overall),
                         "clock": comparison_json(bt.clock)},
        },
        *result.sources,
    )  # fmt: skip
