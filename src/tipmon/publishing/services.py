"""The published report: one data function for the HTML pages and the PDF.

Only a published cycle has a report; before publication every function here raises
``ReportNotPublished``, which pages turn into 404 (the embargo).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from tipmon.assessments.interim import InterimEntry, interim_entries
from tipmon.assessments.models import CountryAssessment, ReportingCycle
from tipmon.core.errors import NotFound
from tipmon.tiers.rules import Tier
from tipmon.tiers.services import TierList, tier_list
from tipmon.tiers.statute import year_statute
from tipmon.trends.charts import tier_map_spec
from tipmon.trends.maps import MAP_FILE, MAP_SOURCE
from tipmon.trends.services import LawEnforcementSeries, law_enforcement_series


class ReportNotPublished(NotFound):
    def __init__(self, year: int) -> None:
        super().__init__(f"There is no published {year} report.")


@dataclass(frozen=True, slots=True)
class CountryChapter:
    iso3: str
    name: str
    tier: Tier
    narrative: str

    @property
    def paragraphs(self) -> list[tuple[bool, str]]:
        """(is_heading, text) for each block of the narrative."""
        blocks = [b.strip() for b in self.narrative.split("\n\n") if b.strip()]
        return [(b.isupper() and len(b) < 80, b) for b in blocks]


@dataclass(frozen=True, slots=True)
class Report:
    year: int
    cycle: ReportingCycle
    tiers: TierList
    special_watch_list: list[tuple[str, str, str]]  # iso3, name, why
    law_enforcement: LawEnforcementSeries
    chapters: list[CountryChapter]
    map_source: str


def published_cycle(year: int) -> ReportingCycle:
    cycle = ReportingCycle.objects.filter(report_year=year, published_at__isnull=False).first()
    if cycle is None:
        raise ReportNotPublished(year)
    return cycle


def chapter(year: int, code: str) -> CountryChapter:
    cycle = published_cycle(year)
    item = CountryAssessment.objects.select_related("country").filter(
        cycle=cycle, country_id=code.upper()).first()  # fmt: skip
    if item is None:
        raise ReportNotPublished(year)
    return _chapter(item)


def _chapter(item: CountryAssessment) -> CountryChapter:
    return CountryChapter(item.country_id, item.country.short_name, Tier(item.final_tier),
                          item.narrative)  # fmt: skip


def report(year: int) -> Report:
    cycle = published_cycle(year)
    statute = year_statute(year)
    swl = sorted(((e.iso3, statute.names.get(e.iso3, e.iso3), e.reason.text)
                  for e in statute.lists.special_watch_list), key=lambda x: x[1])  # fmt: skip
    items = cycle.assessments.select_related("country").order_by("country__short_name")
    return Report(year, cycle, tier_list(year), swl, law_enforcement_series(),
                  [_chapter(i) for i in items], MAP_SOURCE)  # fmt: skip


@cache
def _topology() -> Any:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def map_svg(result: Report) -> str:
    """The tier map drawn on the server (vl-convert) for the PDF and readers without JavaScript."""
    import vl_convert

    placements = {e.iso3: e.placement for e in result.tiers.entries}
    spec = tier_map_spec(result.year, placements, "")
    spec["data"] = {"values": _topology(), "format": {"type": "topojson", "feature": "countries"}}
    spec["width"] = 640
    spec["height"] = 340
    svg: str = vl_convert.vegalite_to_svg(spec)
    return svg


@dataclass(frozen=True, slots=True)
class Interim:
    cycle: ReportingCycle
    entries: list[InterimEntry]


def interim(year: int) -> Interim:
    cycle = published_cycle(year)
    if cycle.interim_published_at is None:
        raise ReportNotPublished(year)
    return Interim(cycle, interim_entries(cycle))
