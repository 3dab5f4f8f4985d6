"""Replay recorded history through the statute, for every country and year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tipmon.tiers.rules.clock import EventKind, YearStatus, walk
from tipmon.tiers.rules.lists import YearLists, year_lists
from tipmon.tiers.rules.regimes import DEFAULT_CONFIG, RulesConfig, check_year
from tipmon.tiers.rules.vocabulary import Tier

Histories = Mapping[str, Mapping[int, Tier | None]]


@dataclass(frozen=True, slots=True)
class Replay:
    first: int
    last: int
    statuses: dict[str, list[YearStatus]]  # iso3 -> one status per year, first..last

    def year(self, year: int) -> dict[str, YearStatus]:
        return {iso3: rows[year - self.first] for iso3, rows in self.statuses.items()}

    def lists(self, year: int, config: RulesConfig = DEFAULT_CONFIG) -> YearLists:
        return year_lists(self.year(year), year, config)

    def count(self, kind: EventKind) -> int:
        return sum(1 for rows in self.statuses.values() for s in rows for e in s.events
                   if e.kind == kind)  # fmt: skip


def replay(
    histories: Histories, first: int = 2001, last: int = 2025, config: RulesConfig = DEFAULT_CONFIG
) -> Replay:
    """Walk each country from 2001 (so the clock is right) and keep ``first``..``last``."""
    check_year(first)
    check_year(last)
    if first > last:
        raise ValueError(f"the first year {first} is after the last year {last}")
    start = min(first, 2001)
    kept = {
        iso3: walk(placements, start, last, config)[first - start :]
        for iso3, placements in sorted(histories.items())
    }
    return Replay(first, last, kept)
