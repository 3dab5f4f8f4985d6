"""The Watch List clock: a country's history walked through 7107(b)(2) year by year.

A pure state machine. ``walk`` takes a country's placements (a year may be ``None``: not
recorded) and returns, for every year, the count of consecutive Watch List years, the
waiver years it implies, whether the re-entry limit binds, and the events with reasons.
A gap makes the count uncertain: what would otherwise be a violation is then reported as
``unknown``, never silently passed or failed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tipmon.tiers.rules.regimes import (
    DEFAULT_CONFIG,
    FIRST_YEAR,
    CountBasis,
    Regime,
    RulesConfig,
    WaiverTransition,
    regime_for,
)
from tipmon.tiers.rules.statute import Cite
from tipmon.tiers.rules.vocabulary import Tier

WL = Tier.TIER_2_WATCH_LIST
LIST_B = frozenset({Tier.TIER_2, Tier.TIER_2_WATCH_LIST})


@dataclass(frozen=True, slots=True)
class Reason:
    """Why: the rule, its citation, the facts used, and what would change the outcome."""

    rule: str
    citation: str
    text: str
    facts: tuple[str, ...] = ()
    would_change: str = ""


class EventKind(StrEnum):
    WATCH_LIST_YEAR = "watch list year"
    WAIVER = "waiver"
    AUTO_DOWNGRADE = "automatic downgrade"
    REENTRY = "re-entry"
    VIOLATION = "violation"
    UNKNOWN = "unknown"
    GAP = "gap"


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    reason: Reason


@dataclass(frozen=True, slots=True)
class Clock:
    """The state carried from one report year to the next."""

    run: int = 0  # consecutive counted years, 2009 report onward
    run_years: tuple[int, ...] = ()
    waivers: int = 0  # waiver years used in the current run
    waivers_since_2019: int = 0
    reentry_limited: bool = False  # downgraded to Tier 3 after a run of two or more
    reentry_years: int = 0
    known: bool = True  # False after a gap, until a placement resets the count


@dataclass(frozen=True, slots=True)
class YearStatus:
    year: int
    tier: Tier | None
    previous: Tier | None
    clock: Clock
    special_watch_list: tuple[str, ...]
    events: tuple[Event, ...] = field(default_factory=tuple)

    def has(self, kind: EventKind) -> bool:
        return any(e.kind == kind for e in self.events)


def years_phrase(years: tuple[int, ...]) -> str:
    if not years:
        return "no report"
    if len(years) == 1:
        return f"the {years[0]} report"
    return "the " + ", ".join(str(y) for y in years[:-1]) + f" and {years[-1]} reports"


def special_watch_list(tier: Tier | None, previous: Tier | None, regime: Regime) -> tuple[str, ...]:
    """Which components of 7107(b)(2)(A) place a country on the Special Watch List."""
    if not regime.special_watch_list or tier is None:
        return ()
    parts = []
    if tier == Tier.TIER_1 and previous in LIST_B:
        parts.append("(i) upgraded to Tier 1 from Tier 2 or the Watch List")
    if tier in LIST_B and previous == Tier.TIER_3:
        parts.append("(ii) upgraded out of Tier 3")
    if tier == WL:
        parts.append("(iii) on Tier 2 Watch List")
    return tuple(parts)


def _counted(tier: Tier, swl: tuple[str, ...], regime: Regime, config: RulesConfig) -> bool:
    if not regime.auto_downgrade:
        return False
    if config.count_basis == CountBasis.WATCH_LIST:
        return tier == WL
    return bool(swl)


def exhausted(clock: Clock, regime: Regime) -> bool:
    """Two consecutive Watch List years and every waiver year the regime allowed."""
    return (
        regime.auto_downgrade
        and clock.run >= 2 + regime.max_waiver_years
        and clock.waivers >= regime.max_waiver_years
    )


def allowed_waivers(clock: Clock, regime: Regime, config: RulesConfig) -> int:
    """Waiver years still available in this run under ``regime``."""
    if regime.year >= 2019 and config.waiver_transition == WaiverTransition.FRESH:
        return max(0, regime.max_waiver_years - clock.waivers_since_2019)
    return max(0, regime.max_waiver_years - clock.waivers)


def _gap(clock: Clock, year: int) -> tuple[Clock, tuple[Event, ...]]:
    reason = Reason(
        "gap", "record", f"No placement is recorded for the {year} report.",
        would_change="A sourced placement for this year would make the count certain.",
    )  # fmt: skip
    # The missing year may have been a Watch List year: what follows is uncertain until a
    # Tier 1 or Tier 2 placement ends every count.
    kept = Clock(reentry_limited=clock.reentry_limited, reentry_years=clock.reentry_years)
    return replace(kept, known=False), (Event(EventKind.GAP, reason),)


def _off_watch_list(
    clock: Clock, tier: Tier, previous: Tier | None, counted: bool, year: int,
    regime: Regime, config: RulesConfig,
) -> tuple[Clock, tuple[Event, ...]]:  # fmt: skip
    events: tuple[Event, ...] = ()
    if tier == Tier.TIER_3 and regime.auto_downgrade and clock.run >= 2:
        facts = (f"on Tier 2 Watch List in {years_phrase(clock.run_years)}",)
        events = (Event(EventKind.AUTO_DOWNGRADE, Reason(
            "automatic-downgrade", Cite.AUTO_DOWNGRADE,
            "Placed on Tier 3 after two or more consecutive Watch List years, as the "
            "automatic downgrade requires unless waived.", facts,
            "From now on a return to the Watch List is limited to one year."
            if regime.reentry_limit else "",
        )),)  # fmt: skip
    if counted:  # a Special Watch List year that is not a Watch List year (count basis: all)
        return replace(clock, run=clock.run + 1, run_years=(*clock.run_years, year),
                       reentry_limited=False, reentry_years=0), events  # fmt: skip
    # Tier 1 or Tier 2 ends every count; Tier 3 after a run of two or more starts the
    # re-entry limit, and keeps any uncertainty a gap left about that run.
    # The re-entry limit binds a country downgraded after exhausting its Watch List years:
    # two consecutive years plus every waiver year its regime allowed (7107(b)(2)(F)(i)).
    # It lasts while the country stays on Tier 3 and ends with the one year back.
    limited = tier == Tier.TIER_3 and (
        (year > FIRST_YEAR and exhausted(clock, regime_for(year - 1, config)))
        or (previous == Tier.TIER_3 and clock.reentry_limited)
    )
    known = True if tier in {Tier.TIER_1, Tier.TIER_2} else clock.known
    return Clock(reentry_limited=limited, known=known), events


def _problem(clock: Clock, reason: Reason) -> Event:
    if clock.known:
        return Event(EventKind.VIOLATION, reason)
    note = " (The count is uncertain: an earlier year has no recorded placement.)"
    return Event(EventKind.UNKNOWN, replace(reason, text=reason.text + note))


def _reentry(clock: Clock, year: int, regime: Regime) -> tuple[Clock, tuple[Event, ...]]:
    years = clock.reentry_years + 1
    new = replace(clock, run=clock.run + 1, run_years=(*clock.run_years, year), reentry_years=years)
    if years == 1:
        return new, (Event(EventKind.REENTRY, Reason(
            "re-entry", Cite.REENTRY,
            "Back on Tier 2 Watch List after an automatic downgrade: one year only, no waiver.",
            (f"placed on Tier 3 after a run of Watch List years; returned in the {year} report",),
            "Next year it must be upgraded to Tier 2 or Tier 1, or go to Tier 3.",
        )),)  # fmt: skip
    return new, (_problem(clock, Reason(
        "re-entry", Cite.REENTRY,
        "A country reinstated on the Watch List after a downgrade may stay only one "
        "consecutive year; this is its second.",
        (f"on Tier 2 Watch List in {years_phrase(new.run_years)} after its downgrade",),
        "An upgrade to Tier 2 or Tier 1, or Tier 3, would satisfy the statute.",
    )),)  # fmt: skip


def _watch_list(
    clock: Clock, year: int, counted: bool, regime: Regime, config: RulesConfig
) -> tuple[Clock, tuple[Event, ...]]:
    if clock.reentry_limited and regime.reentry_limit:
        return _reentry(clock, year, regime)
    # Back on the list where the re-entry limit does not apply: it no longer binds later.
    clock = replace(clock, reentry_limited=False, reentry_years=0)
    if not counted:
        return clock, ()
    run_years = (*clock.run_years, year)
    new = replace(clock, run=clock.run + 1, run_years=run_years)
    facts = (f"on Tier 2 Watch List in {years_phrase(run_years)}",)
    if new.run <= 2:
        ordinal = "first" if new.run == 1 else "second"
        return new, (Event(EventKind.WATCH_LIST_YEAR, Reason(
            "watch-list-count", Cite.AUTO_DOWNGRADE,
            f"{ordinal.capitalize()} consecutive Watch List year counted toward the automatic "
            "downgrade.", facts,
            "A third consecutive year needs a waiver; an upgrade resets the count."
            if new.run == 2 else "An upgrade to Tier 2 or Tier 1 resets the count.",
        )),)  # fmt: skip
    if allowed_waivers(clock, regime, config) > 0:
        new = replace(new, waivers=new.waivers + 1, waivers_since_2019=new.waivers_since_2019
                      + (1 if year >= 2019 else 0))  # fmt: skip
        uncertain = "" if clock.known else " The count may be higher: an earlier year is missing."
        return new, (Event(EventKind.WAIVER, Reason(
            "waiver", Cite.WAIVER,
            f"Year {new.run} on the Watch List is only possible with a waiver of the automatic "
            f"downgrade (waiver year {new.waivers} of at most {regime.max_waiver_years} under "
            f"the {regime.label}).{uncertain}", facts,
            "Without a waiver the statute places the country on Tier 3.",
        )),)  # fmt: skip
    return new, (_problem(clock, Reason(
        "automatic-downgrade", Cite.AUTO_DOWNGRADE,
        f"Year {new.run} on the Watch List exceeds what the statute allows with waivers "
        f"({2 + regime.max_waiver_years} years under the {regime.label}); the automatic "
        "downgrade requires Tier 3.", facts,
        "An upgrade to Tier 2 or Tier 1, or Tier 3.",
    )),)  # fmt: skip


def advance(
    clock: Clock,
    year: int,
    tier: Tier | None,
    previous: Tier | None,
    config: RulesConfig = DEFAULT_CONFIG,
) -> YearStatus:
    """One report year: the new clock and what happened, with reasons."""  # fmt: skip
    regime = regime_for(year, config)
    if tier is None:
        new, events = _gap(clock, year)
        return YearStatus(year, None, previous, new, (), events)
    swl = special_watch_list(tier, previous, regime)
    counted = _counted(tier, swl, regime, config)
    if tier == Tier.SPECIAL_CASE:
        # A Special Case is on no statutory list, so it breaks a run (a documented choice).
        new, events = Clock(known=clock.known), ()
    elif tier == WL:
        new, events = _watch_list(clock, year, counted, regime, config)
    else:
        new, events = _off_watch_list(clock, tier, previous, counted, year, regime, config)
    return YearStatus(year, tier, previous, new, swl, events)


def walk(
    placements: Mapping[int, Tier | None],
    first: int,
    last: int,
    config: RulesConfig = DEFAULT_CONFIG,
) -> list[YearStatus]:
    """Every report year from ``first`` to ``last``; a missing year is a gap."""  # fmt: skip
    clock, previous, statuses = Clock(), None, []
    for year in range(first, last + 1):
        status = advance(clock, year, placements.get(year), previous, config)
        statuses.append(status)
        clock, previous = status.clock, status.tier
    return statuses
