"""API shapes of tier data, and the one conversion from service results to them."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from tipmon.tiers.rules import Decision, Reason
from tipmon.tiers.services import Placement, TierList, TierListEntry
from tipmon.tiers.statute import CountryStatute, YearStatute


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


class ReasonOut(Schema):
    rule: str
    citation: str
    text: str
    facts: list[str]
    would_change: str


class ListEntryOut(Schema):
    iso3: str
    short_name: str
    reason: ReasonOut


class YearStatuteOut(Schema):
    year: int
    regime: str
    determination_window: list[str]
    lists: dict[str, list[ListEntryOut]]


class CountryStatuteOut(Schema):
    iso3: str
    year: int
    tier: str | None
    consecutive_watch_list_years: int
    waiver_years_used: int
    reentry_limited: bool
    count_certain: bool
    special_watch_list: list[str]
    regime: str
    reasons: list[ReasonOut]


class DecisionOut(Schema):
    year: int
    proposed: str
    allowed: bool
    outcome: str | None
    reasons: list[ReasonOut]
    blocking: list[ReasonOut]
    unknown: list[str]


def reason_json(r: Reason) -> dict[str, Any]:
    return {
        "rule": r.rule, "citation": r.citation, "text": r.text, "facts": list(r.facts),
        "would_change": r.would_change,
    }  # fmt: skip


STATUTE_LISTS = (
    "special_watch_list", "downgrade_next_year", "waivers", "downgrades", "reentries",
    "action_plans", "tier3_determinations", "tier_changes", "violations",
)  # fmt: skip


def year_statute_json(result: YearStatute) -> dict[str, Any]:
    lists = {
        name: [
            {"iso3": e.iso3, "short_name": result.names.get(e.iso3, e.iso3),
             "reason": reason_json(e.reason)}
            for e in getattr(result.lists, name)
        ]
        for name in STATUTE_LISTS
    }  # fmt: skip
    window = [d.isoformat() for d in result.lists.determination_window]
    return {"year": result.year, "regime": result.regime, "determination_window": window,
            "lists": lists}  # fmt: skip


def country_statute_json(result: CountryStatute) -> dict[str, Any]:
    s = result.status
    return {
        "iso3": result.iso3, "year": s.year, "tier": s.tier.value if s.tier else None,
        "consecutive_watch_list_years": s.clock.run, "waiver_years_used": s.clock.waivers,
        "reentry_limited": s.clock.reentry_limited, "count_certain": s.clock.known,
        "special_watch_list": list(s.special_watch_list), "regime": result.regime,
        "reasons": [reason_json(r) for r in result.reasons],
    }  # fmt: skip


def decision_json(d: Decision) -> dict[str, Any]:
    return {
        "year": d.year, "proposed": d.proposed.value, "allowed": d.allowed,
        "outcome": d.outcome.value if d.outcome else None,
        "reasons": [reason_json(r) for r in d.reasons],
        "blocking": [reason_json(r) for r in d.blocking], "unknown": list(d.unknown),
    }  # fmt: skip
