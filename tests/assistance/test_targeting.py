"""Assistance targeting: the score, the optimizer, the Tier 3 rule, infeasibility, scenarios."""

from __future__ import annotations

import ast
import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from tipmon.assistance.targeting import (
    Allocation,
    Bureau,
    Channel,
    Constraints,
    CountryIndicators,
    CountryTarget,
    Infeasible,
    Method,
    Missing,
    Problem,
    ProgramType,
    Scenario,
    ScoreConfig,
    TargetingInputError,
    Weights,
    compare,
    normalise,
    optimize,
    run,
    score,
)
from tipmon.tiers.rules import Tier

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "tipmon" / "assistance" / "targeting"
T1, T2, WL, T3 = Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3

GOV = ProgramType("gov", "Justice sector", Channel.GOVERNMENT, 100_000, 400_000)
NGO = ProgramType("ngo", "Shelters", Channel.CIVIL_SOCIETY, 100_000, 400_000)
AID = ProgramType("aid", "Emergency aid", Channel.HUMANITARIAN, 50_000, 200_000)


def target(iso3: str, bureau: Bureau, s: float, tier: Tier = T2, **kw: object) -> CountryTarget:
    return CountryTarget(iso3, f"Country {iso3}", bureau, s, tier, **kw)  # type: ignore[arg-type]


def solve(
    countries: list[CountryTarget],
    budget: float,
    programs: tuple[ProgramType, ...] = (GOV, NGO),
    **constraints: object,
) -> Allocation:
    cons = Constraints(budget=budget, **constraints)  # type: ignore[arg-type]
    return optimize(Problem(tuple(countries), programs, cons))


# Purity


def test_the_targeting_package_imports_no_django() -> None:
    files = list(PACKAGE.glob("*.py"))
    assert len(files) >= 8
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "django" for n in names), path.name


# The Tier 3 restriction


def test_a_tier_3_government_gets_nothing_without_a_waiver_while_its_ngo_program_is_funded() -> (
    None
):
    result = solve([target("AAA", Bureau.AF, 0.9, T3)], 1_000_000)
    assert result.amount("AAA", "gov") == 0
    assert result.amount("AAA", "ngo") == 400_000
    gov = next(a for a in result.awards if a.program == "gov")
    assert gov.status == "closed"
    reasons = " ".join(result.outcome("AAA").reasons)
    assert "Tier 3 without a waiver" in reasons
    assert "22 U.S.C. 7107(a), (d)(1)(A)" in reasons
    assert "22 U.S.C. 7102(10)(A)" in reasons


def test_a_national_interest_waiver_reopens_the_government_channel() -> None:
    result = solve([target("AAA", Bureau.AF, 0.9, T3, t3_waiver=True)], 1_000_000)
    assert result.amount("AAA", "gov") == 400_000
    assert "7107(d)(4)" in " ".join(result.outcome("AAA").reasons)


def test_a_waiver_for_one_program_reopens_only_that_program() -> None:
    other = ProgramType("gov2", "Labour inspection", Channel.GOVERNMENT, 100_000, 400_000)
    waived = target("AAA", Bureau.AF, 0.9, T3, t3_waived_programs=frozenset({"gov"}))
    result = solve([waived], 2_000_000, programs=(GOV, other, NGO))
    assert result.amount("AAA", "gov") == 400_000
    assert result.amount("AAA", "gov2") == 0


def test_humanitarian_aid_to_a_tier_3_country_stays_allowed() -> None:
    result = solve([target("AAA", Bureau.AF, 0.9, T3)], 1_000_000, programs=(GOV, AID))
    assert result.amount("AAA", "aid") == 200_000
    assert result.amount("AAA", "gov") == 0


def test_the_withholding_rule_can_be_switched_off_for_a_different_determination() -> None:
    result = solve([target("AAA", Bureau.AF, 0.9, T3)], 1_000_000, withhold_tier3_government=False)
    assert result.amount("AAA", "gov") == 400_000


def test_a_tier_2_government_is_not_restricted() -> None:
    result = solve([target("AAA", Bureau.AF, 0.9, T2)], 1_000_000)
    assert result.amount("AAA", "gov") == 400_000


# Allocation and explanations


def test_money_goes_first_to_the_higher_score_and_the_rest_is_told_why_it_got_nothing() -> None:
    countries = [target("AAA", Bureau.AF, 0.9), target("BBB", Bureau.EUR, 0.05)]
    result = solve(countries, 800_000)
    assert result.by_country()["AAA"] == 800_000
    assert result.by_country().get("BBB", 0) == 0
    assert result.marginal_value == pytest.approx(0.9 * 0.6**3)
    why = " ".join(result.outcome("BBB").reasons)
    assert "ranks below the marginal value at the budget" in why
    assert result.binding()[0].name == "budget"


def test_diminishing_returns_spread_money_across_countries_of_similar_score() -> None:
    countries = [target("AAA", Bureau.AF, 0.60), target("BBB", Bureau.EUR, 0.55)]
    result = solve(countries, 500_000, programs=(NGO,))
    assert result.by_country()["AAA"] > 0
    assert result.by_country()["BBB"] > 0


def test_an_unspent_budget_is_not_binding_and_every_open_cell_is_at_its_maximum() -> None:
    result = solve([target("AAA", Bureau.AF, 0.5)], 10_000_000)
    assert result.total == 800_000
    assert not result.binding()
    assert {a.status for a in result.awards} == {"max"}
    assert "its maximum award" in result.awards[0].reason


def test_a_regional_floor_binds_and_is_reported_as_binding_with_its_price() -> None:
    countries = [target("AAA", Bureau.EUR, 0.9), target("BBB", Bureau.AF, 0.1)]
    result = solve(countries, 800_000, regional_floors={Bureau.AF: 300_000})
    assert result.by_bureau()["AF"] == pytest.approx(300_000, abs=1)
    floor = next(c for c in result.constraints if c.name == "floor:AF")
    assert floor.binding
    assert floor.shadow_price is not None
    assert floor.shadow_price > 0
    assert "AF regional floor of $300,000 binds" in " ".join(result.outcome("BBB").reasons)


def test_a_floor_that_is_met_anyway_is_reported_as_slack() -> None:
    countries = [target("AAA", Bureau.AF, 0.9), target("BBB", Bureau.EUR, 0.1)]
    result = solve(countries, 800_000, regional_floors={Bureau.AF: 300_000})
    floor = next(c for c in result.constraints if c.name == "floor:AF")
    assert not floor.binding
    assert floor.slack == pytest.approx(500_000, abs=1)
    assert floor.shadow_price is None


def test_a_country_cap_binds_and_the_country_is_told() -> None:
    result = solve([target("AAA", Bureau.AF, 0.9)], 1_000_000, country_caps={"AAA": 500_000})
    assert result.total == pytest.approx(500_000, abs=1)
    assert next(c for c in result.constraints if c.name == "cap:AAA").binding
    assert "country cap of $500,000 binds" in " ".join(result.outcome("AAA").reasons)


def test_fixed_required_and_forbidden_cells_are_respected() -> None:
    countries = [target("AAA", Bureau.AF, 0.9), target("BBB", Bureau.EUR, 0.1)]
    result = solve(
        countries,
        700_000,
        fixed={("BBB", "ngo"): 150_000},
        required={("BBB", "gov")},
        forbidden=frozenset({("AAA", "gov")}),
    )
    assert result.amount("BBB", "ngo") == 150_000
    assert result.amount("BBB", "gov") >= 100_000
    assert result.amount("AAA", "gov") == 0
    assert result.total <= 700_000 + 1


def test_every_award_is_nothing_or_within_its_minimum_and_maximum() -> None:
    big = ProgramType("big", "Large grant", Channel.CIVIL_SOCIETY, 300_000, 600_000)
    countries = [target(c, b, s) for c, b, s in [("AAA", Bureau.AF, 0.8), ("BBB", Bureau.EAP, 0.7)]]
    result = solve(countries, 500_000, programs=(big,))
    for award in result.awards:
        assert award.amount == 0 or 300_000 <= award.amount <= 600_000
    assert result.total <= 500_000


# Infeasible problems: a clear message, nothing returned


def test_a_budget_below_the_required_minimums_names_the_budget_and_the_numbers() -> None:
    countries = [target("AAA", Bureau.AF, 0.9), target("BBB", Bureau.EUR, 0.5)]
    with pytest.raises(Infeasible) as caught:
        solve(countries, 150_000, required={("AAA", "ngo"), ("BBB", "ngo")})
    message = str(caught.value)
    assert "budget: $150,000 is below" in message
    assert "$200,000" in message
    assert "budget" in caught.value.conflicts[0].constraints


def test_a_budget_below_the_regional_floors_names_the_floors() -> None:
    countries = [target("AAA", Bureau.AF, 0.9), target("BBB", Bureau.EUR, 0.5)]
    with pytest.raises(Infeasible, match=r"below the sum of the regional floors \(\$600,000\)"):
        solve(countries, 500_000, regional_floors={Bureau.AF: 300_000, Bureau.EUR: 300_000})


def test_a_floor_above_what_the_region_can_receive_names_that_floor() -> None:
    countries = [target("AAA", Bureau.AF, 0.9, T3), target("BBB", Bureau.EUR, 0.5)]
    with pytest.raises(Infeasible) as caught:
        solve(countries, 5_000_000, regional_floors={Bureau.AF: 500_000})
    assert caught.value.conflicts[0].constraints == ("floor:AF",)
    assert "most its countries can receive ($400,000" in str(caught.value)


def test_a_fixed_award_in_a_barred_cell_is_refused_with_the_statute() -> None:
    with pytest.raises(Infeasible, match=r"fixed:AAA/gov: the cell is closed \(Tier 3"):
        solve([target("AAA", Bureau.AF, 0.9, T3)], 1_000_000, fixed={("AAA", "gov"): 200_000})


def test_whole_awards_that_cannot_meet_two_floors_are_found_and_named() -> None:
    lumpy = ProgramType("lump", "Fixed-size grant", Channel.CIVIL_SOCIETY, 300_000, 450_000)
    countries = [
        target("AAA", Bureau.AF, 0.9),
        target("BBB", Bureau.AF, 0.8),
        target("CCC", Bureau.EAP, 0.7),
    ]
    floors = {Bureau.AF: 500_000, Bureau.EAP: 300_000}
    with pytest.raises(Infeasible) as caught:
        solve(countries, 850_000, programs=(lumpy,), regional_floors=floors)
    (conflict,) = caught.value.conflicts
    assert set(conflict.constraints) == {"budget", "floor:AF", "floor:EAP"}
    assert "AF regional floor $500,000" in conflict.message


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("budget", -1, "budget must be at least 0"), ("budget", float("nan"), "finite amount")],
)
def test_bad_constraints_are_refused_with_the_field_named(
    field: str, value: float, words: str
) -> None:
    with pytest.raises(TargetingInputError, match=words):
        Constraints(**{field: value})  # type: ignore[arg-type]


def test_a_program_whose_minimum_exceeds_its_maximum_is_refused() -> None:
    with pytest.raises(TargetingInputError, match="min_award 5 is above max_award 4"):
        ProgramType("x", "X", Channel.GOVERNMENT, 5, 4)


# The score


def indicators(iso3: str, **kw: object) -> CountryIndicators:
    return CountryIndicators(iso3, f"Country {iso3}", Bureau.AF, **kw)  # type: ignore[arg-type]


def test_weights_change_the_ranking_as_expected() -> None:
    needy = indicators("AAA", tier=T3, victims_detected=5000, recommendations_implemented=0.1)
    willing = indicators("BBB", tier=T2, victims_detected=50, recommendations_implemented=0.9)
    countries = [needy, willing]
    by_need = score(countries, Weights(need=1, will=0, capacity=0, funding_gap=0))
    by_will = score(countries, Weights(need=0, will=1, capacity=0, funding_gap=0))
    assert [s.iso3 for s in by_need] == ["AAA", "BBB"]
    assert [s.iso3 for s in by_will] == ["BBB", "AAA"]


def test_each_components_contribution_adds_up_to_the_total() -> None:
    countries = [
        indicators(
            "AAA",
            tier=T3,
            victims_detected=900,
            capacity=0.4,
            prior_funding_usd=1e6,
            recommendations_implemented=0.5,
            tier_history={2020: WL, 2024: T3},
        ),
        indicators(
            "BBB",
            tier=T1,
            victims_detected=10,
            capacity=0.9,
            prior_funding_usd=0,
            recommendations_implemented=1.0,
            tier_history={2020: T2, 2024: T1},
        ),
    ]
    for s in score(countries):
        assert s.total == pytest.approx(sum(c.contribution for c in s.components))
        assert sum(c.effective_weight for c in s.components) == pytest.approx(1)


def test_an_improving_tier_raises_will_and_a_decline_lowers_it() -> None:
    up = indicators("AAA", tier_history={2021: T3, 2022: WL, 2023: T2})
    down = indicators("BBB", tier_history={2021: T1, 2022: T2, 2023: T2})
    scores = {s.iso3: s for s in score([up, down], Weights(0, 1, 0, 0))}
    assert scores["AAA"].components[1].value == pytest.approx(5 / 6)
    assert scores["BBB"].components[1].value == pytest.approx(2 / 6)


def test_missing_data_is_shown_and_its_weight_shared_not_read_as_zero() -> None:
    known = indicators("AAA", tier=T2, victims_detected=100, capacity=0.8)
    unknown = indicators("BBB", tier=T2, capacity=0.8)
    scores = {
        s.iso3: s
        for s in score([known, unknown], config=ScoreConfig(Method.MINMAX, Missing.REWEIGHT))
    }
    blank = scores["BBB"]
    assert "need: victims detected" in blank.missing
    victims = blank.components[0].parts[0]
    assert victims.value is None
    assert victims.raw == "no data"
    assert "funding_gap: prior funding" in blank.missing
    assert blank.components[3].effective_weight == 0
    assert "left out" in blank.components[3].note
    assert sum(c.effective_weight for c in blank.components) == pytest.approx(1)
    assert blank.coverage < scores["AAA"].coverage


def test_by_default_a_component_without_data_sits_at_the_midpoint() -> None:
    country = indicators("AAA", tier=T2, capacity=0.8)
    (only,) = score([country])
    funding = only.components[3]
    assert funding.value == 0.5
    assert "midpoint" in funding.note


def test_rank_normalisation_shares_ranks_between_ties() -> None:
    assert normalise({"a": 1, "b": 5, "c": 5, "d": 9}, Method.RANK) == {
        "a": 0.0,
        "b": 0.5,
        "c": 0.5,
        "d": 1.0,
    }
    assert normalise({"a": 3, "b": 3}, Method.MINMAX) == {"a": 0.5, "b": 0.5}


@pytest.mark.parametrize(
    "weights", [{"need": -1}, {"need": 0, "will": 0, "capacity": 0, "funding_gap": 0}]
)
def test_negative_or_all_zero_weights_are_refused(weights: dict[str, float]) -> None:
    with pytest.raises(TargetingInputError):
        Weights(**weights)


def test_an_indicator_out_of_range_is_refused_with_the_country_named() -> None:
    with pytest.raises(TargetingInputError, match="AAA: capacity must be between 0 and 1"):
        indicators("AAA", capacity=1.5)


# Scenarios


PROGRAMS = (GOV, NGO, AID)


def scenario(name: str, weights: Weights, budget: float = 3_000_000) -> Scenario:
    return Scenario(
        name,
        weights,
        PROGRAMS,
        Constraints(
            budget=budget,
            regional_floors={Bureau.AF: 500_000},
            default_country_cap=900_000,
            fixed={("CCC", "aid"): 100_000},
            forbidden=frozenset({("BBB", "aid")}),
        ),
    )


def sample() -> list[CountryIndicators]:
    rows = [
        ("AAA", Bureau.AF, T3, 4000, 0.2, 0.3, 0.0),
        ("BBB", Bureau.EAP, WL, 800, 0.5, 0.6, 2e6),
        ("CCC", Bureau.WHA, T2, 300, 0.8, 0.9, 5e5),
        ("DDD", Bureau.EUR, T1, 50, 0.9, 0.9, 1e7),
        ("EEE", Bureau.SCA, WL, 2500, 0.4, 0.5, 1e5),
    ]
    return [
        CountryIndicators(
            iso3,
            iso3.title(),
            bureau,
            tier,
            {2020: T2, 2024: tier},
            victims,
            rec,
            cap,
            funding,
            sources={"victims": "UNODC GLOTIP"},
        )
        for iso3, bureau, tier, victims, rec, cap, funding in rows
    ]


def test_a_scenario_survives_a_json_round_trip() -> None:
    original = scenario("Need first", Weights(need=3, will=1, capacity=1, funding_gap=1))
    again = Scenario.from_dict(json.loads(json.dumps(original.to_dict())))
    assert again == original


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(colour="red"), "scenario: unknown field 'colour'"),
        (lambda d: d["constraints"].update(budget="lots"), "scenario.constraints.budget must"),
        (lambda d: d["weights"].update(need=-2), "weight 'need' must be 0 or more"),
        (lambda d: d["programs"][0].update(channel="bank"), r"programs\[0\].channel must be one"),
        (lambda d: d["constraints"]["regional_floors"].update(XX=1), "'XX' is not one of"),
        (lambda d: d.pop("name"), "scenario.name is required"),
    ],
)
def test_a_damaged_scenario_is_refused_with_the_field_named(change: object, words: str) -> None:
    data = scenario("Base", Weights()).to_dict()
    change(data)  # type: ignore[operator]
    with pytest.raises(TargetingInputError, match=words):
        Scenario.from_dict(data)


def test_two_scenarios_compare_side_by_side_per_country_bureau_and_program() -> None:
    countries = sample()
    a = run(scenario("Need first", Weights(need=1, will=0, capacity=0, funding_gap=0)), countries)
    b = run(scenario("Will first", Weights(need=0, will=1, capacity=0, funding_gap=0)), countries)
    diff = compare(a, b)
    assert (diff.name_a, diff.name_b) == ("Need first", "Will first")
    assert {line.key for line in diff.countries} == {c.iso3 for c in countries}
    assert {line.key for line in diff.bureaus} == {"AF", "EAP", "WHA", "EUR", "SCA"}
    for line in (*diff.countries, *diff.bureaus, *diff.programs):
        assert line.difference == pytest.approx(line.b - line.a)
    assert sum(x.a for x in diff.countries) == pytest.approx(diff.total.a)
    assert sum(x.b for x in diff.programs) == pytest.approx(diff.total.b)
    moved = diff.changed()
    assert moved
    assert moved[0].difference != 0
    # The will-first scenario moves money towards the country that implements most.
    assert next(x for x in diff.countries if x.key == "DDD").difference > 0


def test_a_result_exports_as_json_with_reasons_and_constraints() -> None:
    result = run(scenario("Base", Weights()), sample())
    data = json.loads(json.dumps(result.allocation.to_dict()))
    assert data["total"] <= 3_000_000
    assert {c["name"] for c in data["constraints"]} >= {"budget", "floor:AF"}
    assert all(c["reasons"] for c in data["countries"])


# Real bundled files


BUNDLED = ROOT / "src" / "tipmon" / "data" / "bundled"


def real_indicators() -> list[CountryIndicators]:
    """Every TIP-covered country from the bundled tables: tiers, UNODC victims, grants."""
    with (ROOT / "src/tipmon/countries/data/countries.csv").open(encoding="utf-8") as f:
        countries = [r for r in csv.DictReader(f) if r["tip_covered"] == "1" and r["bureau"]]
    history: dict[str, dict[int, Tier]] = defaultdict(dict)
    with (BUNDLED / "tier_placements.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["tier"] != "Special Case":
                history[r["iso3"]][int(r["report_year"])] = Tier(r["tier"])
    victims: dict[str, tuple[int, float]] = {}
    with (BUNDLED / "unodc_glotip_totals.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if (r["indicator"], r["sex"], r["age"]) == (
                "Detected trafficking victims",
                "Total",
                "Total",
            ) and r["value"]:
                year = int(r["year"])
                if year >= victims.get(r["iso3"], (0, 0.0))[0]:
                    victims[r["iso3"]] = (year, float(r["value"]))
    funding: dict[str, float] = defaultdict(float)
    with (BUNDLED / "us_antitip_grants_fy2001_2014.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if int(r["fiscal_year"]) >= 2010 and r["amount_usd"]:
                funding[r["iso3"]] += float(r["amount_usd"])
    report_year = max(y for h in history.values() for y in h)
    out = []
    for c in countries:
        tiers = history.get(c["iso3"], {})
        latest = tiers.get(report_year)
        out.append(
            CountryIndicators(
                c["iso3"],
                c["short_name"],
                Bureau(c["bureau"]),
                latest,
                tiers,
                victims_detected=victims.get(c["iso3"], (0, None))[1],
                prior_funding_usd=funding.get(c["iso3"]),
                sources={
                    "victims": "UNODC GLOTIP totals (bundled)",
                    "tier": "tier_placements.csv (bundled)",
                    "prior_funding": "US anti-trafficking grants FY2010-2014 (bundled)",
                },
            )
        )
    return out


def test_the_real_bundled_countries_are_scored_and_allocated_within_the_law() -> None:
    countries = real_indicators()
    assert len(countries) > 150
    floors = dict.fromkeys(Bureau, 1000000)
    plan = Scenario(
        "Real data",
        Weights(),
        PROGRAMS,
        Constraints(budget=25_000_000, regional_floors=floors, default_country_cap=800_000),
    )
    result = run(plan, countries)
    allocation = result.allocation
    assert allocation.total <= 25_000_000 + 1
    assert all(v >= 1_000_000 - 1 for v in allocation.by_bureau().values())
    tier3 = {c.iso3 for c in countries if c.tier is T3}
    assert tier3, "the bundled placements include Tier 3 countries"
    assert all(a.amount == 0 for a in allocation.awards if a.iso3 in tier3 and a.program == "gov")
    assert any(a.amount > 0 for a in allocation.awards if a.iso3 in tier3)
    assert all(0 <= s.total <= 1 for s in result.scores)
    assert any("capacity: capacity" in s.missing for s in result.scores)
    assert all(s.coverage < 1 for s in result.scores)
