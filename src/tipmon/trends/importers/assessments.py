"""Snapshot the law-enforcement data of published cycles into ``CountryLawEnforcement``.

Only a published cycle's approved assessments are read: a draft's figures never reach the
statistics. Each cycle is its own dataset (``tipmon_law_enforcement_2026``), and every row
cites the published report's page for its country. Taking the same snapshot twice changes
nothing. ``publish_cycle`` takes the snapshot in its own transaction, so a cycle's figures
appear in the statistics exactly when its report does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db import transaction
from django.utils import timezone

from tipmon.assessments.models import (
    LAW_ENFORCEMENT_FIELDS,
    CountryAssessment,
    ReportingCycle,
    State,
)
from tipmon.assessments.services import reporting_period
from tipmon.data.models import Dataset
from tipmon.trends.models import CountryLawEnforcement

Status = Literal["imported", "unchanged", "would import"]


class CycleNotPublished(LookupError):
    """The cycle does not exist or is not published; nothing was imported."""


@dataclass(frozen=True, slots=True)
class SnapshotReport:
    key: str
    report_year: int
    data_year: int
    countries: int
    with_figures: int  # countries that reported at least one figure
    status: Status


def snapshot_key(report_year: int) -> str:
    return f"tipmon_law_enforcement_{report_year}"


def report_page(report_year: int, iso3: str) -> str:
    """The published report's page for a country (as the tier history cites it)."""
    return f"/reports/{report_year}/{iso3}"


Figures = tuple[int | None, ...]


def _wanted(cycle: ReportingCycle) -> dict[str, Figures]:
    """Country -> figures, from the cycle's approved assessments only."""
    rows = CountryAssessment.objects.filter(cycle=cycle, state=State.APPROVED).exclude(
        final_tier=""
    )
    return {r[0]: tuple(r[1:]) for r in rows.values_list("country_id", *LAW_ENFORCEMENT_FIELDS)}


def _stored(report_year: int) -> dict[str, Figures]:
    rows = CountryLawEnforcement.objects.filter(report_year=report_year)
    return {r[0]: tuple(r[1:]) for r in rows.values_list("country_id", *LAW_ENFORCEMENT_FIELDS)}


def _provenance(cycle: ReportingCycle, countries: int) -> dict[str, object]:
    year = cycle.report_year
    start, end = reporting_period(year)
    published = cycle.published_at or timezone.now()
    return {
        "title": f"TIP Monitor law-enforcement data by country, {year} report",
        "producer": "TIP Monitor assessment cycle",
        "edition": f"{year} report, published {published:%Y-%m-%d}",
        "source_url": "",
        "accessed": published.date(),
        "licence": "Published by the office",
        "attribution": f"Trafficking in Persons Report {year} (TIP Monitor), law-enforcement data.",
        "caveats": (
            f"As governments reported them for {start:%d %B %Y} to {end:%d %B %Y} and the "
            "approved assessments recorded them; an empty figure was not reported."
        ),
        "file_name": "",
        "sha256": "",
        "row_count": countries,
        "loaded_at": timezone.now(),
    }


def snapshot_cycle(cycle: ReportingCycle, *, dry_run: bool = False) -> SnapshotReport:
    """Store the published cycle's figures, replacing an earlier snapshot that differs."""
    if not cycle.published:
        raise CycleNotPublished(
            f"The {cycle.report_year} cycle is not published; only published cycles are imported."
        )
    wanted = _wanted(cycle)
    unchanged = Dataset.objects.filter(key=snapshot_key(cycle.report_year)).exists() and (
        _stored(cycle.report_year) == wanted
    )
    status: Status = "unchanged" if unchanged else "would import" if dry_run else "imported"
    if status == "imported":
        _write(cycle, wanted)
    with_figures = sum(1 for figures in wanted.values() if any(v is not None for v in figures))
    year = cycle.report_year
    return SnapshotReport(snapshot_key(year), year, year - 1, len(wanted), with_figures, status)


@transaction.atomic
def _write(cycle: ReportingCycle, wanted: dict[str, Figures]) -> None:
    year = cycle.report_year
    start, end = reporting_period(year)
    CountryLawEnforcement.objects.filter(report_year=year).delete()
    dataset, _ = Dataset.objects.update_or_create(
        key=snapshot_key(year), defaults=_provenance(cycle, len(wanted))
    )
    CountryLawEnforcement.objects.bulk_create(
        CountryLawEnforcement(
            country_id=iso3,
            report_year=year,
            data_year=start.year,
            period_start=start,
            period_end=end,
            source=report_page(year, iso3),
            dataset=dataset,
            **dict(zip(LAW_ENFORCEMENT_FIELDS, figures, strict=True)),
        )
        for iso3, figures in sorted(wanted.items())
    )


def import_assessments(
    report_year: int | None = None, *, dry_run: bool = False
) -> list[SnapshotReport]:
    """Snapshot every published cycle, or the one given (which must be published)."""
    if report_year is None:
        cycles = list(ReportingCycle.objects.filter(published_at__isnull=False))
    else:
        cycle = ReportingCycle.objects.filter(report_year=report_year).first()
        if cycle is None:
            raise CycleNotPublished(f"There is no {report_year} cycle.")
        cycles = [cycle]
    with transaction.atomic():
        return [snapshot_cycle(c, dry_run=dry_run) for c in sorted(cycles, key=_year_of)]


def _year_of(cycle: ReportingCycle) -> int:
    return cycle.report_year
