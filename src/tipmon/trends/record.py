"""The tier record and UNODC figures read once into plain maps for the trends pages.

Reading the whole record is one query of ~4,000 short rows; it is kept per process and
read again whenever :func:`tipmon.core.datastate.data_state` changes (any load, import or
publication). Placements are never edited in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tipmon.core.datastate import data_state
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Bureau, Country
from tipmon.data.models import Dataset
from tipmon.data.services import dataset_ref
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Tier
from tipmon.trends.importers.services import UNODC_EXPORT_KEY
from tipmon.trends.models import UnodcFigure
from tipmon.trends.services import UNODC_KEY

TIERS_KEY = "tier_placements"
REGIONS: dict[str, str] = dict(Bureau.choices)


@dataclass(frozen=True, slots=True)
class Gazette:
    names: dict[str, str]
    bureaus: dict[str, str]

    def in_region(self, region: str | None) -> list[str]:
        return sorted(c for c, b in self.bureaus.items() if region is None or b == region)


@dataclass(frozen=True, slots=True)
class TierRecord:
    placements: dict[tuple[str, int], Tier]
    first: int
    last: int
    source: DatasetRef

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)


_cache: dict[str, tuple[object, Any]] = {}


def gazette() -> Gazette:
    stamp = ("countries", Country.objects.count())
    hit = _cache.get("gazette")
    if hit and hit[0] == stamp:
        result: Gazette = hit[1]
        return result
    names: dict[str, str] = {}
    bureaus: dict[str, str] = {}
    for iso3, name, bureau in Country.objects.values_list("iso3", "short_name", "bureau"):
        names[iso3] = name
        bureaus[iso3] = bureau
    value = Gazette(names, bureaus)
    _cache["gazette"] = (stamp, value)
    return value


def tier_record() -> TierRecord:
    stamp = data_state()
    hit = _cache.get(TIERS_KEY)
    if hit and hit[0] == stamp:
        cached: TierRecord = hit[1]
        return cached
    placements = {
        (iso3, year): Tier(tier)
        for iso3, year, tier in TierPlacement.objects.values_list(
            "country_id", "report_year", "tier"
        )
    }
    years = [y for _, y in placements] or [2001]
    record = TierRecord(placements, min(years), max(years), dataset_ref(TIERS_KEY))
    _cache[TIERS_KEY] = (stamp, record)
    return record


@dataclass(frozen=True, slots=True)
class Count:
    """A published UNODC count: ``value``, or censored below ``below`` when value is None."""

    value: int | None
    below: int | None = None

    @property
    def censored(self) -> bool:
        return self.value is None


@dataclass(frozen=True, slots=True)
class UnodcCube:
    """Figures of one indicator by (iso3, year, sex, age, category)."""

    indicator: str
    dimension: str
    cells: dict[tuple[str, int, str, str, str], Count]
    source: DatasetRef

    @property
    def years(self) -> list[int]:
        return sorted({k[1] for k in self.cells})


def breakdowns_loaded() -> bool:
    """Whether the full UNODC export (with forms of exploitation) has been imported."""
    return Dataset.objects.filter(key=UNODC_EXPORT_KEY).exists()


def unodc_cube(indicator: str, dimension: str = "Total") -> UnodcCube:
    """One indicator's country figures. Totals come from the bundled table; breakdowns
    need the imported export (``tipmon data import unodc FILE``)."""
    key = UNODC_KEY if dimension == "Total" else UNODC_EXPORT_KEY
    cache_key = f"{key}:{indicator}:{dimension}"
    stamp = data_state()
    hit = _cache.get(cache_key)
    if hit and hit[0] == stamp:
        cube: UnodcCube = hit[1]
        return cube
    rows = UnodcFigure.objects.filter(
        dataset__key=key, indicator=indicator, dimension=dimension, country__isnull=False
    ).values_list("country_id", "year", "sex", "age", "category", "value", "suppressed_below")
    cells: dict[tuple[str, int, str, str, str], Count] = {}
    for iso3, year, sex, age, category, value, below in rows:
        # The export repeats a few keys (documented in docs/importers.md); keep the first.
        cells.setdefault((iso3, year, sex, age, category or "Total"), Count(value, below))
    cube = UnodcCube(indicator, dimension, cells, dataset_ref(key))
    _cache[cache_key] = (stamp, cube)
    return cube
