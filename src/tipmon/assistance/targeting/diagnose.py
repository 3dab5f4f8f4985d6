"""Why an allocation problem has no solution, in words and numbers.

Two stages. ``diagnose`` runs before the solver and catches the conflicts simple sums
reveal: a fixed or required award in a closed cell or outside its award limits; fixed
awards and required minimums above the budget or a country's cap; a regional floor above
what the region's caps and award maximums allow; floors, fixed awards and required
minimums together above the budget. ``explain_conflict`` runs when the solver finds no
solution although those sums pass (whole awards that cannot add up to a floor, for
instance): a deletion filter drops one group of constraints at a time and keeps it out
while the rest stays infeasible, which leaves a minimal set of groups that conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from tipmon.assistance.targeting.model import required_minimum
from tipmon.assistance.targeting.problem import Cell, Problem, barred
from tipmon.assistance.targeting.vocabulary import Conflict


def _usd(value: float) -> str:
    return f"${value:,.0f}"


def _cell_conflicts(problem: Problem) -> list[Conflict]:
    cons = problem.constraints
    found: list[Conflict] = []
    for cell in sorted({*cons.fixed, *cons.required}):
        iso3, key = cell
        country, program = problem.country(iso3), problem.program(key)
        kind = "fixed" if cell in cons.fixed else "required"
        name = f"{kind}:{iso3}/{key}"
        closed = barred(country, program, cons)
        amount = cons.fixed.get(cell)
        if closed and (kind == "required" or (amount or 0) > 0):
            found.append(Conflict((name,), f"{name}: the cell is closed ({closed})."))
        elif amount and not program.min_award <= amount <= program.max_award:
            found.append(
                Conflict(
                    (name,),
                    (
                        f"{name}: {_usd(amount)} is outside the award limits of {key} "
                        f"({_usd(program.min_award)} to {_usd(program.max_award)})."
                    ),
                )
            )
    return found


def _committed(problem: Problem) -> dict[Cell, float]:
    """Money the scenario commits before any choice: fixed amounts, required minimums."""
    cons = problem.constraints
    out = dict(cons.fixed)
    for cell in cons.required:
        if cell not in out:
            out[cell] = required_minimum(problem.program(cell[1]))
    return out


def diagnose(problem: Problem) -> tuple[Conflict, ...]:
    """Conflicts found by arithmetic alone; empty when none is found."""
    cons = problem.constraints
    found = _cell_conflicts(problem)
    committed = _committed(problem)
    total = sum(committed.values())
    if total > cons.budget:
        found.append(
            Conflict(
                ("budget", "fixed", "required"),
                (
                    f"budget: {_usd(cons.budget)} is below the fixed awards and required minimum "
                    f"awards, which add up to {_usd(total)}."
                ),
            )
        )
    per_country: dict[str, float] = defaultdict(float)
    for (iso3, _key), amount in committed.items():
        per_country[iso3] += amount
    for iso3, amount in sorted(per_country.items()):
        cap = cons.cap_for(iso3)
        if cap is not None and amount > cap:
            found.append(
                Conflict(
                    (f"cap:{iso3}",),
                    (
                        f"cap:{iso3}: the country cap of {_usd(cap)} is below its fixed and "
                        f"required awards ({_usd(amount)})."
                    ),
                )
            )
    found += _floor_conflicts(problem, committed)
    return tuple(found)


def _floor_conflicts(problem: Problem, committed: dict[Cell, float]) -> list[Conflict]:
    cons = problem.constraints
    found: list[Conflict] = []
    most: dict[str, float] = defaultdict(float)
    for country in problem.countries:
        reach = sum(
            p.max_award
            for p in problem.programs
            if barred(country, p, cons) is None and cons.fixed.get((country.iso3, p.key)) is None
        ) + sum(v for (iso3, _), v in cons.fixed.items() if iso3 == country.iso3)
        cap = cons.cap_for(country.iso3)
        most[country.bureau.value] += reach if cap is None else min(cap, reach)
    need = 0.0
    bureaus = {c.bureau for c in problem.countries} | set(cons.regional_floors)
    for bureau in sorted(bureaus):
        floor = cons.regional_floors.get(bureau, 0.0)
        inside = sum(
            v for (iso3, _), v in committed.items() if problem.country(iso3).bureau is bureau
        )
        need += max(floor, inside)
        if floor > most[bureau.value]:
            found.append(
                Conflict(
                    (f"floor:{bureau.value}",),
                    (
                        f"floor:{bureau.value}: the {bureau.label} floor of {_usd(floor)} "
                        "is above the most its countries can receive "
                        f"({_usd(most[bureau.value])}, from their open programs' maximum "
                        "awards and their caps)."
                    ),
                )
            )
    floors = sum(cons.regional_floors.values())
    if floors > cons.budget:
        found.append(
            Conflict(
                ("budget", *(f"floor:{b.value}" for b in cons.regional_floors)),
                (
                    f"budget: {_usd(cons.budget)} is below the sum of the regional floors "
                    f"({_usd(floors)})."
                ),
            )
        )
    elif need > cons.budget:
        found.append(
            Conflict(
                ("budget", "floors", "fixed", "required"),
                (
                    f"budget: {_usd(cons.budget)} is below what the regional floors, fixed "
                    f"awards and required minimums need together ({_usd(need)})."
                ),
            )
        )
    return found


def groups(problem: Problem) -> list[str]:
    """The constraint groups a deletion filter may drop, in a stable order."""
    cons = problem.constraints
    out = ["budget"]
    out += [f"floor:{b.value}" for b, v in sorted(cons.regional_floors.items()) if v > 0]
    if cons.country_caps or cons.default_country_cap is not None:
        out.append("caps")
    out += [f"fixed:{i}/{k}" for i, k in sorted(cons.fixed)]
    out += [f"required:{i}/{k}" for i, k in sorted(cons.required)]
    return out


def explain_conflict(
    problem: Problem, feasible: Callable[[frozenset[str]], bool | None]
) -> tuple[Conflict, ...]:
    """A minimal set of constraint groups that cannot hold together (deletion filter)."""
    if feasible(frozenset(groups(problem))) is False:
        return (
            Conflict(
                ("award limits",),
                (
                    "award limits: even without the budget, floors, caps, fixed and "
                    "required awards no allocation exists; check the program types' "
                    "minimum and maximum awards."
                ),
            ),
        )
    kept = groups(problem)
    dropped: set[str] = set()
    for group in list(kept):
        trial = frozenset(dropped | {group})
        if feasible(trial) is False:
            dropped.add(group)
    core = [g for g in kept if g not in dropped]
    if not core:
        return (Conflict(("solver",), "solver: no allocation was found within the time limit."),)
    return (
        Conflict(
            tuple(core),
            (
                "these constraints cannot all hold at once, although each passes on its own: "
                + "; ".join(_describe_group(problem, g) for g in core)
                + ". Awards come in whole amounts between each program's minimum and maximum, "
                "so totals can miss a floor or a budget that simple sums would meet."
            ),
        ),
    )


def _describe_group(problem: Problem, group: str) -> str:
    cons = problem.constraints
    kind, _, rest = group.partition(":")
    if kind == "budget":
        return f"budget {_usd(cons.budget)}"
    if kind == "floor":
        floor = next(v for b, v in cons.regional_floors.items() if b.value == rest)
        return f"{rest} regional floor {_usd(floor)}"
    if kind == "caps":
        return "the country caps"
    if kind == "fixed":
        iso3, key = rest.split("/", 1)
        return f"{rest} fixed at {_usd(cons.fixed[(iso3, key)])}"
    return f"{rest} required (minimum {_usd(problem.program(rest.split('/', 1)[1]).min_award)})"
