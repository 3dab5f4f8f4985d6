"""Country services: keeping the Country table in step with the gazetteer, and the
data functions behind the country index and profile (one function, HTML and JSON)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tipmon.assistance.services import GrantSummary, grants_for_country
from tipmon.core.errors import NotFound
from tipmon.core.provenance import DatasetRef
from tipmon.countries.gazetteer import CountryRecord
from tipmon.countries.models import Bureau, Country
from tipmon.data.services import dataset_ref
from tipmon.tiers.rules import Tier
from tipmon.tiers.services import DATASET_KEY as TIER_DATASET_KEY
from tipmon.tiers.services import (
    Placement,
    ReportYearNotFound,
    latest_placements,
    report_year_range,
    tier_history,
)
from tipmon.trends.services import UnodcSeries, unodc_series

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
class CountryProfile:
    country: CountrySummary
    history: list[Placement]
    unodc: UnodcSeries
    grants: GrantSummary
    tier_source: DatasetRef

    @property
    def recorded_years(self) -> int:
        return sum(1 for p in self.history if p.recorded)

    @property
    def latest_recorded(self) -> Placement | None:
        """The most recent report year with a recorded placement, if any."""
        return next((p for p in reversed(self.history) if p.recorded), None)


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
    )
