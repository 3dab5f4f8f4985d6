"""API shapes of tier data, and the one conversion from service results to them."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from tipmon.tiers.services import Placement, TierList, TierListEntry


class PlacementOut(Schema):
    year: int
    tier: str | None
    recorded: bool
    basis: str | None
    source: str
    second_source: str
    note: str
    source_row: int | None


class TierListEntryOut(Schema):
    iso3: str
    short_name: str
    bureau: str
    placement: PlacementOut


class TierListOut(Schema):
    year: int
    counts: dict[str, int]
    entries: list[TierListEntryOut]
    not_recorded: list[str]


class ReportYearOut(Schema):
    year: int
    counts: dict[str, int]


def placement_json(p: Placement) -> dict[str, Any]:
    return {
        "year": p.year, "tier": p.tier.value if p.tier else None, "recorded": p.recorded,
        "basis": p.basis.value if p.basis else None, "source": p.source,
        "second_source": p.second_source, "note": p.note, "source_row": p.source_row,
    }  # fmt: skip


def entry_json(e: TierListEntry) -> dict[str, Any]:
    return {
        "iso3": e.iso3, "short_name": e.short_name, "bureau": e.bureau,
        "placement": placement_json(e.placement),
    }  # fmt: skip


PLACEMENT_CSV_HEADER = (
    "report_year", "iso3", "country", "tier", "basis", "source", "second_source", "note",
    "source_row",
)  # fmt: skip


def placement_csv_row(iso3: str, name: str, p: Placement) -> list[Any]:
    return [
        p.year, iso3, name, p.tier_label, p.basis.value if p.basis else "", p.source,
        p.second_source, p.note, p.source_row,
    ]  # fmt: skip


def tier_list_json(tier_list: TierList, entries: list[TierListEntry]) -> dict[str, Any]:
    return {
        "year": tier_list.year,
        "counts": tier_list.counts,
        "entries": [entry_json(e) for e in entries],
        "not_recorded": [e.iso3 for e in tier_list.not_recorded],
    }
