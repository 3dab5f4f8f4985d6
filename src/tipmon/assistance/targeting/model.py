"""The mixed-integer program behind the allocation, built for HiGHS.

Variables, for each open cell j (a country and program type the law and the scenario
allow): ``s[j,k]``, the dollars in slice k of the award (k = 0..segments-1, each slice
``max_award / segments`` wide), and a binary ``y[j]``, 1 when the cell gets an award.

Objective: maximise the sum of ``score * priority * decay**k * s[j,k]``. The slopes fall
with k, so the solver fills slice 0 before slice 1 without extra binaries: a concave,
piecewise-linear value of money that spreads the budget.

Rows: per cell ``sum_k s[j,k] <= max * y[j]`` and ``sum_k s[j,k] >= min * y[j]`` (the
award is 0 or within [min, max]); the budget; one floor per bureau; one cap per
country; one equality per fixed cell. Required and fixed cells have ``y`` fixed to 1.
Closed cells have no variables at all.

Money is passed to the solver in thousands of dollars to keep the numbers well scaled.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from highspy._core import HighsLp, HighsVarType, MatrixFormat, ObjSense

from tipmon.assistance.targeting.problem import (
    Cell,
    CountryTarget,
    Problem,
    ProgramType,
    barred,
)

SCALE = 1000.0
INF = float("inf")


@dataclass(frozen=True, slots=True)
class Row:
    """One constraint row: its name, kind and the group a diagnosis may drop it by."""

    name: str
    kind: str
    group: str
    description: str


@dataclass(frozen=True, slots=True)
class Model:
    lp: HighsLp
    cells: tuple[Cell, ...]
    rows: tuple[Row, ...]
    segments: int
    slopes: np.ndarray  # value per $1,000 of each slice column
    least: np.ndarray  # per cell, the smallest award in thousands of dollars

    def y(self, j: int) -> int:
        return len(self.cells) * self.segments + j


class _Rows:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.meta: list[Row] = []

    def add(self, cols: list[int], coefs: list[float], lo: float, hi: float, row: Row) -> None:
        self.starts.append(len(self.index))
        self.index += cols
        self.value += coefs
        self.lower.append(lo)
        self.upper.append(hi)
        self.meta.append(row)


def required_minimum(program: ProgramType) -> float:
    """What a required cell must get: its minimum award, and at least a dollar."""
    return max(program.min_award, 1.0)


def open_cells(problem: Problem) -> list[tuple[CountryTarget, int]]:
    """Indices into ``problem.programs`` of each country's open cells, in input order."""
    cons = problem.constraints
    return [
        (c, i)
        for c in problem.countries
        for i, p in enumerate(problem.programs)
        if barred(c, p, cons) is None
    ]


def build(problem: Problem, drop: frozenset[str] = frozenset()) -> Model:
    """The model for ``problem``; rows whose group is in ``drop`` are left out."""
    segments, decay = problem.returns.segments, problem.returns.decay
    cons = problem.constraints
    cells = open_cells(problem)
    n = len(cells)
    ncol = n * segments + n
    cost = np.zeros(ncol)
    upper = np.zeros(ncol)
    lower = np.zeros(ncol)
    upper[n * segments :] = 1.0
    rows = _Rows()
    members: dict[str, list[int]] = defaultdict(list)
    by_bureau: dict[str, list[int]] = defaultdict(list)
    keys: list[Cell] = []
    smallest: list[float] = []
    for j, (country, i) in enumerate(cells):
        program = problem.programs[i]
        cell = (country.iso3, program.key)
        keys.append(cell)
        cols = list(range(j * segments, (j + 1) * segments))
        width = program.max_award / SCALE / segments
        for k, col in enumerate(cols):
            cost[col] = country.score * program.priority * decay**k
            upper[col] = width
        members[country.iso3] += cols
        by_bureau[country.bureau.value] += cols
        y = n * segments + j
        label = f"{cell[0]}/{cell[1]}"
        rows.add(
            [*cols, y],
            [1.0] * segments + [-program.max_award / SCALE],
            -INF,
            0.0,
            Row(f"max:{label}", "award maximum", "award", f"{label} at most its maximum award"),
        )
        rows.add(
            [cols[0], y],
            [1.0, -width],
            -INF,
            0.0,
            Row(f"slice:{label}", "award maximum", "award", f"{label} first slice needs an award"),
        )
        required = cell in cons.required and f"required:{label}" not in drop
        least = required_minimum(program) if required else program.min_award
        smallest.append(least / SCALE)
        if least > 0:
            rows.add(
                [*cols, y],
                [1.0] * segments + [-least / SCALE],
                0.0,
                INF,
                Row(f"min:{label}", "award minimum", "award", f"{label} 0 or at least its minimum"),
            )
        fixed = cons.fixed.get(cell)
        if fixed is not None and f"fixed:{label}" not in drop:
            rows.add(
                cols,
                [1.0] * segments,
                fixed / SCALE,
                fixed / SCALE,
                Row(
                    f"fixed:{label}",
                    "fixed award",
                    f"fixed:{label}",
                    f"{label} fixed at ${fixed:,.0f}",
                ),
            )
            lower[y] = 1.0 if fixed > 0 else 0.0
        if required:
            lower[y] = 1.0
    all_cols = list(range(n * segments))
    if "budget" not in drop:
        rows.add(
            all_cols,
            [1.0] * len(all_cols),
            -INF,
            cons.budget / SCALE,
            Row("budget", "budget", "budget", f"total at most the budget ${cons.budget:,.0f}"),
        )
    for bureau, floor in sorted(cons.regional_floors.items()):
        name = f"floor:{bureau.value}"
        if floor > 0 and name not in drop:
            cols = by_bureau.get(bureau.value, [])
            rows.add(
                cols,
                [1.0] * len(cols),
                floor / SCALE,
                INF,
                Row(
                    name,
                    "regional floor",
                    name,
                    f"{bureau.value} ({bureau.label}) receives at least ${floor:,.0f}",
                ),
            )
    if "caps" not in drop:
        for country in problem.countries:
            cap = cons.cap_for(country.iso3)
            cols = members.get(country.iso3, [])
            if cap is not None and cols:
                rows.add(
                    cols,
                    [1.0] * len(cols),
                    -INF,
                    cap / SCALE,
                    Row(
                        f"cap:{country.iso3}",
                        "country cap",
                        "caps",
                        f"{country.iso3} receives at most ${cap:,.0f}",
                    ),
                )
    return Model(
        _lp(cost, lower, upper, rows, n, segments),
        tuple(keys),
        tuple(rows.meta),
        segments,
        cost[: n * segments].copy(),
        np.array(smallest, dtype=float),
    )


def _lp(
    cost: np.ndarray, lower: np.ndarray, upper: np.ndarray, rows: _Rows, n: int, segments: int
) -> HighsLp:
    lp = HighsLp()
    lp.num_col_ = len(cost)
    lp.num_row_ = len(rows.meta)
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.array(rows.lower, dtype=float)
    lp.row_upper_ = np.array(rows.upper, dtype=float)
    lp.sense_ = ObjSense.kMaximize
    lp.a_matrix_.format_ = MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = len(cost)
    lp.a_matrix_.num_row_ = len(rows.meta)
    lp.a_matrix_.start_ = np.array([*rows.starts, len(rows.index)], dtype=np.int32)
    lp.a_matrix_.index_ = np.array(rows.index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(rows.value, dtype=float)
    lp.integrality_ = [HighsVarType.kContinuous] * (n * segments) + [HighsVarType.kInteger] * n
    return lp


@dataclass(frozen=True, slots=True)
class Solved:
    """Raw solver output, in dollars: the amount per open cell and the row duals."""

    amounts: np.ndarray
    row_levels: np.ndarray
    row_duals: np.ndarray
    objective: float
    status: str
    mip_gap: float
