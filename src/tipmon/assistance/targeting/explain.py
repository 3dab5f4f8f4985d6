"""Turn a solved model into an ``Allocation`` that says why, in plain words.

Binding constraints: after the mixed-integer solve, the awards chosen (which cells get
money) are held fixed and the linear program is solved again. In that program every
constraint has a slack (its room left at the solution) and a dual value, the shadow
price: how much value one more dollar of room would add. A constraint binds when its
slack is under one dollar. Shadow prices are exact for the fixed choice of awards; they
do not price a change in which cells are funded, which the integer program decides.

Values are "score-weighted dollars": a dollar in the first slice of an award is worth
the country's score times the program's priority; later slices are worth less
(``Returns``). The budget's shadow price is the *marginal value at the budget*: the
value of the last dollar spent. A cell whose first dollar is worth less than that
receives nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from tipmon.assistance.targeting.model import SCALE, Model, Solved
from tipmon.assistance.targeting.problem import Problem, ProgramType, barred
from tipmon.assistance.targeting.result import Allocation, Award, ConstraintReport, CountryOutcome
from tipmon.assistance.targeting.vocabulary import T3_EXCLUSIONS, T3_WAIVER, T3_WITHHOLDING
from tipmon.tiers.rules import Tier

TOLERANCE = 1.0  # dollars of slack under which a constraint counts as binding


def _usd(value: float) -> str:
    return f"${value:,.0f}"


def _reports(model: Model, solved: Solved) -> list[ConstraintReport]:
    levels, duals = solved.row_levels, solved.row_duals
    lp = model.lp
    out: list[ConstraintReport] = []
    for r, row in enumerate(model.rows):
        if row.kind in {"award maximum", "award minimum"}:
            continue
        lo, hi = lp.row_lower_[r] * SCALE, lp.row_upper_[r] * SCALE
        level = float(levels[r])
        bound = hi if hi < float("inf") else lo
        slack = min(hi - level, level - lo)
        binding = slack < TOLERANCE
        out.append(
            ConstraintReport(
                name=row.name,
                kind=row.kind,
                description=row.description,
                level=round(level, 2),
                bound=bound,
                slack=round(max(slack, 0.0), 2),
                binding=binding,
                shadow_price=float(duals[r]) if binding else None,
            )
        )
    return out


def describe(problem: Problem, model: Model, solved: Solved, seconds: float) -> Allocation:
    """The allocation with its constraint report and a reason for every cell and country."""
    amounts = {c: float(a) for c, a in zip(model.cells, solved.amounts, strict=True)}
    reports = _reports(model, solved)
    by_name = {r.name: r for r in reports}
    cons = problem.constraints
    marginal = _marginal_value(problem, amounts, by_name)
    awards: list[Award] = []
    outcomes: list[CountryOutcome] = []
    for country in problem.countries:
        cap = by_name.get(f"cap:{country.iso3}")
        capped = cap is not None and cap.binding
        reasons: list[str] = []
        mine: list[Award] = []
        for program in problem.programs:
            cell = (country.iso3, program.key)
            closed = barred(country, program, cons)
            amount = amounts.get(cell, 0.0)
            status, why = _cell(
                problem, program, country.score, cell, amount, closed, marginal, capped
            )
            mine.append(
                Award(
                    country.iso3, program.key, country.bureau, program.channel, amount, status, why
                )
            )
        awards += mine
        reasons += _country_reasons(problem, country.iso3, mine, by_name, marginal)
        outcomes.append(
            CountryOutcome(
                country.iso3,
                country.name,
                country.bureau,
                country.score,
                sum(a.amount for a in mine),
                tuple(reasons),
            )
        )
    return Allocation(
        awards=tuple(awards),
        countries=tuple(outcomes),
        constraints=tuple(reports),
        budget=cons.budget,
        objective=solved.objective,
        marginal_value=marginal,
        status=solved.status,
        mip_gap=solved.mip_gap,
        solve_seconds=seconds,
    )


def _marginal_value(
    problem: Problem, amounts: dict[tuple[str, str], float], reports: dict[str, ConstraintReport]
) -> float:
    """The value of the least valuable dollar spent by choice; 0 when money is left over.

    Read from the solution rather than from the budget's dual, which is not unique when
    the budget runs out exactly at a slice boundary. Dollars held by a fixed award or by
    a binding regional floor or country cap are not spent by choice and do not count.
    """
    budget = reports.get("budget")
    if budget is None or not budget.binding:
        return 0.0
    segments, decay = problem.returns.segments, problem.returns.decay
    held = {
        name.split(":", 1)[1]
        for name, r in reports.items()
        if r.binding and r.kind in {"regional floor", "country cap"}
    }
    values = []
    for (iso3, key), amount in amounts.items():
        country = problem.country(iso3)
        if amount <= 0 or (iso3, key) in problem.constraints.fixed:
            continue
        if iso3 in held or country.bureau.value in held:
            continue
        program = problem.program(key)
        k = min(int(amount / (program.max_award / segments) - 1e-9), segments - 1)
        values.append(country.score * program.priority * decay**k)
    return min(values) if values else budget.shadow_price or 0.0


def _next_value(problem: Problem, program: ProgramType, score: float, amount: float) -> float:
    """Value per dollar of the next dollar in this cell (0 once at the maximum)."""
    segments, decay = problem.returns.segments, problem.returns.decay
    if amount >= program.max_award - TOLERANCE:
        return 0.0
    k = min(int(amount / (program.max_award / segments) + 1e-9), segments - 1)
    return score * program.priority * decay**k


def _cell(
    problem: Problem,
    program: ProgramType,
    score: float,
    cell: tuple[str, str],
    amount: float,
    closed: str | None,
    marginal: float,
    capped: bool,
) -> tuple[str, str]:
    label = f"{program.label} ({program.channel.label})"
    if closed:
        return "closed", f"{label}: nothing; {closed}."
    first = score * program.priority
    if amount <= 0:
        if first <= 0:
            return "none", f"{label}: nothing; a score of 0 gives its money no value."
        if first < marginal:
            return "none", (
                f"{label}: nothing; its first dollar is worth {first:.3f}, below the marginal "
                f"value at the budget ({marginal:.3f})."
            )
        return "none", (
            f"{label}: nothing; its first dollar would be worth {first:.3f}, but a minimum "
            f"award of {_usd(program.min_award)} does not fit beside the awards chosen."
        )
    status = _status(program, amount)
    if cell in problem.constraints.fixed:
        return status, f"{label}: {_usd(amount)}, fixed by the scenario."
    if status == "max":
        return status, f"{label}: {_usd(amount)}, its maximum award."
    if capped:
        return status, f"{label}: {_usd(amount)}; the country cap stops further money."
    following = _next_value(problem, program, score, amount)
    if status == "min" and following >= marginal:
        return status, f"{label}: {_usd(amount)}, its minimum award."
    return status, (
        f"{label}: {_usd(amount)}; a further dollar would be worth {following:.3f}, not above "
        f"the marginal value at the budget ({marginal:.3f})."
    )


def _status(program: ProgramType, amount: float) -> str:
    if amount >= program.max_award - TOLERANCE:
        return "max"
    if abs(amount - program.min_award) < TOLERANCE:
        return "min"
    return "between"


def _country_reasons(
    problem: Problem,
    iso3: str,
    awards: Sequence[Award],
    reports: dict[str, ConstraintReport],
    marginal: float,
) -> list[str]:
    country = problem.country(iso3)
    cons = problem.constraints
    total = sum(a.amount for a in awards)
    out = [f"Score {country.score:.3f}; receives {_usd(total)}."]
    if country.tier is Tier.TIER_3 and cons.withhold_tier3_government:
        if country.t3_waiver:
            out.append(f"Tier 3 with a waiver under {T3_WAIVER.cite}: all channels are open.")
        elif any(a.status == "closed" and a.channel.value == "government" for a in awards):
            out.append(
                "Tier 3 without a waiver: government-to-government programs are barred by "
                f"{T3_WITHHOLDING.cite}; programs through civil society and humanitarian aid "
                f"stay open, since {T3_EXCLUSIONS.cite} excludes them from the restriction."
            )
    cap = reports.get(f"cap:{iso3}")
    if cap is not None and cap.binding:
        out.append(f"Its country cap of {_usd(cap.bound)} binds.")
    floor = reports.get(f"floor:{country.bureau.value}")
    if floor is not None and floor.binding and total > 0 and floor.shadow_price:
        out.append(
            f"The {country.bureau.value} regional floor of {_usd(floor.bound)} binds: money in "
            "this region is worth less at the margin than elsewhere, and the floor holds it here."
        )
    if total == 0:
        if all(a.status == "closed" for a in awards):
            out.append("Received nothing: no program type is open to it.")
        elif country.score == 0:
            out.append("Received nothing: its score is 0.")
        elif _best_first(problem, iso3) < marginal:
            out.append(
                "Received nothing because its score ranks below the marginal value at the "
                f"budget: its best first dollar is worth {_best_first(problem, iso3):.3f} "
                f"against {marginal:.3f}."
            )
        else:
            out.append(
                "Received nothing: a minimum award would displace money worth more elsewhere."
            )
    out += [a.reason for a in awards if a.amount > 0 or a.status == "closed"]
    return out


def _best_first(problem: Problem, iso3: str) -> float:
    country = problem.country(iso3)
    return max(
        (
            country.score * p.priority
            for p in problem.programs
            if barred(country, p, problem.constraints) is None
        ),
        default=0.0,
    )
