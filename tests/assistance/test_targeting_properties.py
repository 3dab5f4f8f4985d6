"""Property tests: random problems never yield an allocation that breaks a constraint."""

from __future__ import annotations

import itertools
from typing import Any

import highspy
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    Returns,
    ScoreConfig,
    Weights,
    barred,
    optimize,
    score,
)
from tipmon.assistance.targeting.model import SCALE, build, open_cells
from tipmon.assistance.targeting.optimize import MIP_GAP
from tipmon.tiers.rules import Tier

TOLERANCE = 1.0  # dollars; amounts are reported to the cent
TIERS = [Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3]
CODES = [f"C{chr(65 + i)}{chr(65 + j)}" for i in range(3) for j in range(26)]
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def programs(draw: st.DrawFn) -> tuple[ProgramType, ...]:
    out = []
    for i in range(draw(st.integers(1, 3))):
        top = draw(st.integers(1, 20)) * 50_000
        low = draw(st.integers(0, top // 50_000)) * 50_000
        channel = draw(st.sampled_from(list(Channel)))
        priority = draw(st.sampled_from([0.5, 1.0, 1.5]))
        out.append(ProgramType(f"p{i}", f"Program {i}", channel, low, top, priority))
    return tuple(out)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    progs = draw(programs())
    n = draw(st.integers(1, 6))
    countries = tuple(
        CountryTarget(
            CODES[i],
            f"Country {i}",
            draw(st.sampled_from(list(Bureau)[:3])),
            draw(st.floats(0, 1)),
            draw(st.sampled_from(TIERS)),
            t3_waiver=draw(st.booleans()),
        )
        for i in range(n)
    )
    cells = [(c.iso3, p.key) for c in countries for p in progs]
    forbidden = frozenset(draw(st.lists(st.sampled_from(cells), max_size=2)))
    required = frozenset(
        c for c in draw(st.lists(st.sampled_from(cells), max_size=2)) if c not in forbidden
    )
    fixed = {
        cell: draw(st.integers(0, 20)) * 50_000
        for cell in draw(st.lists(st.sampled_from(cells), max_size=1))
        if cell not in forbidden and cell not in required
    }
    floors = draw(
        st.dictionaries(
            st.sampled_from(list(Bureau)[:3]),
            st.integers(0, 20).map(lambda k: k * 50_000),
            max_size=2,
        )
    )
    caps = draw(
        st.dictionaries(
            st.sampled_from([c.iso3 for c in countries]),
            st.integers(0, 40).map(lambda k: k * 50_000),
            max_size=2,
        )
    )
    constraints = Constraints(
        budget=draw(st.integers(0, 80)) * 50_000,
        regional_floors=floors,
        country_caps=caps,
        default_country_cap=draw(st.none() | st.integers(1, 40).map(lambda k: k * 50_000)),
        fixed=fixed,
        required=required,
        forbidden=forbidden,
        withhold_tier3_government=draw(st.booleans()),
    )
    returns = Returns(draw(st.integers(1, 5)), draw(st.sampled_from([0.3, 0.6, 1.0])))
    return Problem(countries, progs, constraints, returns)


def violations(problem: Problem, result: Allocation) -> list[str]:
    """Every constraint checked independently of the solver."""
    cons = problem.constraints
    found = []
    if result.total > cons.budget + TOLERANCE:
        found.append(f"total {result.total} above budget {cons.budget}")
    for a in result.awards:
        program, country = problem.program(a.program), problem.country(a.iso3)
        cell = (a.iso3, a.program)
        if a.amount < 0 or (
            a.amount > 0
            and not program.min_award - TOLERANCE <= a.amount <= program.max_award + TOLERANCE
        ):
            found.append(
                f"{cell}: {a.amount} outside 0 or [{program.min_award}, {program.max_award}]"
            )
        if barred(country, program, cons) and a.amount != 0:
            found.append(f"{cell}: closed cell funded")
        if cell in cons.fixed and abs(a.amount - cons.fixed[cell]) > TOLERANCE:
            found.append(f"{cell}: fixed at {cons.fixed[cell]} but got {a.amount}")
        if cell in cons.required and a.amount < program.min_award - TOLERANCE:
            found.append(f"{cell}: required but got {a.amount}")
        if cell in cons.required and a.amount == 0:
            found.append(f"{cell}: required but unfunded")
    per_bureau = result.by_bureau()
    for bureau, floor in cons.regional_floors.items():
        if per_bureau.get(bureau.value, 0.0) < floor - TOLERANCE:
            found.append(f"floor {bureau} {floor} not met")
    for iso3, total in result.by_country().items():
        cap = cons.cap_for(iso3)
        if cap is not None and total > cap + TOLERANCE:
            found.append(f"cap {iso3} {cap} exceeded: {total}")
    return found


@SLOW
@given(problems())
def test_an_allocation_never_breaks_a_constraint_or_fails_without_naming_one(
    problem: Problem,
) -> None:
    try:
        result = optimize(problem)
    except Infeasible as error:
        assert error.conflicts
        assert all(c.constraints and c.message for c in error.conflicts)
        assert "No allocation meets every constraint" in str(error)
        return
    assert violations(problem, result) == []
    assert len(result.awards) == len(problem.countries) * len(problem.programs)
    assert all(o.reasons for o in result.countries)
    for report in result.constraints:
        assert report.binding == (report.slack < TOLERANCE)


@settings(max_examples=25, deadline=None)
@given(problems())
def test_the_same_problem_gives_the_same_allocation(problem: Problem) -> None:
    def attempt() -> Any:
        try:
            result = optimize(problem)
        except Infeasible as error:
            return str(error)
        return [(a.iso3, a.program, a.amount) for a in result.awards], result.marginal_value

    assert attempt() == attempt()


maybe = st.none() | st.floats(0, 1)
amounts = st.none() | st.floats(0, 1e9)


@st.composite
def indicator_sets(draw: st.DrawFn) -> list[CountryIndicators]:
    n = draw(st.integers(1, 8))
    return [
        CountryIndicators(
            CODES[i],
            f"Country {i}",
            draw(st.sampled_from(list(Bureau))),
            draw(st.none() | st.sampled_from([*TIERS, Tier.SPECIAL_CASE])),
            draw(st.dictionaries(st.integers(2015, 2025), st.sampled_from(TIERS), max_size=6)),
            victims_detected=draw(amounts),
            recommendations_implemented=draw(maybe),
            capacity=draw(maybe),
            prior_funding_usd=draw(amounts),
        )
        for i in range(n)
    ]


weights = (
    st.tuples(*[st.floats(0, 10) for _ in range(4)])
    .filter(lambda w: sum(w) > 0)
    .map(lambda w: Weights(*w))
)
configs = st.builds(ScoreConfig, st.sampled_from(list(Method)), st.sampled_from(list(Missing)))


@settings(max_examples=150, deadline=None)
@given(indicator_sets(), weights, configs)
def test_scores_stay_within_zero_and_one_and_ignore_input_order(
    countries: list[CountryIndicators], w: Weights, config: ScoreConfig
) -> None:
    first = score(countries, w, config)
    again = score(list(reversed(countries)), w, config)
    assert first == again
    assert [s.rank for s in first] == list(range(1, len(countries) + 1))
    for s in first:
        assert 0 <= s.total <= 1
        assert (
            s.total == sum(c.contribution for c in s.components)
            or abs(s.total - sum(c.contribution for c in s.components)) < 1e-9
        )
        for c in s.components:
            assert c.value is None or 0 <= c.value <= 1
            assert all(p.value is None or 0 <= p.value <= 1 for p in c.parts)
        assert abs(sum(c.effective_weight for c in s.components) - 1) < 1e-9
        unknown = {m.split(":")[0] for m in s.missing}
        for c in s.components:
            if all(p.value is None for p in c.parts):
                assert c.name in unknown
                assert c.note


def best_by_enumeration(problem: Problem) -> float | None:
    """The best objective over every choice of funded cells, each solved as an LP; None when
    a required or fixed award sits on a cell the law closes (no allocation may fund it)."""
    open_keys = {(c.iso3, problem.programs[i].key) for c, i in open_cells(problem)}
    demanded = set(problem.constraints.required) | {
        cell for cell, amount in problem.constraints.fixed.items() if amount > 0
    }
    if demanded - open_keys:
        return None
    model = build(problem)
    n, segments = len(model.cells), model.segments
    ys = np.arange(n * segments, n * segments + n, dtype=np.int32)
    best = None
    for choice in itertools.product([0.0, 1.0], repeat=n):
        on = np.array(choice)
        lower = np.asarray(model.lp.col_lower_)[ys]
        if np.any(on < lower):
            continue
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.passModel(model.lp)
        highs.changeColsIntegrality(n, ys, np.zeros(n, dtype=np.uint8))
        highs.changeColsBounds(n, ys, on, on)
        highs.run()
        if highs.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            value = highs.getInfo().objective_function_value * SCALE
            best = value if best is None else max(best, value)
    return best


@settings(max_examples=40, deadline=None)
@given(problems().filter(lambda p: len(p.countries) * len(p.programs) <= 6))
def test_the_allocation_is_within_the_stated_gap_of_the_best_by_exhaustive_search(
    problem: Problem,
) -> None:
    best = best_by_enumeration(problem)
    try:
        result = optimize(problem)
    except Infeasible:
        assert best is None
        return
    assert best is not None
    assert result.objective >= best * (1 - MIP_GAP) - 1e-6
    assert result.objective <= best + 1e-6 * max(1.0, abs(best))
