"""Allocate a budget across countries and program types with HiGHS.

``optimize(problem)`` checks the problem for conflicts that need no solver (see
``diagnose``), solves the mixed-integer program of ``model``, then solves the linear
program again with the chosen awards held fixed, to read how much each constraint is
worth (its shadow price) and how much room it has left. The result explains itself:
which constraints bind and, per country, why it got what it got (``explain``).

Nothing is returned half-way: a problem that cannot be met raises ``Infeasible``, whose
message names the constraints and the numbers; bad input raises ``TargetingInputError``.
"""

from __future__ import annotations

import time

import numpy as np
from highspy._core import HighsModelStatus, HighsVarType, _Highs

from tipmon.assistance.targeting.diagnose import diagnose, explain_conflict
from tipmon.assistance.targeting.explain import describe
from tipmon.assistance.targeting.model import SCALE, Model, Solved, build
from tipmon.assistance.targeting.problem import Problem
from tipmon.assistance.targeting.result import Allocation
from tipmon.assistance.targeting.vocabulary import Infeasible

#: Relative optimality gap accepted: no allocation is worth more than 0.01% above ours.
MIP_GAP = 1e-4
EPSILON = 1e-7  # thousands of dollars: a hundredth of a cent
FEASIBLE = {HighsModelStatus.kOptimal, HighsModelStatus.kTimeLimit}


def _solver(time_limit: float) -> _Highs:
    # The bare solver class: the Python wrapper adds callback threads and prints a banner.
    highs = _Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", MIP_GAP)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    return highs


def feasible(problem: Problem, drop: frozenset[str], time_limit: float = 5.0) -> bool | None:
    """Whether the problem without the dropped row groups has any solution (None: unknown)."""
    model = build(problem, drop)
    model.lp.col_cost_ = np.zeros(model.lp.num_col_)
    highs = _solver(time_limit)
    highs.passModel(model.lp)
    highs.run()
    status = highs.getModelStatus()
    if status == HighsModelStatus.kInfeasible:
        return False
    return True if status == HighsModelStatus.kOptimal else None


def _amounts(highs: _Highs, model: Model) -> np.ndarray:
    n, segments = len(model.cells), model.segments
    cols = np.array(highs.getSolution().col_value, dtype=float)
    amounts: np.ndarray = cols[: n * segments].reshape(n, segments).sum(axis=1)
    return amounts


def _choices(highs: _Highs, model: Model, ys: np.ndarray) -> list[np.ndarray]:
    """Two ways to turn the LP relaxation into whole awards, the first usually best.

    A cell the relaxation funds below its smallest award (usually the one marginal cell
    where the budget runs out) is either raised to that award, the money coming from the
    cheapest dollars elsewhere, or dropped.
    """
    amounts = _amounts(highs, model)
    must = np.asarray(model.lp.col_lower_)[ys] > 0.5
    funded = amounts > EPSILON
    full = funded & (amounts >= model.least - EPSILON)
    up = (funded | must).astype(float)
    down = (full | must).astype(float)
    return [up] if np.array_equal(up, down) else [up, down]


def _fixed_value(highs: _Highs, ys: np.ndarray, on: np.ndarray) -> float | None:
    highs.changeColsBounds(len(ys), ys, on, on)
    highs.run()
    if highs.getModelStatus() != HighsModelStatus.kOptimal:
        return None
    return float(highs.getInfo().objective_function_value)


def solve(model: Model, time_limit: float) -> Solved | None:
    """Solve for the awards, then the LP with the awards fixed; None when none exists.

    The LP relaxation (each cell's binary allowed between 0 and 1) bounds every
    allocation from above. Its funded cells are turned into whole awards (``_choices``)
    and the LP solved again with that choice fixed; when the result is within ``MIP_GAP``
    of the bound it is kept, since no allocation can be worth more by more than that.
    Otherwise HiGHS runs its branch-and-bound and the LP is solved with its choice fixed.
    """
    n, segments = len(model.cells), model.segments
    ys = np.arange(n * segments, n * segments + n, dtype=np.int32)
    lower = np.asarray(model.lp.col_lower_)[ys].copy()
    upper = np.asarray(model.lp.col_upper_)[ys].copy()
    continuous = np.full(n, HighsVarType.kContinuous, dtype=np.uint8)
    highs = _solver(time_limit)
    highs.passModel(model.lp)
    highs.changeColsIntegrality(n, ys, continuous)
    highs.run()
    if highs.getModelStatus() == HighsModelStatus.kInfeasible:
        return None
    status, gap = "Optimal", 1.0
    if highs.getModelStatus() == HighsModelStatus.kOptimal:
        bound = float(highs.getInfo().objective_function_value)
        for on in _choices(highs, model, ys):
            value = _fixed_value(highs, ys, on)
            if value is not None:
                gap = max(0.0, (bound - value) / max(abs(bound), 1e-9))
                if gap <= MIP_GAP:
                    break
    if gap > MIP_GAP:
        highs.changeColsBounds(n, ys, lower, upper)
        highs.changeColsIntegrality(n, ys, np.full(n, HighsVarType.kInteger, dtype=np.uint8))
        highs.run()
        if highs.getModelStatus() not in FEASIBLE or not highs.getSolution().value_valid:
            return None
        status = highs.modelStatusToString(highs.getModelStatus())
        gap = float(highs.getInfo().mip_gap)
        on = np.round(np.array(highs.getSolution().col_value, dtype=float)[n * segments :])
        highs.changeColsIntegrality(n, ys, continuous)
        highs.changeColsBounds(n, ys, on, on)
        highs.run()
        if highs.getModelStatus() != HighsModelStatus.kOptimal:
            return None
    solution = highs.getSolution()
    amounts = _amounts(highs, model) * SCALE if n else np.zeros(0)
    amounts = np.where(on > 0.5, np.round(amounts, 2), 0.0)
    return Solved(
        amounts=amounts,
        row_levels=np.array(solution.row_value, dtype=float) * SCALE,
        row_duals=np.abs(np.array(solution.row_dual, dtype=float)),
        objective=float(highs.getInfo().objective_function_value) * SCALE,
        status=status,
        mip_gap=gap,
    )


def optimize(problem: Problem, time_limit: float = 10.0) -> Allocation:
    """The best allocation for ``problem``, explained; raises ``Infeasible`` if none."""
    conflicts = diagnose(problem)
    if conflicts:
        raise Infeasible(conflicts)
    started = time.perf_counter()
    model = build(problem)
    solved = solve(model, time_limit)
    if solved is None:
        raise Infeasible(explain_conflict(problem, lambda drop: feasible(problem, drop)))
    return describe(problem, model, solved, time.perf_counter() - started)
