"""Law-enforcement figures by country, from the office's published assessments.

Data functions for pages and the API: rows by country and data year with filters, one
country's series, and the worldwide sum by data year. Only rows of published cycles are
read (the snapshot holds no other, and the query checks it again).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from django.db.models import QuerySet

from tipmon.assessments.models import LAW_ENFORCEMENT_FIELDS, ReportingCycle
from tipmon.core.provenance import DatasetRef
from tipmon.countries.services import get_country
from tipmon.data.models import Dataset
from tipmon.trends.models import CountryLawEnforcement


@dataclass(frozen=True, slots=True)
class CountryLawEnforcementPoint:
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


POINT_FIELDS = tuple(f.name for f in fields(CountryLawEnforcementPoint))


@dataclass(frozen=True, slots=True)
class CountryLawEnforcementTable:
    points: list[CountryLawEnforcementPoint]
    #: The dataset of every cycle the points come from, oldest first.
    sources: list[DatasetRef]


@dataclass(frozen=True, slots=True)
class GlobalLawEnforcementYear:
    """Every published country's figures for one data year, summed measure by measure.

    A measure no country reported is None, not 0; ``reporting`` counts the countries that
    gave each measure."""

    data_year: int
    report_year: int
    countries: int
    totals: dict[str, int | None]
    reporting: dict[str, int]


def _published(rows: QuerySet[CountryLawEnforcement]) -> QuerySet[CountryLawEnforcement]:
    published = ReportingCycle.objects.filter(published_at__isnull=False).values("report_year")
    return rows.filter(report_year__in=published)


def _sources(keys: set[str]) -> list[DatasetRef]:
    datasets = Dataset.objects.filter(key__in=keys).order_by("key")
    return [DatasetRef.of(d) for d in datasets]


def law_enforcement_by_country(
    country: str | None = None,
    bureau: str | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
) -> CountryLawEnforcementTable:
    """Rows by country and data year; ``country`` is an ISO3 code (unknown: NotFound)."""
    rows = _published(CountryLawEnforcement.objects.all())
    if country is not None:
        rows = rows.filter(country=get_country(country))
    if bureau is not None:
        rows = rows.filter(country__bureau=bureau)
    if first_year is not None:
        rows = rows.filter(data_year__gte=first_year)
    if last_year is not None:
        rows = rows.filter(data_year__lte=last_year)
    ordered = rows.select_related("country", "dataset").order_by("country_id", "data_year")
    points = [_point(row) for row in ordered]
    return CountryLawEnforcementTable(points, _sources({p.dataset for p in points}))


def _point(row: CountryLawEnforcement) -> CountryLawEnforcementPoint:
    figures = {name: getattr(row, name) for name in LAW_ENFORCEMENT_FIELDS}
    return CountryLawEnforcementPoint(
        iso3=row.country.iso3, country=row.country.short_name, bureau=row.country.bureau,
        report_year=row.report_year, data_year=row.data_year, period_start=row.period_start,
        period_end=row.period_end, source=row.source, dataset=row.dataset.key, **figures,
    )  # fmt: skip


def country_law_enforcement(iso3: str) -> CountryLawEnforcementTable:
    """One country's published figures, oldest data year first."""
    return law_enforcement_by_country(country=iso3)


def global_law_enforcement_by_year(
    first_year: int | None = None, last_year: int | None = None
) -> tuple[list[GlobalLawEnforcementYear], list[DatasetRef]]:
    """The published countries' figures summed by data year, with the datasets they use."""
    table = law_enforcement_by_country(first_year=first_year, last_year=last_year)
    years: dict[int, list[CountryLawEnforcementPoint]] = {}
    for point in table.points:
        years.setdefault(point.data_year, []).append(point)
    return [_sum(year, points) for year, points in sorted(years.items())], table.sources


def _sum(year: int, points: list[CountryLawEnforcementPoint]) -> GlobalLawEnforcementYear:
    totals: dict[str, int | None] = {}
    reporting: dict[str, int] = {}
    for name in LAW_ENFORCEMENT_FIELDS:
        given = [v for p in points if (v := getattr(p, name)) is not None]
        totals[name] = sum(given) if given else None
        reporting[name] = len(given)
    return GlobalLawEnforcementYear(year, points[0].report_year, len(points), totals, reporting)
