"""A transparent country score: need, will, capacity and funding gap, each on 0-1.

Every component is built from named parts; each part states its raw value, its value on
0-1, how it was normalised and where the raw value came from. The total is the weighted
sum of the components, and the contribution of each is shown, so a reader can see why a
country ranks where it does.

Directions (higher is always "more deserving of funding"):

- need: victims detected (UNODC) and the severity of the current tier;
- will: the tier trajectory over the last years (improving scores high) and the share of
  prior recommendations the government implemented;
- capacity: an analyst's 0-1 judgement of the ability to absorb and use assistance;
- funding gap: the reverse of funding already given in the last years.

Missing data is never read as zero. A part without data is left out of its component and
shown as missing; a component without any part is either left out of the total, its
weight shared among the others (``Missing.REWEIGHT``), or set to the midpoint 0.5
(``Missing.MIDPOINT``, the default: with the bundled data, sharing the weight put
countries known by a single indicator at the top). Either way the result lists what was
missing, and ``coverage`` says how much of the weight rests on data (1 = every part of
every weighted component known), so a high score built on one indicator shows as such.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tipmon.assistance.targeting.vocabulary import Bureau, TargetingInputError
from tipmon.tiers.rules import Tier

#: Severity of the current tier on a fixed 0-1 scale (Special Case has no place on it).
TIER_SEVERITY: dict[Tier, float] = {
    Tier.TIER_1: 0.0,
    Tier.TIER_2: 1 / 3,
    Tier.TIER_2_WATCH_LIST: 2 / 3,
    Tier.TIER_3: 1.0,
}
COMPONENTS = ("need", "will", "capacity", "funding_gap")


class Method(StrEnum):
    """How a count is put on 0-1 across the set of countries scored together."""

    MINMAX = "min-max"
    RANK = "rank"


class Missing(StrEnum):
    """What a component without any data becomes."""

    REWEIGHT = "reweight"
    MIDPOINT = "midpoint"


@dataclass(frozen=True, slots=True)
class Weights:
    """User-editable weights; non-negative, finite, not all zero. Normalised to sum 1."""

    need: float = 0.4
    will: float = 0.25
    capacity: float = 0.15
    funding_gap: float = 0.2

    def __post_init__(self) -> None:
        for name in COMPONENTS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TargetingInputError(f"weight {name!r} must be a number, not {value!r}")
            if not math.isfinite(value) or value < 0:
                raise TargetingInputError(f"weight {name!r} must be 0 or more, not {value!r}")
        if sum(self.as_dict().values()) == 0:
            raise TargetingInputError("at least one weight must be above 0")

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in COMPONENTS}

    def normalised(self) -> dict[str, float]:
        raw = self.as_dict()
        total = sum(raw.values())
        return {name: value / total for name, value in raw.items()}


@dataclass(frozen=True, slots=True)
class ScoreConfig:
    """How the parts are normalised and what missing data becomes."""

    method: Method = Method.MINMAX
    missing: Missing = Missing.MIDPOINT
    trajectory_years: int = 5
    reference_year: int | None = None

    def __post_init__(self) -> None:
        if self.trajectory_years < 2:
            raise TargetingInputError("trajectory_years must be 2 or more")


@dataclass(frozen=True, slots=True)
class CountryIndicators:
    """What is known about one country; ``None`` means no data, never zero.

    ``sources`` maps a part name (``victims``, ``tier``, ``trajectory``,
    ``recommendations``, ``capacity``, ``prior_funding``) to a citation of where the raw
    value came from (dataset, edition, row).
    """

    iso3: str
    name: str
    bureau: Bureau
    tier: Tier | None = None
    tier_history: Mapping[int, Tier] = field(default_factory=dict)
    victims_detected: float | None = None
    recommendations_implemented: float | None = None
    capacity: float | None = None
    prior_funding_usd: float | None = None
    t3_waiver: bool = False
    t3_waived_programs: frozenset[str] = frozenset()
    sources: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.iso3 or len(self.iso3) != 3 or not self.iso3.isalpha():
            raise TargetingInputError(f"country code {self.iso3!r} is not three letters")
        for name in ("victims_detected", "prior_funding_usd"):
            _check_number(self.iso3, name, getattr(self, name), upper=None)
        for name in ("recommendations_implemented", "capacity"):
            _check_number(self.iso3, name, getattr(self, name), upper=1.0)


def _check_number(iso3: str, name: str, value: float | None, upper: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TargetingInputError(f"{iso3}: {name} must be a finite number, not {value!r}")
    if value < 0 or (upper is not None and value > upper):
        bounds = f"between 0 and {upper:g}" if upper is not None else "0 or more"
        raise TargetingInputError(f"{iso3}: {name} must be {bounds}, not {value!r}")


@dataclass(frozen=True, slots=True)
class Part:
    """One indicator inside a component: raw value, its 0-1 value and how it got there."""

    name: str
    raw: str
    value: float | None
    method: str
    source: str | None


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    weight: float
    effective_weight: float
    value: float | None
    contribution: float
    parts: tuple[Part, ...]
    note: str


@dataclass(frozen=True, slots=True)
class CountryScore:
    iso3: str
    name: str
    bureau: Bureau
    total: float
    rank: int
    components: tuple[Component, ...]
    missing: tuple[str, ...]
    coverage: float

    def explain(self) -> str:
        """One sentence per component: value, weight and contribution."""
        lines = [
            f"{self.name} ({self.iso3}): score {self.total:.3f}, rank {self.rank}; "
            f"{self.coverage:.0%} of the weight rests on data."
        ]
        for c in self.components:
            shown = "no data" if c.value is None else f"{c.value:.2f}"
            lines.append(
                f"{c.name}: {shown} x weight {c.effective_weight:.2f} = {c.contribution:.3f}"
                + (f" ({c.note})" if c.note else "")
            )
        return "\n".join(lines)


def normalise(values: Mapping[str, float], method: Method) -> dict[str, float]:
    """Put values on 0-1 across the set; identical values all get 0.5 (nothing to tell)."""
    if not values:
        return {}
    if method is Method.MINMAX:
        low, high = min(values.values()), max(values.values())
        if high == low:
            return dict.fromkeys(values, 0.5)
        return {key: (v - low) / (high - low) for key, v in values.items()}
    ordered = sorted(values.values())
    if len(ordered) == 1 or ordered[0] == ordered[-1]:
        return dict.fromkeys(values, 0.5)
    positions: dict[float, list[int]] = {}
    for index, v in enumerate(ordered):
        positions.setdefault(v, []).append(index)
    span = len(ordered) - 1
    return {key: sum(positions[v]) / len(positions[v]) / span for key, v in values.items()}


def _method_text(method: Method, subject: str) -> str:
    if method is Method.MINMAX:
        return f"log(1 + {subject}), min-max over the countries scored"
    return f"{subject}, percentile rank over the countries scored (ties share a rank)"


def trajectory(history: Mapping[int, Tier], reference_year: int, years: int) -> float | None:
    """Tier movement over the window on a fixed scale: 1 = three steps up, 0 = three down.

    Compares the first and last placements within ``[reference_year - years + 1,
    reference_year]`` on the ladder Tier 1 < Tier 2 < Watch List < Tier 3; Special Case
    years are skipped. Fewer than two placements gives ``None``.
    """
    window = sorted(
        (y, t)
        for y, t in history.items()
        if reference_year - years < y <= reference_year and t in TIER_SEVERITY
    )
    if len(window) < 2:
        return None
    steps = (TIER_SEVERITY[window[0][1]] - TIER_SEVERITY[window[-1][1]]) * 3
    return (steps + 3) / 6


def score(
    countries: Sequence[CountryIndicators],
    weights: Weights | None = None,
    config: ScoreConfig | None = None,
) -> tuple[CountryScore, ...]:
    """Score every country against the others; sorted best first (ties by ISO3 code)."""
    weights = weights or Weights()
    config = config or ScoreConfig()
    codes = [c.iso3 for c in countries]
    if len(set(codes)) != len(codes):
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        raise TargetingInputError(f"countries listed twice: {', '.join(duplicates)}")
    reference = config.reference_year or max(
        (y for c in countries for y in c.tier_history), default=0
    )
    victims = _scaled(countries, lambda c: c.victims_detected, config.method)
    funding = _scaled(countries, lambda c: c.prior_funding_usd, config.method)
    unranked = [
        _one(c, weights, config, reference, victims.get(c.iso3), funding.get(c.iso3))
        for c in countries
    ]
    ordered = sorted(unranked, key=lambda s: (-s.total, s.iso3))
    return tuple(
        CountryScore(s.iso3, s.name, s.bureau, s.total, i, s.components, s.missing, s.coverage)
        for i, s in enumerate(ordered, start=1)
    )


def _scaled(
    countries: Sequence[CountryIndicators],
    pick: Callable[[CountryIndicators], float | None],
    method: Method,
) -> dict[str, float]:
    raw = {c.iso3: v for c in countries if (v := pick(c)) is not None}
    if method is Method.MINMAX:
        raw = {k: math.log1p(v) for k, v in raw.items()}
    return normalise(raw, method)


def _source(c: CountryIndicators, key: str) -> str | None:
    return c.sources.get(key)


def _parts(
    c: CountryIndicators,
    config: ScoreConfig,
    reference: int,
    victims: float | None,
    funding: float | None,
) -> dict[str, tuple[Part, ...]]:
    def count(v: float | None, unit: str) -> str:
        return "no data" if v is None else f"{v:,.0f} {unit}"

    share = "share as given (0-1)"
    move = trajectory(c.tier_history, reference, config.trajectory_years)
    return {
        "need": (
            Part(
                "victims detected",
                count(c.victims_detected, "victims"),
                victims,
                _method_text(config.method, "victims"),
                _source(c, "victims"),
            ),
            Part(
                "tier severity",
                c.tier.value if c.tier else "no data",
                TIER_SEVERITY.get(c.tier) if c.tier else None,
                "fixed scale: Tier 1 = 0, Tier 2 = 1/3, Watch List = 2/3, Tier 3 = 1",
                _source(c, "tier"),
            ),
        ),
        "will": (
            Part(
                "tier trajectory",
                f"{config.trajectory_years} years to {reference}",
                move,
                "fixed scale: (steps up - steps down + 3) / 6 between first and last year",
                _source(c, "trajectory"),
            ),
            Part(
                "recommendations implemented",
                "no data"
                if c.recommendations_implemented is None
                else f"{c.recommendations_implemented:.0%}",
                c.recommendations_implemented,
                share,
                _source(c, "recommendations"),
            ),
        ),
        "capacity": (
            Part(
                "capacity",
                "no data" if c.capacity is None else f"{c.capacity:.2f}",
                c.capacity,
                share,
                _source(c, "capacity"),
            ),
        ),
        "funding_gap": (
            Part(
                "prior funding",
                count(c.prior_funding_usd, "USD"),
                None if funding is None else 1 - funding,
                "1 - " + _method_text(config.method, "prior funding"),
                _source(c, "prior_funding"),
            ),
        ),
    }


def _one(
    c: CountryIndicators,
    weights: Weights,
    config: ScoreConfig,
    reference: int,
    victims: float | None,
    funding: float | None,
) -> CountryScore:
    share = weights.normalised()
    parts = _parts(c, config, reference, victims, funding)
    values: dict[str, float | None] = {}
    missing: list[str] = []
    for name in COMPONENTS:
        known = [p.value for p in parts[name] if p.value is not None]
        missing += [f"{name}: {p.name}" for p in parts[name] if p.value is None]
        values[name] = sum(known) / len(known) if known else None
    effective = dict(share)
    notes = dict.fromkeys(COMPONENTS, "")
    absent = [n for n in COMPONENTS if values[n] is None]
    present = sum(share[n] for n in COMPONENTS if n not in absent)
    if absent and (config.missing is Missing.MIDPOINT or present == 0):
        for name in absent:
            values[name] = 0.5
            notes[name] = "no data: set to the midpoint 0.5"
    elif absent:
        for name in COMPONENTS:
            if name in absent:
                effective[name] = 0.0
                notes[name] = "no data: left out, its weight shared among the others"
            else:
                effective[name] = share[name] / present
    components = tuple(
        Component(
            name=name,
            weight=share[name],
            effective_weight=effective[name],
            value=values[name],
            contribution=effective[name] * (values[name] or 0.0),
            parts=parts[name],
            note=notes[name],
        )
        for name in COMPONENTS
    )
    total = min(1.0, max(0.0, sum(x.contribution for x in components)))
    coverage = sum(
        share[n] * sum(p.value is not None for p in parts[n]) / len(parts[n]) for n in COMPONENTS
    )
    return CountryScore(
        c.iso3, c.name, c.bureau, total, 0, components, tuple(missing), min(1.0, coverage)
    )
