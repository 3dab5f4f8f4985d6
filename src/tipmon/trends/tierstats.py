"""Pure statistics over tier placements: distributions, transitions and movers.

No Django here: callers pass ``{(iso3, year): Tier}`` maps and get dataclasses back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tipmon.tiers.rules import Tier

NOT_RECORDED = "Not recorded"
#: Tiers that sit on the ordinal scale; a Special Case is not better or worse than a tier.
RANKED = (Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3)
STATES = (*(t.value for t in Tier), NOT_RECORDED)

Placements = Mapping[tuple[str, int], Tier]


def distribution(
    placements: Placements, years: Iterable[int], countries: Iterable[str] | None = None
) -> dict[int, dict[str, int]]:
    """For each year, how many of ``countries`` (default: all placed) sit on each tier."""
    wanted = None if countries is None else set(countries)
    result = {y: {t.value: 0 for t in Tier} for y in years}
    for (iso3, year), tier in placements.items():
        if year in result and (wanted is None or iso3 in wanted):
            result[year][tier.value] += 1
    return result


@dataclass(frozen=True, slots=True)
class TransitionMatrix:
    """Countries by tier in ``first`` (rows) and tier in ``second`` (columns)."""

    first: int
    second: int
    states: tuple[str, ...]
    members: dict[tuple[str, str], tuple[str, ...]]

    def count(self, before: str, after: str) -> int:
        return len(self.members.get((before, after), ()))

    def row_total(self, before: str) -> int:
        return sum(self.count(before, after) for after in self.states)

    def column_total(self, after: str) -> int:
        return sum(self.count(before, after) for before in self.states)

    @property
    def total(self) -> int:
        return sum(len(m) for m in self.members.values())

    def share(self, before: str, after: str) -> float | None:
        """The share of ``before``'s row that moved to ``after``; None for an empty row."""
        total = self.row_total(before)
        return None if total == 0 else self.count(before, after) / total

    @property
    def unchanged(self) -> int:
        return sum(self.count(s, s) for s in self.states if s != NOT_RECORDED)


def transitions(
    placements: Placements, first: int, second: int, countries: Iterable[str]
) -> TransitionMatrix:
    """Cross-tabulate each country's state in two years; unplaced years are 'Not recorded'.

    Countries unplaced in both years are left out: they say nothing about movement."""
    members: dict[tuple[str, str], list[str]] = {}
    for iso3 in sorted(set(countries)):
        before, after = placements.get((iso3, first)), placements.get((iso3, second))
        if before is None and after is None:
            continue
        key = (
            before.value if before else NOT_RECORDED,
            after.value if after else NOT_RECORDED,
        )
        members.setdefault(key, []).append(iso3)
    return TransitionMatrix(first, second, STATES, {k: tuple(v) for k, v in members.items()})


@dataclass(frozen=True, slots=True)
class Move:
    iso3: str
    before: Tier
    after: Tier
    #: Positive for an improvement: the number of tier steps up the ranked scale.
    steps: int
    #: The tier in each report year of the window, None where nothing is recorded.
    path: tuple[Tier | None, ...]


def movers(
    placements: Placements, first: int, second: int, countries: Iterable[str]
) -> tuple[list[Move], list[Move]]:
    """Biggest improvers and decliners between two report years.

    Only countries ranked (Tier 1 to Tier 3) in both years are compared. Ordered by the
    size of the move, then by how recently the country reached its new tier (a later
    arrival ranks lower, a steadier one higher), then by code for a stable order."""
    improved: list[Move] = []
    declined: list[Move] = []
    for iso3 in sorted(set(countries)):
        before, after = placements.get((iso3, first)), placements.get((iso3, second))
        if before not in RANKED or after not in RANKED or before is None or after is None:
            continue
        steps = RANKED.index(before) - RANKED.index(after)
        if steps == 0:
            continue
        path = tuple(placements.get((iso3, y)) for y in range(first, second + 1))
        move = Move(iso3, before, after, steps, path)
        (improved if steps > 0 else declined).append(move)

    def settled_since(move: Move) -> int:
        years = 0
        for tier in reversed(move.path):
            if tier != move.after:
                break
            years += 1
        return years

    improved.sort(key=lambda m: (-m.steps, -settled_since(m), m.iso3))
    declined.sort(key=lambda m: (m.steps, -settled_since(m), m.iso3))
    return improved, declined
