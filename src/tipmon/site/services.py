"""The home page's data: the latest report year's tiers for the map and its text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from tipmon.core.provenance import DatasetRef
from tipmon.tiers.services import TierList, report_year_range, tier_list
from tipmon.trends.maps import mapped_iso3


@dataclass(frozen=True, slots=True)
class HomeMap:
    tier_list: TierList
    unmapped: list[tuple[str, str, str]]  # iso3, name, tier label of places with no shape
    source: DatasetRef


def home_map(year: int | None = None) -> HomeMap:
    _, last = report_year_range()
    result = tier_list(last if year is None else year)
    shapes = mapped_iso3()
    unmapped = [
        (e.iso3, e.short_name, e.placement.tier_label)
        for e in result.entries
        if e.iso3 not in shapes
    ]
    return HomeMap(result, sorted(unmapped, key=lambda item: item[1]), result.source)
