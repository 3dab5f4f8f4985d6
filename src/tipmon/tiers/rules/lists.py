"""Lists derived for one report year from every country's walked history.

Each entry carries its reason: the rule, the citation and the facts used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from tipmon.tiers.rules.clock import (
    LIST_B,
    WL,
    EventKind,
    Reason,
    YearStatus,
    allowed_waivers,
    years_phrase,
)
from tipmon.tiers.rules.regimes import DEFAULT_CONFIG, RulesConfig, regime_for
from tipmon.tiers.rules.statute import Cite
from tipmon.tiers.rules.vocabulary import Tier

#: The statute's deadline for the report (7107(b)(1)); the actual release date may differ.
REPORT_DEADLINE = (6, 30)


@dataclass(frozen=True, slots=True)
class Entry:
    iso3: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class YearLists:
    year: int
    special_watch_list: tuple[Entry, ...]
    downgrade_next_year: tuple[Entry, ...]
    action_plans: tuple[Entry, ...]
    tier3_determinations: tuple[Entry, ...]
    determination_window: tuple[date, date]
    tier_changes: tuple[Entry, ...]
    waivers: tuple[Entry, ...]
    downgrades: tuple[Entry, ...]
    reentries: tuple[Entry, ...]
    violations: tuple[Entry, ...]
    gaps: tuple[Entry, ...]


def statutory_list(tier: Tier | None) -> str | None:
    """Which list of 7107(b)(1) a tier belongs to: A, B (Tier 2 and the Watch List) or C."""
    return (
        {Tier.TIER_1: "A", Tier.TIER_2: "B", WL: "B", Tier.TIER_3: "C"}.get(tier) if tier else None
    )


def _swl(iso3: str, s: YearStatus) -> Entry:
    return Entry(
        iso3,
        Reason(
            "special-watch-list",
            Cite.SPECIAL_WATCH_LIST,
            "On the Special Watch List: " + "; ".join(s.special_watch_list) + ".",
            (
                f"{s.tier.value if s.tier else '?'} in {s.year}, "
                f"{s.previous.value if s.previous else 'not recorded'} in {s.year - 1}",
            ),
            "Requires special scrutiny and an interim assessment by February 1.",
        ),
    )


def _downgrade_risk(iso3: str, s: YearStatus, config: RulesConfig) -> Entry | None:
    if s.tier != WL or s.year + 1 > 2100:
        return None
    nxt = regime_for(s.year + 1, config)
    facts = (f"on Tier 2 Watch List in {years_phrase(s.clock.run_years)}",)
    if s.clock.reentry_limited and nxt.reentry_limit and s.clock.reentry_years >= 1:
        text = "Reinstated after a downgrade: no further Watch List year, even with a waiver."
        return Entry(
            iso3,
            Reason("re-entry", Cite.REENTRY, text, facts, "Next year Tier 2 or Tier 1, or Tier 3."),
        )
    if not nxt.auto_downgrade or s.clock.run < 2:
        return None
    left = allowed_waivers(s.clock, nxt, config)
    text = (
        f"Another Watch List year would be year {s.clock.run + 1}: the automatic downgrade "
        "to Tier 3 applies unless the country is upgraded"
        + (
            f" or granted a waiver ({left} waiver year{'s' if left != 1 else ''} left)."
            if left
            else "; no waiver year is left."
        )
    )
    return Entry(
        iso3,
        Reason(
            "automatic-downgrade",
            Cite.AUTO_DOWNGRADE,
            text,
            facts,
            "An upgrade to Tier 2 or Tier 1 ends the count.",
        ),
    )


def _change(iso3: str, s: YearStatus) -> Entry | None:
    if s.tier is None or s.previous is None or s.tier == s.previous:
        return None
    moved = statutory_list(s.tier) != statutory_list(s.previous)
    text = (
        f"Moved from {s.previous.value} to {s.tier.value}: the report must explain how "
        "concrete actions (or their absence) led to the change, linked to the minimum standards"
        + ("." if moved else " (a move within list B; explained by practice, not required).")
    )
    return Entry(
        iso3,
        Reason(
            "change-explanation",
            Cite.CHANGE_EXPLANATION,
            text,
            (f"{s.previous.value} in {s.year - 1}, {s.tier.value} in {s.year}",),
        ),
    )


def _events(statuses: Mapping[str, YearStatus], kinds: set[EventKind]) -> tuple[Entry, ...]:
    return tuple(
        Entry(iso3, e.reason)
        for iso3, s in sorted(statuses.items())
        for e in s.events
        if e.kind in kinds
    )


def year_lists(
    statuses: Mapping[str, YearStatus], year: int, config: RulesConfig = DEFAULT_CONFIG
) -> YearLists:
    """``statuses``: each country's walked status for ``year`` (iso3 -> YearStatus)."""
    ordered = sorted(statuses.items())
    deadline = date(year, *REPORT_DEADLINE)
    window = (deadline + timedelta(days=45), deadline + timedelta(days=90))
    t3 = tuple(
        Entry(
            i,
            Reason(
                "tier-3-determination",
                Cite.DETERMINATION_WINDOW,
                "A presidential determination on assistance is due 45 to 90 days "
                f"after the report ({window[0]:%d %B} to {window[1]:%d %B} if it is "
                "released on the statutory deadline of 30 June).",
                (f"Tier 3 in {year}",),
            ),
        )
        for i, s in ordered
        if s.tier == Tier.TIER_3
    )
    plans = tuple(
        Entry(
            i,
            Reason(
                "action-plan",
                Cite.ACTION_PLAN,
                "Upgraded from Tier 3: an action plan is due within 180 days.",
                (f"Tier 3 in {year - 1}, {s.tier.value if s.tier else ''} in {year}",),
            ),
        )
        for i, s in ordered
        if s.previous == Tier.TIER_3 and s.tier in LIST_B and year >= config.reentry_from
    )
    return YearLists(
        year=year,
        special_watch_list=tuple(_swl(i, s) for i, s in ordered if s.special_watch_list),
        downgrade_next_year=tuple(e for i, s in ordered if (e := _downgrade_risk(i, s, config))),
        action_plans=plans,
        tier3_determinations=t3,
        determination_window=window,
        tier_changes=tuple(e for i, s in ordered if (e := _change(i, s))),
        waivers=_events(statuses, {EventKind.WAIVER}),
        downgrades=_events(statuses, {EventKind.AUTO_DOWNGRADE}),
        reentries=_events(statuses, {EventKind.REENTRY}),
        violations=_events(statuses, {EventKind.VIOLATION, EventKind.UNKNOWN}),
        gaps=_events(statuses, {EventKind.GAP}),
    )


def status_reasons(status: YearStatus, config: RulesConfig = DEFAULT_CONFIG) -> tuple[Reason, ...]:
    """A country's statutory position after a report year, in plain words with citations."""
    reasons = [e.reason for e in status.events if e.kind != EventKind.GAP]
    if status.tier is None:
        reasons.append(Reason("gap", "record", f"No placement is recorded for {status.year}."))
    risk = _downgrade_risk("", status, config)
    if risk is not None:
        reasons.append(risk.reason)
    if status.special_watch_list and status.tier != WL:
        reasons.append(_swl("", status).reason)
    if status.tier == Tier.TIER_3:
        reasons.append(Reason(
            "tier-3-determination", Cite.DETERMINATION_WINDOW,
            "Tier 3: the President determines within 45 to 90 days whether to withhold "
            "nonhumanitarian, nontrade-related assistance, or to waive.",
            (f"Tier 3 in {status.year}",), "An upgrade next year ends these consequences.",
        ))  # fmt: skip
    if status.tier == Tier.TIER_1:
        reasons.append(Reason(
            "appreciable-progress", "22 U.S.C. 7106(b)(11)",
            "Tier 1 must show appreciable progress each year to stay there.",
            (f"Tier 1 in {status.year}",),
        ))  # fmt: skip
    return tuple(reasons)
