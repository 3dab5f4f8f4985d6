"""The tier engine: each rule, each regime boundary, random histories, bad input."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipmon.tiers.rules import (
    CountBasis,
    EventKind,
    Findings,
    PolicyPattern,
    RulesConfig,
    Tier,
    WaiverTransition,
    decide,
    regime_for,
    walk,
)
from tipmon.tiers.rules.clock import YearStatus

T1, T2, WL, T3, SC = (
    Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3, Tier.SPECIAL_CASE,
)  # fmt: skip
RULES = Path(__file__).resolve().parents[2] / "src" / "tipmon" / "tiers" / "rules"


def history(start: int, *tiers: Tier | None) -> dict[int, Tier | None]:
    return {start + i: t for i, t in enumerate(tiers)}


def events(statuses: list[YearStatus], year: int) -> set[EventKind]:
    return {e.kind for s in statuses if s.year == year for e in s.events}


def test_the_rules_package_imports_no_django() -> None:
    for path in RULES.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            assert not any(n.split(".")[0] == "django" for n in names), path.name


def test_the_standards_and_criteria_are_data_with_citations() -> None:
    from tipmon.tiers.rules import CRITERIA, MINIMUM_STANDARDS

    assert [s.id for s in MINIMUM_STANDARDS] == ["MS1", "MS2", "MS3", "MS4"]
    assert [s.id for s in CRITERIA] == [f"C{i}" for i in range(1, 13)]
    assert all(s.citation.startswith("22 U.S.C. 7106") for s in (*MINIMUM_STANDARDS, *CRITERIA))


@pytest.mark.parametrize(
    ("year", "auto", "waivers", "reentry"),
    [(2003, False, 0, False), (2008, False, 0, False), (2009, True, 2, False),
     (2018, True, 2, False), (2019, True, 1, True), (2025, True, 1, True)],
)  # fmt: skip
def test_regimes_change_at_the_2008_2009_and_2018_2019_boundaries(
    year: int, auto: bool, waivers: int, reentry: bool
) -> None:
    regime = regime_for(year)
    assert (regime.auto_downgrade, regime.max_waiver_years, regime.reentry_limit) == (
        auto, waivers, reentry,
    )  # fmt: skip


def test_watch_list_criteria_are_worded_for_their_period() -> None:
    assert "absolute number" in regime_for(2010).watch_list_criteria[0]
    assert len(regime_for(2018).watch_list_criteria) == 3
    assert "proportional concrete actions" in regime_for(2019).watch_list_criteria[0]
    assert len(regime_for(2019).watch_list_criteria) == 2
    assert regime_for(2003).watch_list_criteria == ()


def test_watch_list_years_before_2009_do_not_count() -> None:
    statuses = walk(history(2006, WL, WL, WL, WL), 2006, 2009)
    assert [s.clock.run for s in statuses] == [0, 0, 0, 1]
    assert EventKind.WAIVER not in events(statuses, 2009)


def test_a_third_consecutive_year_needs_a_waiver() -> None:
    statuses = walk(history(2021, T2, WL, WL, WL), 2021, 2024)
    assert EventKind.WAIVER in events(statuses, 2024)
    assert (
        "on Tier 2 Watch List in the 2022, 2023 and 2024 reports"
        in statuses[-1].events[0].reason.facts
    )


def test_it_downgrades_a_fourth_consecutive_watch_list_year_from_2019() -> None:
    statuses = walk(history(2020, WL, WL, WL, WL), 2020, 2023)
    assert EventKind.VIOLATION in events(statuses, 2023)
    decision = decide(history(2020, WL, WL, WL), 2023, WL, Findings(waiver_granted=True))
    assert not decision.allowed
    assert decision.outcome == T3
    assert any(r.citation == "22 U.S.C. 7107(b)(2)(D)(i)" for r in decision.blocking)


def test_two_waiver_years_were_allowed_from_2009_to_2018() -> None:
    statuses = walk(history(2010, WL, WL, WL, WL), 2010, 2013)
    assert EventKind.WAIVER in events(statuses, 2012)
    assert EventKind.WAIVER in events(statuses, 2013)
    assert EventKind.VIOLATION not in {k for s in statuses for k in events(statuses, s.year)}
    fifth = walk(history(2010, WL, WL, WL, WL, WL), 2010, 2014)
    assert EventKind.VIOLATION in events(fifth, 2014)


def test_a_waiver_used_in_2018_counts_against_the_one_year_limit_of_2019() -> None:
    carried = walk(history(2016, WL, WL, WL, WL), 2016, 2019)
    assert EventKind.VIOLATION in events(carried, 2019)
    fresh = RulesConfig(waiver_transition=WaiverTransition.FRESH)
    assert EventKind.WAIVER in events(walk(history(2016, WL, WL, WL, WL), 2016, 2019, fresh), 2019)


def test_a_country_downgraded_after_exhausting_its_years_returns_for_one_year_only() -> None:
    placements = history(2019, WL, WL, WL, T3, WL, WL)
    statuses = walk(placements, 2019, 2024)
    assert EventKind.AUTO_DOWNGRADE in events(statuses, 2022)
    assert EventKind.REENTRY in events(statuses, 2023)
    assert EventKind.VIOLATION in events(statuses, 2024)
    decision = decide(dict(list(placements.items())[:5]), 2024, WL, Findings(waiver_granted=True))
    assert not decision.allowed
    assert any("7107(b)(2)(F)" in r.citation for r in decision.blocking)


def test_a_downgrade_without_an_exhausted_waiver_leaves_the_ordinary_clock() -> None:
    # Two Watch List years, no waiver used, then Tier 3: (F) does not bind (Gambia 2019-2021).
    statuses = walk(history(2017, WL, WL, T3, WL, WL), 2017, 2021)
    assert EventKind.REENTRY not in events(statuses, 2020)
    assert EventKind.VIOLATION not in events(statuses, 2021)


def test_the_re_entry_limit_does_not_apply_before_2019() -> None:
    statuses = walk(history(2010, WL, WL, WL, WL, T3, WL, WL), 2010, 2016)
    assert not any(k in {EventKind.REENTRY, EventKind.VIOLATION}
                   for s in statuses for k in events(statuses, s.year))  # fmt: skip


def test_an_upgrade_resets_the_count() -> None:
    statuses = walk(history(2019, WL, WL, T2, WL, WL, WL), 2019, 2024)
    assert [s.clock.run for s in statuses] == [1, 2, 0, 1, 2, 3]
    assert EventKind.WAIVER in events(statuses, 2024)


def test_counting_all_special_watch_list_years_is_a_configurable_choice() -> None:
    placements = history(2019, T3, T2, WL, WL)
    default = walk(placements, 2019, 2022)
    literal = walk(placements, 2019, 2022, RulesConfig(count_basis=CountBasis.SPECIAL_WATCH_LIST))
    assert EventKind.WAIVER not in events(default, 2022)
    assert EventKind.WAIVER in events(literal, 2022)


def test_a_gap_makes_a_would_be_violation_unknown_not_silent() -> None:
    statuses = walk(history(2019, T3, WL, WL, WL, T3, WL, None, WL), 2019, 2026)
    assert EventKind.GAP in events(statuses, 2025)
    assert EventKind.UNKNOWN in events(statuses, 2026)
    assert "uncertain" in next(e for e in statuses[-1].events).reason.text


def test_the_special_watch_list_has_its_three_components() -> None:
    upgraded = walk(history(2020, T2, T1), 2020, 2021)[-1]
    out_of_3 = walk(history(2020, T3, T2), 2020, 2021)[-1]
    on_wl = walk(history(2020, T2, WL), 2020, 2021)[-1]
    assert upgraded.special_watch_list[0].startswith("(i)")
    assert out_of_3.special_watch_list[0].startswith("(ii)")
    assert on_wl.special_watch_list == ("(iii) on Tier 2 Watch List",)


def test_the_decision_procedure_follows_the_statutes_order() -> None:
    base = history(2020, T2, T2)
    assert decide(base, 2022, T1, Findings(fully_meets=True)).allowed
    pattern = Findings(fully_meets=False, significant_efforts=True, watch_list_criteria=False,
                       policy_or_pattern=frozenset({PolicyPattern.FORCED_LABOR}))  # fmt: skip
    refused = decide(base, 2022, T2, pattern)
    assert not refused.allowed
    assert refused.outcome == T3
    assert any(r.rule == "policy-or-pattern" for r in refused.reasons)
    watch = Findings(fully_meets=False, significant_efforts=True, watch_list_criteria=True)
    assert decide(base, 2022, WL, watch).allowed
    assert decide(base, 2022, T2, watch).outcome == WL
    assert decide(base, 2022, T3, Findings(fully_meets=False, significant_efforts=False)).allowed


def test_policy_or_pattern_is_statutory_proof_only_from_2019() -> None:
    pattern = Findings(fully_meets=False, significant_efforts=True, watch_list_criteria=False,
                       policy_or_pattern=frozenset({PolicyPattern.CHILD_SOLDIERS}))  # fmt: skip
    assert decide({}, 2015, T2, pattern).allowed
    assert not decide({}, 2019, T2, pattern).allowed


def test_missing_findings_are_named_as_unknown() -> None:
    decision = decide(history(2020, T2), 2021, T2)
    assert decision.allowed
    assert "whether the government fully meets the minimum standards" in decision.unknown


def test_a_special_case_needs_a_recorded_reason() -> None:
    refused = decide({}, 2024, SC)
    assert not refused.allowed
    assert refused.blocking[0].rule == "special-case"
    assert decide({}, 2024, SC, Findings(special_case="no functioning central government")).allowed
    assert not decide({}, 2024, T3, Findings(special_case="civil war")).allowed


def test_a_third_watch_list_year_is_allowed_only_with_a_granted_waiver() -> None:
    past = history(2022, WL, WL)
    without = decide(past, 2024, WL)
    assert not without.allowed
    assert without.outcome == T3
    assert "Without a waiver" in without.blocking[0].would_change
    assert decide(past, 2024, WL, Findings(waiver_granted=True)).allowed


@pytest.mark.parametrize("year", [2000, 1999, 2101, -5])
def test_a_year_outside_2001_2100_is_refused_clearly(year: int) -> None:
    with pytest.raises(ValueError, match="outside 2001-2100"):
        decide({}, year, T2)


def test_an_outcome_that_is_not_a_tier_is_refused() -> None:
    with pytest.raises(ValueError, match="is not a tier"):
        decide({}, 2024, "Tier 4")  # type: ignore[arg-type]


tiers_or_gaps = st.one_of(st.none(), st.sampled_from(list(Tier)))


@settings(max_examples=300)
@given(start=st.integers(2001, 2030), seq=st.lists(tiers_or_gaps, min_size=1, max_size=25))
def test_random_histories_never_crash_and_every_year_gets_a_status(
    start: int, seq: list[Tier | None]
) -> None:
    statuses = walk(history(start, *seq), start, start + len(seq) - 1)
    assert [s.year for s in statuses] == list(range(start, start + len(seq)))
    for s in statuses:
        for e in s.events:
            assert e.reason.citation
            assert e.reason.text


def _accepted(placements: dict[int, Tier | None], start: int, end: int) -> list[Tier]:
    """Build a history year by year, keeping each proposal only if the engine allows it
    (with a waiver granted whenever one is asked for)."""
    accepted: dict[int, Tier | None] = {}
    for year in range(start, end + 1):
        proposed = placements[year]
        assert proposed is not None
        decision = decide(accepted, year, proposed, Findings(waiver_granted=True))
        if decision.allowed:
            accepted[year] = proposed
        else:
            assert decision.blocking
            assert all(r.citation for r in decision.blocking)
            accepted[year] = decision.outcome or T3
    return [t for t in accepted.values() if t is not None]


@settings(max_examples=150, deadline=None)
@given(
    start=st.integers(2005, 2022),
    seq=st.lists(st.sampled_from([T1, T2, WL, WL, WL, T3]), min_size=3, max_size=15),
)
def test_no_accepted_sequence_exceeds_its_regimes_watch_list_limit(
    start: int, seq: list[Tier]
) -> None:
    end = start + len(seq) - 1
    tiers = _accepted(history(start, *seq), start, end)
    run = 0
    for offset, tier in enumerate(tiers):
        regime = regime_for(start + offset)
        run = run + 1 if tier == WL and regime.auto_downgrade else 0
        assert run <= 2 + regime.max_waiver_years, f"{run} Watch List years by {start + offset}"
    replayed = walk(history(start, *tiers), start, end)
    assert not any(e.kind == EventKind.VIOLATION for s in replayed for e in s.events)


@settings(max_examples=150)
@given(
    seq=st.lists(st.sampled_from(list(Tier)), min_size=1, max_size=12),
    proposed=st.sampled_from(list(Tier)),
)
def test_every_rejected_proposal_names_a_rule_with_a_citation(
    seq: list[Tier], proposed: Tier
) -> None:
    decision = decide(history(2012, *seq), 2012 + len(seq), proposed)
    if not decision.allowed:
        assert decision.blocking
        assert all(r.rule and r.citation for r in decision.blocking)


def test_a_return_before_2019_does_not_leave_a_stale_re_entry_limit() -> None:
    # Exhausted 2010-2013, Tier 3 in 2014, back on the list 2015-2018 (two waivers, before the
    # re-entry rule existed): a fifth Watch List year in 2019 is a violation, not a re-entry.
    placements = history(2010, WL, WL, WL, WL, T3, WL, WL, WL, WL)
    decision = decide(placements, 2019, WL, Findings(waiver_granted=True))
    assert not decision.allowed
    assert decision.outcome == T3
    assert all(r.rule != "re-entry" for r in decision.reasons)
