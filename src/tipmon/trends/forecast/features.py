"""What is known about a country a year before a report, as a few categorical features.

Everything here looks only at placements before the report year being predicted and at
UNODC figures whose data year is at least ``UNODC_LAG`` years older than that report.
The Watch List clock comes from the tier engine (``tipmon.tiers.rules``): the law is not
re-derived here, only asked what a Watch List placement next year would mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from tipmon.tiers.rules import FIRST_REPORT_YEAR, EventKind, Tier, YearStatus, walk
from tipmon.tiers.rules.clock import advance

#: UNODC publishes its Global Report every two years, with figures two to four years old by
#: the time the next TIP Report appears in June; a data year counts as known for report
#: ``y`` when it is at most ``y - UNODC_LAG``.
UNODC_LAG = 3

#: The UNODC indicators read as law-enforcement signals.
LAW_INDICATORS = ("Persons prosecuted", "Persons convicted")

#: A change by more than this factor between two data years is a rise or a fall.
TREND_FACTOR = 1.2


class ClockState(StrEnum):
    """What a Tier 2 Watch List placement in the predicted year would mean under the statute."""

    FREE = "free"  # not limited: no automatic downgrade yet, or a first or second counted year
    WAIVER = "waiver"  # possible only with a waiver of the automatic downgrade
    BARRED = "barred"  # not allowed even with a waiver: Tier 3 or an upgrade is required
    REENTRY = "re-entry"  # the single year back allowed after an automatic downgrade
    UNCERTAIN = "uncertain"  # a year with no recorded placement makes the count unknown

    @property
    def binding(self) -> bool:
        """True when the clock constrains next year: the 'Watch List clock years'."""
        return self in {ClockState.WAIVER, ClockState.BARRED, ClockState.REENTRY}


class Trend(StrEnum):
    """Direction of recent UNODC prosecutions and convictions."""

    UP = "up"
    DOWN = "down"
    FLAT = "flat or mixed"
    UNKNOWN = "no recent figures"


@dataclass(frozen=True, slots=True)
class Figure:
    """One UNODC country figure; ``value`` None means published as '<suppressed_below'."""

    year: int
    indicator: str
    value: int | None
    suppressed_below: int | None = 5


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """A country's recorded placements (report year -> tier; gaps absent) and figures."""

    iso3: str
    placements: Mapping[int, Tier]
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class Features:
    """What was known before report ``year`` (all of it from earlier years)."""

    year: int
    current: Tier  # the placement in year - 1
    previous: Tier | None  # the placement in year - 2, None when not recorded
    watch_list_years: int  # consecutive Watch List placements ending in year - 1
    clock: ClockState
    trend: Trend


def clock_state(status: YearStatus, year: int) -> ClockState:
    """Ask the tier engine what a Watch List placement in ``year`` would trigger."""
    nxt = advance(status.clock, year, Tier.TIER_2_WATCH_LIST, status.tier)
    kinds = {e.kind for e in nxt.events}
    if EventKind.VIOLATION in kinds:
        return ClockState.BARRED
    if EventKind.UNKNOWN in kinds:
        return ClockState.UNCERTAIN
    if EventKind.WAIVER in kinds:
        return ClockState.WAIVER
    if EventKind.REENTRY in kinds:
        return ClockState.REENTRY
    return ClockState.FREE


def _direction(latest: Figure, earlier: Figure) -> Trend:
    """Compare two figures of one indicator; a '<5' is small but never zero or known."""
    floor = TREND_FACTOR * (earlier.suppressed_below or 5)
    if latest.value is None and earlier.value is None:
        return Trend.FLAT
    if earlier.value is None:
        return Trend.UP if latest.value is not None and latest.value >= floor else Trend.FLAT
    if latest.value is None:
        limit = TREND_FACTOR * (latest.suppressed_below or 5)
        return Trend.DOWN if earlier.value >= limit else Trend.FLAT
    if latest.value > earlier.value * TREND_FACTOR:
        return Trend.UP
    if latest.value * TREND_FACTOR < earlier.value:
        return Trend.DOWN
    return Trend.FLAT


def law_enforcement_trend(figures: Sequence[Figure], year: int) -> Trend:
    """The trend known before report ``year``: the latest two data years of each indicator,
    the latest no older than ``year - UNODC_LAG - 1``, at most two years apart."""
    cutoff = year - UNODC_LAG
    signals: list[Trend] = []
    for indicator in LAW_INDICATORS:
        known = sorted(
            (f for f in figures if f.indicator == indicator and f.year <= cutoff),
            key=lambda f: f.year,
        )
        if len(known) < 2 or known[-1].year < cutoff - 1 or known[-1].year - known[-2].year > 2:
            continue
        signals.append(_direction(known[-1], known[-2]))
    if not signals:
        return Trend.UNKNOWN
    if Trend.UP in signals and Trend.DOWN not in signals:
        return Trend.UP
    if Trend.DOWN in signals and Trend.UP not in signals:
        return Trend.DOWN
    return Trend.FLAT


def _watch_list_run(placements: Mapping[int, Tier], year: int) -> int:
    run = 0
    while placements.get(year - 1 - run) == Tier.TIER_2_WATCH_LIST:
        run += 1
    return run


def features_by_year(record: CountryRecord, years: Sequence[int]) -> dict[int, Features]:
    """Features for each report year in ``years`` whose previous year has a placement.

    The clock is walked once from the first report (as the statute replay does); the status
    after year - 1 depends only on placements up to year - 1, so nothing from ``year`` or
    later leaks into the features of ``year``.
    """
    first = FIRST_REPORT_YEAR
    last = max(years, default=first) - 1
    if not record.placements or last < first:
        return {}
    statuses = walk(record.placements, first, last)
    out: dict[int, Features] = {}
    for year in years:
        current = record.placements.get(year - 1)
        if current is None or not first < year <= last + 1:
            continue
        status = statuses[year - 1 - first]
        out[year] = Features(
            year=year,
            current=current,
            previous=record.placements.get(year - 2),
            watch_list_years=_watch_list_run(record.placements, year),
            clock=clock_state(status, year),
            trend=law_enforcement_trend(record.figures, year),
        )
    return out
