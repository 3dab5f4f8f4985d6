"""Country services: keeping the Country table in step with the gazetteer, and the
data functions behind the country index and profile (one function, HTML and JSON)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tipmon.assistance.services import GrantSummary, grants_for_country
from tipmon.core.datastate import data_state
from tipmon.core.errors import NotFound
from tipmon.core.provenance import DatasetRef
from tipmon.countries.gazetteer import CountryRecord
from tipmon.countries.models import Bureau, Country
from tipmon.data.services import dataset_ref
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Tier
from tipmon.tiers.services import DATASET_KEY as TIER_DATASET_KEY
from tipmon.tiers.services import (
    Placement,
    ReportYearNotFound,
    latest_placements,
    report_year_range,
    tier_history,
)
from tipmon.trends import forecast as fc
from tipmon.trends.models import UnodcFigure
from tipmon.trends.services import UNODC_KEY, UnodcSeries, unodc_series

_FIELDS = ("iso2", "numeric", "short_name", "formal_name", "bureau", "kind", "tip_covered")


def sync_countries(records: Iterable[CountryRecord]) -> int:
    """Create or update a Country for each gazetteer record; return how many changed."""
    existing = {country.iso3: country for country in Country.objects.all()}
    created: list[Country] = []
    updated: list[Country] = []
    for record in records:
        values = {name: getattr(record, name) for name in _FIELDS}
        country = existing.get(record.iso3)
        if country is None:
            created.append(Country(iso3=record.iso3, **values))
        elif any(getattr(country, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(country, name, value)
            updated.append(country)
    Country.objects.bulk_create(created)
    Country.objects.bulk_update(updated, list(_FIELDS))
    return len(created) + len(updated)


class CountryNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"No country or territory with the code {code!r}.")
        self.code = code


@dataclass(frozen=True, slots=True)
class CountrySummary:
    iso3: str
    short_name: str
    formal_name: str
    bureau: str
    bureau_name: str
    kind: str
    latest: Placement

    @classmethod
    def of(cls, country: Country, latest: Placement) -> CountrySummary:
        return cls(
            country.iso3, country.short_name, country.formal_name, country.bureau,
            Bureau(country.bureau).label, country.kind, latest,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class CountryIndex:
    year: int
    bureau: str | None
    tier: Tier | None
    query: str
    countries: list[CountrySummary]
    source: DatasetRef


def country_index(
    *, year: int | None = None, bureau: str | None = None, tier: Tier | None = None, query: str = ""
) -> CountryIndex:
    """Countries the report covers, with their tier in ``year`` (the latest by default)."""
    first, last = report_year_range()
    year = last if year is None else year
    if not first <= year <= last:
        raise ReportYearNotFound(year, first, last)
    placements = latest_placements(year)
    countries = Country.objects.filter(tip_covered=True)
    if bureau:
        countries = countries.filter(bureau=bureau)
    if query:
        countries = countries.filter(short_name__icontains=query)
    items = [CountrySummary.of(c, placements.get(c.iso3, Placement(year, None))) for c in countries]
    if tier is not None:
        items = [item for item in items if item.latest.tier == tier]
    return CountryIndex(year, bureau, tier, query, items, dataset_ref(TIER_DATASET_KEY))


@dataclass(frozen=True, slots=True)
class ForecastModel:
    """The forecast of the next report and the backtest, trained once per state of the data."""

    outlook: fc.Outlook
    backtest: fc.Backtest
    sources: tuple[DatasetRef, DatasetRef]


@dataclass(frozen=True, slots=True)
class CountryForecast:
    """One country's forecast for the next report, with the model's backtest beside it."""

    year: int
    prediction: fc.Prediction | None  # None when the latest report has no placement for it
    backtest: fc.Backtest
    sources: tuple[DatasetRef, DatasetRef]

    @property
    def clock_binding(self) -> bool:
        return self.prediction is not None and self.prediction.features.clock.binding

    @property
    def rows(self) -> list[tuple[Placement, float]]:
        """Each tier as a placement to display, with its probability in percent."""
        if self.prediction is None:
            return []
        return [(Placement(self.year, t), 100 * p) for t, p in self.prediction.probabilities]

    @property
    def accuracy(self) -> tuple[float, float]:
        """Backtest accuracy in percent: the model's, and the baseline's (same tier again)."""
        overall = self.backtest.overall
        return 100 * overall.model.accuracy, 100 * overall.baseline.accuracy

    @property
    def clock_accuracy(self) -> tuple[float, float]:
        """The same on the country-years where the Watch List clock binds."""
        clock = self.backtest.clock
        return 100 * clock.model.accuracy, 100 * clock.baseline.accuracy


@dataclass(frozen=True, slots=True)
class CountryProfile:
    country: CountrySummary
    history: list[Placement]
    unodc: UnodcSeries
    grants: GrantSummary
    tier_source: DatasetRef
    forecast: CountryForecast | None = None

    @property
    def recorded_years(self) -> int:
        return sum(1 for p in self.history if p.recorded)

    @property
    def latest_recorded(self) -> Placement | None:
        """The most recent report year with a recorded placement, if any."""
        return next((p for p in reversed(self.history) if p.recorded), None)


def forecast_records() -> list[fc.CountryRecord]:
    """Every recorded placement and UNODC prosecution and conviction total, by country."""
    placements: dict[str, dict[int, Tier]] = {}
    for iso3, year, tier in TierPlacement.objects.values_list("country_id", "report_year", "tier"):
        placements.setdefault(iso3, {})[year] = Tier(tier)
    figures: dict[str, list[fc.Figure]] = {}
    rows = UnodcFigure.objects.filter(
        dataset__key=UNODC_KEY, country__isnull=False, indicator__in=fc.LAW_INDICATORS,
        dimension="Total", sex="Total", age="Total",
    ).values_list("country_id", "year", "indicator", "value", "suppressed_below")  # fmt: skip
    for iso3, year, indicator, value, below in rows.order_by("country_id", "year", "indicator"):
        figures.setdefault(iso3, []).append(fc.Figure(year, indicator, value, below))
    return [
        fc.CountryRecord(iso3, tiers, tuple(figures.get(iso3, ())))
        for iso3, tiers in sorted(placements.items())
    ]


_FORECAST_CACHE: dict[str, ForecastModel] = {}


def forecast_model() -> ForecastModel | None:
    """The trained forecast and its backtest, cached per process and per state of the data;
    None when no placement is recorded."""
    key = data_state()  # any load, import or publication retrains
    cached = _FORECAST_CACHE.get(key)
    if cached is not None:
        return cached
    records = forecast_records()
    if not records:
        return None
    built = ForecastModel(
        fc.forecast(records), fc.backtest(records),
        (dataset_ref(TIER_DATASET_KEY), dataset_ref(UNODC_KEY)),
    )  # fmt: skip
    _FORECAST_CACHE.clear()
    _FORECAST_CACHE[key] = built
    return built


def country_forecast(iso3: str) -> CountryForecast | None:
    model = forecast_model()
    if model is None:
        return None
    return CountryForecast(
        model.outlook.year, model.outlook.predictions.get(iso3), model.backtest, model.sources
    )


def get_country(code: str) -> Country:
    country = Country.objects.filter(iso3=code.upper()).first()
    if country is None:
        raise CountryNotFound(code)
    return country


def country_profile(code: str) -> CountryProfile:
    country = get_country(code)
    history = tier_history(country.iso3)
    return CountryProfile(
        country=CountrySummary.of(country, history[-1] if history else Placement(0, None)),
        history=history,
        unodc=unodc_series(country.iso3),
        grants=grants_for_country(country.iso3),
        tier_source=dataset_ref(TIER_DATASET_KEY),
        forecast=country_forecast(country.iso3),
    )
