"""Tier data functions: a country's history and the tier lists of a report year.

A year with no recorded placement is returned as such (``tier is None``), never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max, Min

from tipmon.core.errors import NotFound
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Country
from tipmon.data.services import dataset_ref
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import FIRST_REPORT_YEAR, Basis, Tier

DATASET_KEY = "tier_placements"


class ReportYearNotFound(NotFound):
    def __init__(self, year: int, first: int, last: int) -> None:
        super().__init__(f"No report year {year}: the record covers {first} to {last}.")
        self.year, self.first, self.last = year, first, last


@dataclass(frozen=True, slots=True)
class Placement:
    """One country-year: its tier and how we know it, or nothing recorded."""

    year: int
    tier: Tier | None
    basis: Basis | None = None
    source: str = ""
    second_source: str = ""
    note: str = ""
    name_in_source: str = ""
    source_row: int | None = None

    @property
    def recorded(self) -> bool:
        return self.tier is not None

    @property
    def tier_label(self) -> str:
        return self.tier.value if self.tier else "Not recorded"

    @property
    def tier_slug(self) -> str:
        return self.tier.slug if self.tier else "none"

    @property
    def marked(self) -> bool:
        """True for a placement shown with a mark: inferred or from a secondary source."""
        return self.basis is not None and not self.basis.is_primary

    @classmethod
    def of(cls, row: TierPlacement) -> Placement:
        return cls(
            year=row.report_year, tier=Tier(row.tier), basis=Basis(row.basis),
            source=row.source, second_source=row.second_source, note=row.note,
            name_in_source=row.name_in_source, source_row=row.source_row,
        )  # fmt: skip


def report_year_range() -> tuple[int, int]:
    """First and last report year in the record (2001, 2025 with the bundled data)."""
    bounds = TierPlacement.objects.aggregate(first=Min("report_year"), last=Max("report_year"))
    return bounds["first"] or FIRST_REPORT_YEAR, bounds["last"] or FIRST_REPORT_YEAR


def tier_history(iso3: str) -> list[Placement]:
    """Every report year from the first to the last, recorded or not."""
    first, last = report_year_range()
    rows = {p.report_year: p for p in TierPlacement.objects.filter(country_id=iso3)}
    return [
        Placement.of(rows[y]) if y in rows else Placement(y, None) for y in range(first, last + 1)
    ]


def latest_placements(year: int) -> dict[str, Placement]:
    return {
        row.country_id: Placement.of(row) for row in TierPlacement.objects.filter(report_year=year)
    }


@dataclass(frozen=True, slots=True)
class TierListEntry:
    iso3: str
    short_name: str
    bureau: str
    placement: Placement


@dataclass(frozen=True, slots=True)
class TierList:
    year: int
    first_year: int
    last_year: int
    groups: dict[Tier, list[TierListEntry]]
    not_recorded: list[TierListEntry]
    source: DatasetRef
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def entries(self) -> list[TierListEntry]:
        return [entry for tier in Tier for entry in self.groups[tier]]


def tier_list(year: int, *, tier: Tier | None = None, bureau: str | None = None) -> TierList:
    """The placements of one report year, grouped by tier, and who has none recorded."""
    first, last = report_year_range()
    if not first <= year <= last:
        raise ReportYearNotFound(year, first, last)
    rows = TierPlacement.objects.filter(report_year=year).select_related("country")
    if bureau:
        rows = rows.filter(country__bureau=bureau)
    groups: dict[Tier, list[TierListEntry]] = {t: [] for t in Tier}
    placed: set[str] = set()
    for row in rows.order_by("country__short_name"):
        placed.add(row.country_id)
        entry = TierListEntry(
            row.country_id, row.country.short_name, row.country.bureau, Placement.of(row)
        )
        groups[Tier(row.tier)].append(entry)
    covered = Country.objects.filter(tip_covered=True).exclude(iso3__in=placed)
    if bureau:
        covered = covered.filter(bureau=bureau)
    missing = [
        TierListEntry(c.iso3, c.short_name, c.bureau, Placement(year, None)) for c in covered
    ]
    if tier is not None:
        groups = {t: (entries if t == tier else []) for t, entries in groups.items()}
    counts = {t.value: len(groups[t]) for t in Tier} | {"Not recorded": len(missing)}
    return TierList(year, first, last, groups, missing, dataset_ref(DATASET_KEY), counts)


def tier_year_counts() -> tuple[dict[int, dict[str, int]], DatasetRef]:
    """For each report year, how many countries the record places on each tier."""
    counts: dict[int, dict[str, int]] = {}
    for year, tier in TierPlacement.objects.values_list("report_year", "tier"):
        per_year = counts.setdefault(year, {t.value: 0 for t in Tier})
        per_year[tier] += 1
    return dict(sorted(counts.items())), dataset_ref(DATASET_KEY)
