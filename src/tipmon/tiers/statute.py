"""The tier engine over the recorded history: the Django side of ``tiers.rules``.

Loads placements from the database into plain mappings, then calls the pure engine.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Country
from tipmon.countries.services import get_country
from tipmon.data.services import dataset_ref
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import (
    Basis,
    Decision,
    Findings,
    Reason,
    Replay,
    Tier,
    YearLists,
    YearStatus,
    decide,
    regime_for,
    replay,
    status_reasons,
    walk,
)
from tipmon.tiers.services import (
    DATASET_KEY,
    Placement,
    ReportYearNotFound,
    report_year_range,
    tier_history,
)


def histories() -> dict[str, dict[int, Tier | None]]:
    """Every country's recorded placements (iso3 -> report year -> tier)."""
    result: dict[str, dict[int, Tier | None]] = defaultdict(dict)
    for iso3, year, tier in TierPlacement.objects.values_list("country_id", "report_year", "tier"):
        result[iso3][year] = Tier(tier)
    return dict(result)


def weak_placements() -> dict[str, list[tuple[int, str]]]:
    """Placements resting on news, an adjacent year's report or inference, per country."""
    weak = [b.value for b in Basis if not b.is_primary]
    result: dict[str, list[tuple[int, str]]] = defaultdict(list)
    rows = TierPlacement.objects.filter(basis__in=weak).order_by("country_id", "report_year")
    for iso3, year, basis in rows.values_list("country_id", "report_year", "basis"):
        result[iso3].append((year, basis))
    return dict(result)


def replay_record(first: int | None = None, last: int | None = None) -> Replay:
    lo, hi = report_year_range()
    return replay(histories(), lo if first is None else first, hi if last is None else last)


@dataclass(frozen=True, slots=True)
class CountryStatute:
    iso3: str
    status: YearStatus
    reasons: tuple[Reason, ...]
    regime: str
    source: DatasetRef


def country_statute(code: str) -> CountryStatute:
    """Where a country stands under the statute after the latest report year."""
    country = get_country(code)
    return statute_from_history(country.iso3, tier_history(country.iso3), dataset_ref(DATASET_KEY))


def statute_from_history(iso3: str, history: list[Placement], source: DatasetRef) -> CountryStatute:
    """The same, from a history already read (the country profile has one)."""
    placements = {p.year: p.tier for p in history}
    status = walk(placements, history[0].year, history[-1].year)[-1]
    regime = regime_for(status.year).label
    return CountryStatute(iso3, status, status_reasons(status), regime, source)


@dataclass(frozen=True, slots=True)
class YearStatute:
    year: int
    lists: YearLists
    names: dict[str, str]
    source: DatasetRef
    regime: str


def year_statute(year: int) -> YearStatute:
    first, last = report_year_range()
    if not first <= year <= last:
        raise ReportYearNotFound(year, first, last)
    record = replay_record(first, last)
    names = dict(Country.objects.values_list("iso3", "short_name"))
    return YearStatute(year, record.lists(year), names, dataset_ref(DATASET_KEY),
                       regime_for(year).label)  # fmt: skip


def check_proposal(code: str, year: int, proposed: Tier, findings: Findings) -> Decision:
    """Is ``proposed`` allowed for the country in ``year``, given its recorded history?"""
    country = get_country(code)
    placements = {
        y: Tier(t)
        for y, t in TierPlacement.objects.filter(country=country, report_year__lt=year).values_list(
            "report_year", "tier"
        )
    }
    return decide(placements, year, proposed, findings)
