"""What the optimizer gives back: awards, constraint report, reasons per country."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from tipmon.assistance.targeting.vocabulary import Bureau, Channel


@dataclass(frozen=True, slots=True)
class Award:
    """One cell of the allocation. ``amount`` is 0 for an unfunded or closed cell.

    ``status`` is one of ``closed`` (barred by law or the scenario), ``none``, ``min``
    (exactly the minimum award), ``max`` (the maximum award), ``between``.
    """

    iso3: str
    program: str
    bureau: Bureau
    channel: Channel
    amount: float
    status: str
    reason: str


@dataclass(frozen=True, slots=True)
class ConstraintReport:
    """A constraint at the solution: its level, its bound, the slack and whether it binds.

    ``shadow_price`` is the value (score-weighted dollars, see docs/targeting.md) of one
    more dollar of room in the constraint, read from the linear program solved with the
    chosen awards held fixed; ``None`` where it means nothing (a constraint that is slack).
    """

    name: str
    kind: str
    description: str
    level: float
    bound: float
    slack: float
    binding: bool
    shadow_price: float | None


@dataclass(frozen=True, slots=True)
class CountryOutcome:
    iso3: str
    name: str
    bureau: Bureau
    score: float
    total: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Allocation:
    """A solved allocation; ``marginal_value`` is the value of the budget's last dollar."""

    awards: tuple[Award, ...]
    countries: tuple[CountryOutcome, ...]
    constraints: tuple[ConstraintReport, ...]
    budget: float
    objective: float
    marginal_value: float
    status: str
    mip_gap: float
    solve_seconds: float

    @property
    def total(self) -> float:
        return sum(a.amount for a in self.awards)

    def amount(self, iso3: str, program: str) -> float:
        return next((a.amount for a in self.awards if (a.iso3, a.program) == (iso3, program)), 0.0)

    def by_country(self) -> dict[str, float]:
        return _sum_by(self.awards, lambda a: a.iso3)

    def by_bureau(self) -> dict[str, float]:
        return _sum_by(self.awards, lambda a: a.bureau.value)

    def by_program(self) -> dict[str, float]:
        return _sum_by(self.awards, lambda a: a.program)

    def binding(self) -> tuple[ConstraintReport, ...]:
        return tuple(c for c in self.constraints if c.binding)

    def outcome(self, iso3: str) -> CountryOutcome:
        return next(c for c in self.countries if c.iso3 == iso3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget": self.budget,
            "total": self.total,
            "objective": self.objective,
            "marginal_value": self.marginal_value,
            "status": self.status,
            "mip_gap": self.mip_gap,
            "solve_seconds": self.solve_seconds,
            "awards": [
                {
                    "country": a.iso3,
                    "program": a.program,
                    "bureau": a.bureau.value,
                    "channel": a.channel.value,
                    "amount": a.amount,
                    "status": a.status,
                    "reason": a.reason,
                }
                for a in self.awards
                if a.amount > 0 or a.status == "closed"
            ],
            "countries": [
                {
                    "country": c.iso3,
                    "name": c.name,
                    "bureau": c.bureau.value,
                    "score": c.score,
                    "total": c.total,
                    "reasons": list(c.reasons),
                }
                for c in self.countries
            ],
            "constraints": [
                {
                    "name": c.name,
                    "kind": c.kind,
                    "description": c.description,
                    "level": c.level,
                    "bound": c.bound,
                    "slack": c.slack,
                    "binding": c.binding,
                    "shadow_price": c.shadow_price,
                }
                for c in self.constraints
            ],
        }


def _sum_by(awards: tuple[Award, ...], key: Any) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for a in awards:
        totals[key(a)] += a.amount
    return dict(sorted(totals.items()))
