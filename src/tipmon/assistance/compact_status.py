"""The status of a Child Protection Compact partnership: pure Python, no Django import.

Oversight of these partnerships found plans without indicators, indicators without annual
targets and partner contributions nobody tracked. This module turns a compact's plan, as
plain dataclasses, into those gaps. "Today" is always passed in; nothing here reads a clock.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

#: A milestone due within this many days (today included) is "due soon".
DUE_SOON_DAYS = 90


class Bucket(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    LATER = "later"


@dataclass(frozen=True, slots=True)
class MilestoneIn:
    id: int
    title: str
    due: date
    completed: date | None = None
    objective: str = ""
    activity: str = ""


@dataclass(frozen=True, slots=True)
class TargetIn:
    year: int
    target: Decimal
    actual: Decimal | None


@dataclass(frozen=True, slots=True)
class IndicatorIn:
    id: int
    title: str
    targets: tuple[TargetIn, ...] = ()


@dataclass(frozen=True, slots=True)
class ContributionIn:
    id: int
    year: int
    kind: str
    committed_usd: Decimal
    delivered_usd: Decimal | None
    description: str = ""


@dataclass(frozen=True, slots=True)
class CompactIn:
    id: int
    title: str
    country: str
    start: date
    end: date
    milestones: tuple[MilestoneIn, ...] = ()
    indicators: tuple[IndicatorIn, ...] = ()
    contributions: tuple[ContributionIn, ...] = ()


@dataclass(frozen=True, slots=True)
class MilestoneState:
    milestone: MilestoneIn
    bucket: Bucket
    #: Days past due for an overdue milestone, days left for one due soon or later, else 0.
    days: int


@dataclass(frozen=True, slots=True)
class MissingTarget:
    indicator_id: int
    indicator: str
    year: int


@dataclass(frozen=True, slots=True)
class MissingActual:
    indicator_id: int
    indicator: str
    year: int
    target: Decimal


@dataclass(frozen=True, slots=True)
class ContributionTotal:
    year: int
    kind: str
    committed_usd: Decimal
    delivered_usd: Decimal
    #: Rows whose delivery is not yet reported (None), counted as nothing delivered.
    unreported: int

    @property
    def delivered_share(self) -> float | None:
        return float(self.delivered_usd / self.committed_usd) if self.committed_usd else None


@dataclass(frozen=True, slots=True)
class CompactStatus:
    compact_id: int
    title: str
    country: str
    today: date
    milestones: tuple[MilestoneState, ...]
    running_years: tuple[int, ...]
    no_indicators: bool
    missing_targets: tuple[MissingTarget, ...]
    missing_actuals: tuple[MissingActual, ...]
    contributions: tuple[ContributionTotal, ...]
    #: Contributions with something delivered against no commitment.
    uncommitted: tuple[ContributionIn, ...]

    def in_bucket(self, bucket: Bucket) -> list[MilestoneState]:
        return [m for m in self.milestones if m.bucket == bucket]

    @property
    def overdue(self) -> list[MilestoneState]:
        return sorted(self.in_bucket(Bucket.OVERDUE), key=lambda m: -m.days)

    @property
    def due_soon(self) -> list[MilestoneState]:
        return sorted(self.in_bucket(Bucket.DUE_SOON), key=lambda m: m.days)

    @property
    def health(self) -> dict[str, int]:
        """How many of each gap: zero everywhere is a healthy partnership."""
        return {
            "overdue milestones": len(self.in_bucket(Bucket.OVERDUE)),
            "milestones due in 90 days": len(self.in_bucket(Bucket.DUE_SOON)),
            "indicators missing": int(self.no_indicators),
            "annual targets missing": len(self.missing_targets),
            "actuals missing after the year ended": len(self.missing_actuals),
            "deliveries without a commitment": len(self.uncommitted),
        }

    @property
    def gaps(self) -> int:
        """Gaps that need action (milestones merely due soon are not gaps)."""
        return sum(v for k, v in self.health.items() if k != "milestones due in 90 days")


def bucket_of(milestone: MilestoneIn, today: date) -> MilestoneState:
    """Exactly one bucket: done if completed, else by due date against ``today``."""
    if milestone.completed is not None:
        return MilestoneState(milestone, Bucket.DONE, 0)
    days = (milestone.due - today).days
    if days < 0:
        return MilestoneState(milestone, Bucket.OVERDUE, -days)
    if milestone.due <= today + timedelta(days=DUE_SOON_DAYS):
        return MilestoneState(milestone, Bucket.DUE_SOON, days)
    return MilestoneState(milestone, Bucket.LATER, days)


def compact_years(start: date, end: date) -> tuple[int, ...]:
    """The calendar years a compact runs in (targets and contributions belong to these)."""
    return tuple(range(start.year, end.year + 1))


def running_years(start: date, end: date, today: date) -> tuple[int, ...]:
    """Years the compact has started running in by ``today``: each needs annual targets."""
    return tuple(y for y in compact_years(start, end) if y <= today.year and start <= today)


def contribution_totals(items: tuple[ContributionIn, ...]) -> tuple[ContributionTotal, ...]:
    """Committed and delivered sums by year and kind, in year then kind order."""
    committed: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    delivered: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    unreported: dict[tuple[int, str], int] = defaultdict(int)
    for c in items:
        key = (c.year, c.kind)
        committed[key] += c.committed_usd
        delivered[key] += c.delivered_usd or Decimal(0)
        unreported[key] += c.delivered_usd is None
    return tuple(
        ContributionTotal(
            year, kind, committed[(year, kind)], delivered[(year, kind)], unreported[(year, kind)]
        )
        for year, kind in sorted(committed)
    )


def status(compact: CompactIn, today: date) -> CompactStatus:
    running = running_years(compact.start, compact.end, today)
    missing_targets = []
    missing_actuals = []
    for indicator in compact.indicators:
        by_year = {t.year: t for t in indicator.targets}
        missing_targets += [
            MissingTarget(indicator.id, indicator.title, y) for y in running if y not in by_year
        ]
        missing_actuals += [
            MissingActual(indicator.id, indicator.title, t.year, t.target)
            for t in sorted(indicator.targets, key=lambda t: t.year)
            if t.year < today.year and t.actual is None
        ]
    return CompactStatus(
        compact_id=compact.id,
        title=compact.title,
        country=compact.country,
        today=today,
        milestones=tuple(bucket_of(m, today) for m in compact.milestones),
        running_years=running,
        no_indicators=not compact.indicators,
        missing_targets=tuple(missing_targets),
        missing_actuals=tuple(missing_actuals),
        contributions=contribution_totals(compact.contributions),
        uncommitted=tuple(
            c for c in compact.contributions if c.committed_usd == 0 and (c.delivered_usd or 0) > 0
        ),
    )
