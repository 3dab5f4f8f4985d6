"""The pure rules of awards, funding and results, on chosen and random inputs."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.assistance import award_rules
from tipmon.assistance.award_rules import Cell, FundingLine, Span

SRC = Path(__file__).resolve().parents[2] / "src" / "tipmon" / "assistance"
PURE = ("award_rules.py", "uploads.py")


def test_the_pure_modules_import_no_django() -> None:
    for name in PURE:
        tree = ast.parse((SRC / name).read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            assert not any(n.split(".")[0] in {"django", "tipmon"} for n in names), name


def test_it_names_the_first_year_disbursements_exceed_obligations() -> None:
    lines = [
        FundingLine(2024, Decimal("100000"), Decimal("40000")),
        FundingLine(2025, Decimal("0"), Decimal("50000")),
        FundingLine(2026, Decimal("0"), Decimal("20000")),
    ]
    problem = award_rules.funding_problem(lines)
    assert problem is not None
    assert problem.fiscal_year == 2026
    assert problem.obligated_to_date == Decimal("100000")
    assert problem.disbursed_to_date == Decimal("110000")
    assert "fiscal year 2026" in problem.message
    assert "$110,000.00" in problem.message
    assert "$100,000.00" in problem.message


def test_a_year_may_spend_money_obligated_in_an_earlier_year() -> None:
    lines = [
        FundingLine(2024, Decimal(500), Decimal(0)),
        FundingLine(2025, Decimal(0), Decimal(500)),
    ]
    assert award_rules.funding_problem(lines) is None


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
lines = st.lists(
    st.builds(FundingLine, st.integers(2000, 2040), money, money),
    unique_by=lambda line: line.fiscal_year,
    max_size=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_funding_is_refused_exactly_when_some_cumulative_disbursement_exceeds_obligation(
    chosen: list[FundingLine],
) -> None:
    ordered = sorted(chosen, key=lambda line: line.fiscal_year)
    over = [
        line.fiscal_year
        for i, line in enumerate(ordered)
        if sum((x.disbursed for x in ordered[: i + 1]), Decimal(0))
        > sum((x.obligated for x in ordered[: i + 1]), Decimal(0))
    ]
    problem = award_rules.funding_problem(chosen)
    assert (problem.fiscal_year if problem else None) == (over[0] if over else None)


def test_a_period_outside_the_award_is_refused_with_both_periods_named() -> None:
    award = Span(date(2024, 10, 1), date(2026, 9, 30))
    message = award_rules.period_problem(award, Span(date(2026, 7, 1), date(2026, 12, 31)), "Q4")
    assert message is not None
    assert "2026-12-31" in message
    assert "2026-09-30" in message
    assert award_rules.period_problem(award, Span(date(2025, 1, 1), date(2025, 3, 31))) is None


days = st.integers(-800, 800).map(lambda n: date(2025, 6, 1) + timedelta(days=n))


@given(days, days, days, days)
def test_a_period_is_accepted_only_inside_the_award(a: date, b: date, c: date, d: date) -> None:
    award = Span(min(a, b), max(a, b))
    period = Span(min(c, d), max(c, d))
    inside = award.start <= period.start and period.end <= award.end
    assert (award_rules.period_problem(award, period) is None) == inside


def test_a_sex_only_indicator_refuses_an_age_breakdown() -> None:
    assert award_rules.group_problem("sex", "female", "total") is None
    assert award_rules.group_problem("sex", "total", "child") is not None
    assert award_rules.group_problem("none", "female", "total") is not None
    assert award_rules.group_problem("sex_age", "male", "child") is None


def test_percentages_stay_between_0_and_100() -> None:
    assert award_rules.value_problem("percent", Decimal("101")) is not None
    assert award_rules.value_problem("count", Decimal("101")) is None
    assert award_rules.value_problem("count", Decimal("-1")) is not None


def _cell(
    kind: str, value: int, sex: str = "total", age: str = "total", period: str = "Y1"
) -> Cell:
    return Cell("V1", period, date(2025, 9, 30), kind, sex, age, Decimal(value))


def test_a_count_total_comes_from_the_sex_breakdown_when_no_total_is_recorded() -> None:
    rows = award_rules.compare(
        [_cell("target", 100), _cell("actual", 30, "female"), _cell("actual", 45, "male")], "count"
    )
    assert rows[0].target == 100
    assert rows[0].actual == 75
    assert rows[0].achieved == Decimal("0.75")


def test_a_recorded_total_wins_over_its_breakdown() -> None:
    rows = award_rules.compare([_cell("actual", 80), _cell("actual", 30, "female")], "count")
    assert rows[0].actual == 80


def test_percent_breakdowns_are_never_summed_into_a_total() -> None:
    rows = award_rules.compare(
        [_cell("actual", 30, "female"), _cell("actual", 45, "male")], "percent"
    )
    assert rows[0].actual is None


def test_the_roll_up_sums_counts_sharing_a_code_and_lists_percentages_apart() -> None:
    y1 = award_rules.Comparison("V1", "Y1", date(2025, 9, 30), Decimal(100), Decimal(80))
    y1b = award_rules.Comparison("v1", "FY25", date(2025, 6, 30), Decimal(50), None)
    pct = award_rules.Comparison("P1", "Y1", date(2025, 9, 30), Decimal(90), Decimal(70))
    rolled, not_summed = award_rules.roll_up([
        award_rules.ProgramResult("A", "V1", "Victims assisted", "count", (y1,)),
        award_rules.ProgramResult("B", "v1", "Victims assisted", "count", (y1b,)),
        award_rules.ProgramResult("B", "P1", "Cases closed in time", "percent", (pct,)),
    ])  # fmt: skip
    assert [(r.code, r.year, r.target, r.actual, r.programs) for r in rolled] == [
        ("V1", 2025, Decimal(150), Decimal(80), 2)
    ]
    assert not_summed == ["B P1 (Cases closed in time)"]


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=6))
def test_rolled_up_actuals_equal_the_sum_of_each_programs_totals(actuals: list[int]) -> None:
    results = [
        award_rules.ProgramResult(
            f"P{i}",
            "V1",
            "Victims",
            "count",
            (award_rules.Comparison("V1", "Y1", date(2025, 9, 30), None, Decimal(a)),),
        )
        for i, a in enumerate(actuals)
    ]
    rolled, _ = award_rules.roll_up(results)
    assert rolled[0].actual == sum(actuals)
    assert rolled[0].programs == len(actuals)
