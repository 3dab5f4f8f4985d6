"""Targeting in the application: inputs from the bundled data, runs, saved scenarios and
their comparison, on the real migrated database."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db.models import Sum

from tipmon.assessments.models import CountryAssessment, Implementation, Recommendation
from tipmon.assessments.services import open_cycle
from tipmon.assistance import targeting_app as app
from tipmon.assistance.models import Funding, Grant, Program, SavedScenario
from tipmon.assistance.targeting import (
    Bureau,
    Channel,
    Constraints,
    ProgramType,
    Scenario,
    Weights,
)
from tipmon.assistance.targeting_inputs import InputOptions, build_inputs, fiscal_year
from tipmon.core.models import AuditEntry
from tipmon.data.models import Dataset
from tipmon.tiers.rules import Tier
from tipmon.trends.models import UnodcFigure

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
PROGRAMS = (
    ProgramType("gov-justice", "Criminal justice capacity", Channel.GOVERNMENT, 250_000, 1_500_000),
    ProgramType("ngo-protect", "Victim protection", Channel.CIVIL_SOCIETY, 200_000, 1_000_000),
    ProgramType("hum-shelter", "Emergency shelter", Channel.HUMANITARIAN, 100_000, 500_000),
)


def spec(name: str = "Base", budget: float = 25_000_000, **kw: object) -> app.Spec:
    weights = kw.pop("weights", Weights())
    options = kw.pop("options", InputOptions())
    constraints = Constraints(budget=budget, **kw)  # type: ignore[arg-type]
    scenario = Scenario(name, weights, PROGRAMS, constraints)  # type: ignore[arg-type]
    return app.Spec(scenario, options)  # type: ignore[arg-type]


# Inputs


def test_every_tip_covered_country_gets_inputs_with_their_sources() -> None:
    inputs = build_inputs(today=TODAY)
    assert len(inputs.countries) == 189
    assert {c.bureau for c in inputs.countries} == set(Bureau)
    thailand = next(c for c in inputs.countries if c.iso3 == "THA")
    assert thailand.tier is not None
    assert 2025 in thailand.tier_history
    assert "tier_placements" in thailand.sources["tier"]
    assert "unodc_glotip_totals" in thailand.sources["victims"]
    assert {s.key for s in inputs.sources} >= {
        "tier_placements", "unodc_glotip_totals", "us_antitip_grants_fy2001_2014",
    }  # fmt: skip
    assert len(inputs.tier3()) == 20


def test_a_count_published_as_below_five_enters_as_two_not_as_missing() -> None:
    latest: dict[str, tuple[int, int | None]] = {}
    rows = UnodcFigure.objects.filter(
        dataset__key="unodc_glotip_totals", indicator="Detected trafficking victims",
        sex="Total", age="Total", country__tip_covered=True,
    ).values_list("country_id", "year", "value")  # fmt: skip
    for iso3, year, value in rows:
        if iso3 not in latest or year > latest[iso3][0]:
            latest[iso3] = (year, value)
    censored = sorted(iso3 for iso3, (_, value) in latest.items() if value is None)
    assert censored, "the bundled data has countries whose latest count is '<5'"
    inputs = {c.iso3: c for c in build_inputs(today=TODAY).countries}
    for iso3 in censored:
        assert inputs[iso3].victims_detected == 2.0
        assert "published as <5" in inputs[iso3].sources["victims"]
    no_figures = set(inputs) - set(latest)
    assert all(inputs[iso3].victims_detected is None for iso3 in no_figures)


def test_recommendations_are_missing_on_the_bundled_data_and_said_so() -> None:
    inputs = build_inputs(today=TODAY)
    assert all(c.recommendations_implemented is None for c in inputs.countries)
    assert any("share implemented is missing" in n for n in inputs.notes)
    assert all(c.capacity is None for c in inputs.countries)


def test_assessed_recommendations_give_the_share_implemented() -> None:
    cycle = open_cycle(2026)
    nepal = CountryAssessment.objects.get(cycle=cycle, country_id="NPL")
    for i, status in enumerate(
        [Implementation.IMPLEMENTED, Implementation.PARTLY, Implementation.NOT,
         Implementation.NOT, Implementation.PENDING], start=1,
    ):  # fmt: skip
        Recommendation.objects.create(assessment=nepal, priority=i, text=f"R{i}", status=status)
    nepal_in = next(c for c in build_inputs(today=TODAY).countries if c.iso3 == "NPL")
    assert nepal_in.recommendations_implemented == pytest.approx(1.5 / 4)
    assert "4 recommendations assessed in the 2026 cycle" in nepal_in.sources["recommendations"]


def test_prior_funding_adds_recent_obligations_to_the_last_years_of_historical_grants(
    program: Program,
) -> None:
    Funding.objects.create(program=program, fiscal_year=2025, obligated_usd=Decimal("400000"))
    Funding.objects.create(program=program, fiscal_year=2016, obligated_usd=Decimal("999"))
    grants = Grant.objects.filter(country_id="NPL", fiscal_year__gte=2010).aggregate(
        s=Sum("amount_usd")
    )["s"]
    nepal = next(c for c in build_inputs(today=TODAY).countries if c.iso3 == "NPL")
    assert nepal.prior_funding_usd == pytest.approx(400_000 + (grants or 0))
    assert "FY2023-FY2027" in nepal.sources["prior_funding"]
    assert fiscal_year(date(2026, 10, 1)) == 2027
    assert fiscal_year(date(2026, 9, 30)) == 2026


def test_programs_imported_from_the_grants_are_not_counted_twice(program: Program) -> None:
    grants = Dataset.objects.get(key="us_antitip_grants_fy2001_2014")
    program.source_dataset, program.source_row = grants, 999_999
    program.save()
    Funding.objects.create(program=program, fiscal_year=2025, obligated_usd=Decimal("400000"))
    before = next(c for c in build_inputs(today=TODAY).countries if c.iso3 == "NPL")
    assert "program obligations" not in (before.sources.get("prior_funding") or "")


def test_waivers_and_capacity_come_from_the_scenario_options() -> None:
    tier3 = build_inputs(today=TODAY).tier3()[0].iso3
    options = InputOptions(
        capacity={"THA": 0.7}, t3_waivers=frozenset({tier3}),
        t3_waived_programs={"NPL": frozenset({"gov-justice"})},
    )  # fmt: skip
    inputs = {c.iso3: c for c in build_inputs(options, TODAY).countries}
    assert inputs["THA"].capacity == 0.7
    assert "analyst" in inputs["THA"].sources["capacity"]
    assert inputs[tier3].t3_waiver
    assert inputs["NPL"].t3_waived_programs == {"gov-justice"}


# Running


def test_a_scenario_runs_on_the_real_data_and_respects_the_law() -> None:
    floors = dict.fromkeys(Bureau, 1_000_000.0)
    started = time.perf_counter()
    done = app.run_spec(spec(regional_floors=floors, default_country_cap=800_000), TODAY)
    elapsed = time.perf_counter() - started
    allocation = done.result.allocation
    assert allocation.status == "Optimal"
    assert allocation.total <= 25_000_000 + 1
    assert all(v >= 1_000_000 - 1 for v in allocation.by_bureau().values())
    tier3 = {c.iso3 for c in done.inputs.countries if c.tier is Tier.TIER_3}
    gov = [a for a in allocation.awards if a.iso3 in tier3 and a.program == "gov-justice"]
    assert gov
    assert all(a.amount == 0 and a.status == "closed" for a in gov)
    print(f"run on the bundled data: {elapsed:.3f} s")  # timed in benchmarks, not asserted


def test_an_infeasible_budget_is_refused_naming_the_constraints_and_nothing_is_saved(
    program_officer: User,
) -> None:
    bad = spec(budget=1_000_000, regional_floors={Bureau.AF: 2_000_000.0})
    with pytest.raises(app.TargetingRefused) as refused:
        app.save_scenario(bad, program_officer, today=TODAY)
    assert "budget" in str(refused.value)
    assert "$2,000,000" in str(refused.value)
    assert set(refused.value.constraints) >= {"budget", "floor:AF"}
    assert not SavedScenario.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="targeting.").exists()


# Saving and comparing


def test_saving_stores_the_scenario_the_result_and_the_data_state_and_is_audited(
    program_officer: User,
) -> None:
    saved = app.save_scenario(spec(), program_officer, today=TODAY)
    assert saved.version == 1
    assert saved.created_by == program_officer
    assert Scenario.from_dict(saved.scenario) == spec().scenario
    assert saved.allocated_usd <= Decimal(25_000_000)
    entry = AuditEntry.objects.get(action="targeting.scenario.save")
    assert entry.object_id == str(saved.pk)
    assert entry.user_id == program_officer.pk
    kept = app.stored(saved)
    assert kept.result.allocation.total == pytest.approx(float(saved.allocated_usd), abs=0.01)
    assert len(kept.result.scores) == 189
    assert not app.data_changed(saved, TODAY)


def test_replacing_a_scenario_someone_else_replaced_first_is_refused(
    program_officer: User, second_officer: User
) -> None:
    saved = app.save_scenario(spec(), program_officer, today=TODAY)
    app.save_scenario(spec("Theirs"), second_officer, replace=saved, expected_version=1)
    with pytest.raises(app.ScenarioConflict, match="version 2"):
        app.save_scenario(spec("Mine"), program_officer, replace=saved, expected_version=1)
    saved.refresh_from_db()
    assert (saved.name, saved.version) == ("Theirs", 2)
    assert AuditEntry.objects.filter(action="targeting.scenario.replace").count() == 1


def test_two_saved_scenarios_compare_per_country_region_and_program(
    program_officer: User,
) -> None:
    a = app.save_scenario(spec("Need first", weights=Weights(1, 0, 0, 0)), program_officer)
    b = app.save_scenario(spec("Gap first", weights=Weights(0, 0, 0, 1)), program_officer)
    both = app.compare_saved(a, b)
    c = both.comparison
    assert (c.name_a, c.name_b) == ("Need first", "Gap first")
    assert c.changed(), "different weights move money between countries"
    line = c.changed()[0]
    assert line.difference == pytest.approx(line.b - line.a)
    assert abs(line.difference) >= 1
    assert {x.key for x in c.bureaus} <= {b.value for b in Bureau}
    assert {x.key for x in c.programs} == {p.key for p in PROGRAMS}
    assert c.total.a == pytest.approx(float(a.allocated_usd), abs=0.01)
    assert not both.notes


def test_a_comparison_says_when_the_data_changed_since_a_scenario_ran(
    program_officer: User,
) -> None:
    a = app.save_scenario(spec("A"), program_officer)
    b = app.save_scenario(spec("B", budget=20_000_000), program_officer)
    SavedScenario.objects.filter(pk=a.pk).update(data_state="an older state")
    a.refresh_from_db()
    notes = app.compare_saved(a, b).notes
    assert any("The data changed since 'A' ran" in n for n in notes)
    assert not any("'B'" in n for n in notes)
