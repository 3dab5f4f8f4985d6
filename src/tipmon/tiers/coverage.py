"""How complete the tier record is, per report year, against the totals the reports state."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tipmon.tiers.models import StatedTotal, TierPlacement
from tipmon.tiers.rules import Basis
from tipmon.tiers.statute import replay_record


@dataclass(frozen=True, slots=True)
class TotalCheck:
    category: str
    stated: int
    recorded: int
    source: str
    explanation: str

    @property
    def agrees(self) -> bool:
        return self.stated == self.recorded

    @property
    def verdict(self) -> str:
        if self.agrees:
            return "agrees"
        return "explained" if self.explanation else "DISAGREES"


@dataclass(frozen=True, slots=True)
class YearCoverage:
    year: int
    placed: int
    sourced: int
    secondary: int
    inferred: int
    expected: int | None
    checks: tuple[TotalCheck, ...]

    @property
    def missing(self) -> int | None:
        return None if self.expected is None else max(0, self.expected - self.placed)

    @property
    def unexplained(self) -> tuple[TotalCheck, ...]:
        return tuple(c for c in self.checks if c.verdict == "DISAGREES")


def coverage() -> list[YearCoverage]:
    rows = list(TierPlacement.objects.values_list("report_year", "tier", "basis"))
    by_tier = Counter((y, t) for y, t, _ in rows)
    by_basis = Counter((y, b) for y, _, b in rows)
    placed = Counter(y for y, _, _ in rows)
    record = replay_record()
    swl = {y: len(record.lists(y).special_watch_list) for y in range(record.first, record.last + 1)}
    stated: dict[int, list[StatedTotal]] = {}
    for total in StatedTotal.objects.all():
        stated.setdefault(total.report_year, []).append(total)
    result = []
    for year in sorted(placed):

        def recorded(category: str, year: int = year) -> int:
            if category == "Total countries":
                return placed[year]
            if category == "Special Watch List":
                return swl.get(year, 0)
            return by_tier[(year, category)]

        checks = tuple(TotalCheck(s.category, s.stated_count, recorded(s.category), s.source,
                                  s.explanation) for s in stated.get(year, []))  # fmt: skip
        expected = next((c.stated for c in checks if c.category == "Total countries"), None)
        primary = sum(by_basis[(year, b.value)] for b in Basis if b.is_primary)
        inferred = by_basis[(year, Basis.INFERRED.value)]
        result.append(YearCoverage(year, placed[year], primary, placed[year] - primary - inferred,
                                   inferred, expected, checks))  # fmt: skip
    return result


def likely_missing() -> dict[int, list[str]]:
    """Per year, countries placed the year before or after but not that year: the gaps a
    reader would notice first. Why: no stored source giving that placement has been found."""
    placed: dict[int, set[str]] = {}
    for iso3, year in TierPlacement.objects.values_list("country_id", "report_year"):
        placed.setdefault(year, set()).add(iso3)
    result = {}
    for year in sorted(placed):
        around = placed.get(year - 1, set()) | placed.get(year + 1, set())
        gaps = sorted(around - placed[year])
        if gaps:
            result[year] = gaps
    return result
