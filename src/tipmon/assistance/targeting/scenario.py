"""Scenarios as data: saved as JSON, run against country data, compared side by side.

A ``Scenario`` holds everything a user chooses (weights, scoring method, program types,
budget and constraints, returns curve); the country data comes from elsewhere.
``Scenario.to_dict`` and ``Scenario.from_dict`` round-trip through JSON, and
``from_dict`` refuses unknown keys and wrong types with a message naming the field.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tipmon.assistance.targeting.optimize import optimize
from tipmon.assistance.targeting.problem import (
    Cell,
    Constraints,
    CountryTarget,
    Problem,
    ProgramType,
    Returns,
)
from tipmon.assistance.targeting.result import Allocation
from tipmon.assistance.targeting.score import (
    CountryIndicators,
    CountryScore,
    Method,
    Missing,
    ScoreConfig,
    Weights,
    score,
)
from tipmon.assistance.targeting.vocabulary import Bureau, Channel, TargetingInputError

SCHEMA_VERSION = 1
CONSTRAINT_FIELDS = {
    "budget",
    "regional_floors",
    "country_caps",
    "default_country_cap",
    "fixed",
    "required",
    "forbidden",
    "withhold_tier3_government",
}


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    weights: Weights
    programs: tuple[ProgramType, ...]
    constraints: Constraints
    score_config: ScoreConfig = field(default_factory=ScoreConfig)
    returns: Returns = field(default_factory=Returns)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise TargetingInputError("a scenario needs a name")

    def to_dict(self) -> dict[str, Any]:
        c = self.constraints
        return {
            "version": SCHEMA_VERSION,
            "name": self.name,
            "weights": self.weights.as_dict(),
            "score": {
                "method": self.score_config.method.value,
                "missing": self.score_config.missing.value,
                "trajectory_years": self.score_config.trajectory_years,
                "reference_year": self.score_config.reference_year,
            },
            "returns": {"segments": self.returns.segments, "decay": self.returns.decay},
            "programs": [
                {
                    "key": p.key,
                    "label": p.label,
                    "channel": p.channel.value,
                    "min_award": p.min_award,
                    "max_award": p.max_award,
                    "priority": p.priority,
                }
                for p in self.programs
            ],
            "constraints": {
                "budget": c.budget,
                "regional_floors": {b.value: v for b, v in sorted(c.regional_floors.items())},
                "country_caps": dict(sorted(c.country_caps.items())),
                "default_country_cap": c.default_country_cap,
                "fixed": [
                    {"country": i, "program": k, "amount": v}
                    for (i, k), v in sorted(c.fixed.items())
                ],
                "required": [{"country": i, "program": k} for i, k in sorted(c.required)],
                "forbidden": [{"country": i, "program": k} for i, k in sorted(c.forbidden)],
                "withhold_tier3_government": c.withhold_tier3_government,
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Rebuild a scenario from ``to_dict`` output; a clear error for anything else."""
        d = _Reader(data, "scenario")
        d.keys({"version", "name", "weights", "score", "returns", "programs", "constraints"})
        if d.get("version", int, SCHEMA_VERSION) != SCHEMA_VERSION:
            raise TargetingInputError(f"scenario: version must be {SCHEMA_VERSION}")
        w = d.sub("weights")
        w.keys({"need", "will", "capacity", "funding_gap"})
        weights = Weights(**{k: w.number(k) for k in ("need", "will", "capacity", "funding_gap")})
        s = d.sub("score", optional=True)
        s.keys({"method", "missing", "trajectory_years", "reference_year"})
        config = ScoreConfig(
            method=s.choice("method", Method, Method.MINMAX),
            missing=s.choice("missing", Missing, Missing.MIDPOINT),
            trajectory_years=s.get("trajectory_years", int, 5),
            reference_year=s.get("reference_year", int, None),
        )
        r = d.sub("returns", optional=True)
        r.keys({"segments", "decay"})
        returns = Returns(r.get("segments", int, 4), r.number("decay", 0.6))
        programs = tuple(_program(p) for p in d.items("programs"))
        return cls(
            name=d.get("name", str),
            weights=weights,
            programs=programs,
            constraints=_constraints(d.sub("constraints")),
            score_config=config,
            returns=returns,
        )


class _Reader:
    """Typed access to one JSON object, with errors that name the path."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, Mapping):
            raise TargetingInputError(f"{path} must be an object")
        self.data, self.path = data, path

    def keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise TargetingInputError(f"{self.path}: unknown field {unknown[0]!r}")

    def get(self, key: str, kind: type, default: Any = ...) -> Any:
        if key not in self.data or (self.data[key] is None and default is None):
            if default is ...:
                raise TargetingInputError(f"{self.path}.{key} is required")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TargetingInputError(f"{self.path}.{key} must be {kind.__name__}")
        return value

    def number(self, key: str, default: Any = ...) -> Any:
        value = self.get(key, object, default)
        if value is None and default is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TargetingInputError(f"{self.path}.{key} must be a number")
        if not math.isfinite(value):
            raise TargetingInputError(f"{self.path}.{key} must be a finite number")
        return float(value)

    def choice(self, key: str, kind: Any, default: Any) -> Any:
        raw = self.get(key, str, default.value)
        try:
            return kind(raw)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise TargetingInputError(f"{self.path}.{key} must be one of: {allowed}") from None

    def sub(self, key: str, optional: bool = False) -> _Reader:
        return _Reader(self.get(key, Mapping, {} if optional else ...), f"{self.path}.{key}")

    def items(self, key: str, optional: bool = False) -> list[_Reader]:
        values = self.get(key, list, [] if optional else ...)
        return [_Reader(v, f"{self.path}.{key}[{i}]") for i, v in enumerate(values)]

    def numbers(self, key: str) -> dict[str, float]:
        sub = self.sub(key, optional=True)
        return {k: sub.number(k) for k in sub.data}


def _program(p: _Reader) -> ProgramType:
    p.keys({"key", "label", "channel", "min_award", "max_award", "priority"})
    return ProgramType(
        key=p.get("key", str),
        label=p.get("label", str),
        channel=p.choice("channel", Channel, Channel.CIVIL_SOCIETY),
        min_award=p.number("min_award"),
        max_award=p.number("max_award"),
        priority=p.number("priority", 1.0),
    )


def _cells(c: _Reader, key: str, amount: bool = False) -> dict[Cell, float]:
    out: dict[Cell, float] = {}
    for item in c.items(key, optional=True):
        item.keys({"country", "program", "amount"} if amount else {"country", "program"})
        cell = (item.get("country", str), item.get("program", str))
        out[cell] = item.number("amount") if amount else 0.0
    return out


def _constraints(c: _Reader) -> Constraints:
    c.keys(CONSTRAINT_FIELDS)
    floors = c.numbers("regional_floors")
    for key in floors:
        if key not in Bureau.__members__:
            allowed = ", ".join(Bureau)
            raise TargetingInputError(f"{c.path}.regional_floors: {key!r} is not one of {allowed}")
    return Constraints(
        budget=c.number("budget"),
        regional_floors={Bureau(k): v for k, v in floors.items()},
        country_caps=c.numbers("country_caps"),
        default_country_cap=c.number("default_country_cap", None),
        fixed=_cells(c, "fixed", amount=True),
        required=frozenset(_cells(c, "required")),
        forbidden=frozenset(_cells(c, "forbidden")),
        withhold_tier3_government=c.get("withhold_tier3_government", bool, True),
    )


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    scenario: Scenario
    scores: tuple[CountryScore, ...]
    allocation: Allocation


def targets(
    countries: Sequence[CountryIndicators], scores: Sequence[CountryScore]
) -> tuple[CountryTarget, ...]:
    """The optimizer's view of each country, in the input order."""
    by_code = {s.iso3: s.total for s in scores}
    return tuple(
        CountryTarget(
            iso3=c.iso3,
            name=c.name,
            bureau=c.bureau,
            score=by_code[c.iso3],
            tier=c.tier,
            t3_waiver=c.t3_waiver,
            t3_waived_programs=c.t3_waived_programs,
        )
        for c in countries
    )


def run(
    scenario: Scenario, countries: Sequence[CountryIndicators], time_limit: float = 10.0
) -> ScenarioResult:
    """Score the countries with the scenario's weights, then allocate its budget."""
    scores = score(countries, scenario.weights, scenario.score_config)
    problem = Problem(
        targets(countries, scores), scenario.programs, scenario.constraints, scenario.returns
    )
    return ScenarioResult(scenario, scores, optimize(problem, time_limit))


@dataclass(frozen=True, slots=True)
class Line:
    """One row of a comparison: a country, bureau or program type under A and under B."""

    key: str
    label: str
    a: float
    b: float

    @property
    def difference(self) -> float:
        return self.b - self.a


@dataclass(frozen=True, slots=True)
class Comparison:
    name_a: str
    name_b: str
    countries: tuple[Line, ...]
    bureaus: tuple[Line, ...]
    programs: tuple[Line, ...]
    total: Line
    binding_a: tuple[str, ...]
    binding_b: tuple[str, ...]

    def changed(self) -> tuple[Line, ...]:
        """Countries whose allocation differs by a dollar or more, biggest change first."""
        moved = [line for line in self.countries if abs(line.difference) >= 1]
        return tuple(sorted(moved, key=lambda line: (-abs(line.difference), line.key)))


def compare(a: ScenarioResult, b: ScenarioResult) -> Comparison:
    """Side by side: per country, per bureau, per program type, in total; B minus A."""
    names = {s.iso3: s.name for s in (*a.scores, *b.scores)}

    def lines(
        x: dict[str, float], y: dict[str, float], label: Mapping[str, str]
    ) -> tuple[Line, ...]:
        keys = sorted(set(x) | set(y))
        return tuple(Line(k, label.get(k, k), x.get(k, 0.0), y.get(k, 0.0)) for k in keys)

    programs = {p.key: p.label for p in (*a.scenario.programs, *b.scenario.programs)}
    bureaus = {b.value: b.label for b in Bureau}
    return Comparison(
        name_a=a.scenario.name,
        name_b=b.scenario.name,
        countries=lines(a.allocation.by_country(), b.allocation.by_country(), names),
        bureaus=lines(a.allocation.by_bureau(), b.allocation.by_bureau(), bureaus),
        programs=lines(a.allocation.by_program(), b.allocation.by_program(), programs),
        total=Line("total", "Total", a.allocation.total, b.allocation.total),
        binding_a=tuple(c.name for c in a.allocation.binding()),
        binding_b=tuple(c.name for c in b.allocation.binding()),
    )
