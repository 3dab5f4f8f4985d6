"""The allocation problem as data: countries, program types, constraints, returns curve.

Money is in US dollars throughout. A *cell* is one (country, program type) pair, written
``("THA", "ngo-shelters")``; an award to a cell is either nothing or between the program
type's minimum and maximum award.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from tipmon.assistance.targeting.vocabulary import (
    T3_WAIVER,
    T3_WITHHOLDING,
    Bureau,
    Channel,
    TargetingInputError,
)
from tipmon.tiers.rules import Tier

Cell = tuple[str, str]


def _money(label: str, value: float, *, positive: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TargetingInputError(f"{label} must be a finite amount in USD, not {value!r}")
    if value < 0 or (positive and value == 0):
        raise TargetingInputError(f"{label} must be {'above' if positive else 'at least'} 0")


@dataclass(frozen=True, slots=True)
class ProgramType:
    """A kind of award, its channel and the size of one award.

    ``priority`` scales the value of a dollar in this program type (1 = neutral).
    """

    key: str
    label: str
    channel: Channel
    min_award: float
    max_award: float
    priority: float = 1.0

    def __post_init__(self) -> None:
        if not self.key:
            raise TargetingInputError("a program type needs a key")
        _money(f"program {self.key!r} min_award", self.min_award)
        _money(f"program {self.key!r} max_award", self.max_award, positive=True)
        if self.min_award > self.max_award:
            raise TargetingInputError(
                f"program {self.key!r}: min_award {self.min_award:,.0f} is above "
                f"max_award {self.max_award:,.0f}"
            )
        _money(f"program {self.key!r} priority", self.priority)


@dataclass(frozen=True, slots=True)
class CountryTarget:
    """A country as the optimizer sees it: where, which tier, which waiver, what score."""

    iso3: str
    name: str
    bureau: Bureau
    score: float
    tier: Tier | None = None
    t3_waiver: bool = False
    t3_waived_programs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not (isinstance(self.score, int | float) and 0 <= self.score <= 1):
            raise TargetingInputError(f"{self.iso3}: score must be between 0 and 1")


@dataclass(frozen=True, slots=True)
class Returns:
    """Diminishing returns: each award is cut into ``segments`` equal slices of its
    maximum, and slice k is worth ``decay**k`` of the first per dollar."""

    segments: int = 4
    decay: float = 0.6

    def __post_init__(self) -> None:
        if not 1 <= self.segments <= 12:
            raise TargetingInputError("segments must be between 1 and 12")
        if not 0 < self.decay <= 1:
            raise TargetingInputError("decay must be above 0 and at most 1")


@dataclass(frozen=True, slots=True)
class Constraints:
    """Everything the allocation must respect besides the award sizes.

    ``default_country_cap`` applies to every country without its own entry in
    ``country_caps``. ``fixed`` cells get exactly their amount; ``required`` cells get at
    least the minimum award (and at least a dollar when the minimum is 0); ``forbidden``
    cells get nothing. With
    ``withhold_tier3_government`` (the default, modelling a withholding determination
    under 22 U.S.C. 7107(d)(1)), government-channel programs in Tier 3 countries get
    nothing unless the country, or that program, holds a waiver.
    """

    budget: float
    regional_floors: Mapping[Bureau, float] = field(default_factory=dict)
    country_caps: Mapping[str, float] = field(default_factory=dict)
    default_country_cap: float | None = None
    fixed: Mapping[Cell, float] = field(default_factory=dict)
    required: frozenset[Cell] = frozenset()
    forbidden: frozenset[Cell] = frozenset()
    withhold_tier3_government: bool = True

    def __post_init__(self) -> None:
        _money("budget", self.budget)
        for bureau, floor in self.regional_floors.items():
            if not isinstance(bureau, Bureau):
                raise TargetingInputError(f"regional floor for unknown bureau {bureau!r}")
            _money(f"regional floor {bureau}", floor)
        for iso3, cap in self.country_caps.items():
            _money(f"country cap {iso3}", cap)
        if self.default_country_cap is not None:
            _money("default country cap", self.default_country_cap)
        for (iso3, key), amount in self.fixed.items():
            _money(f"fixed award {iso3}/{key}", amount)
        both = self.required & self.forbidden
        if both:
            cell = sorted(both)[0]
            raise TargetingInputError(f"cell {cell[0]}/{cell[1]} is both required and forbidden")

    def cap_for(self, iso3: str) -> float | None:
        return self.country_caps.get(iso3, self.default_country_cap)


@dataclass(frozen=True, slots=True)
class Problem:
    countries: tuple[CountryTarget, ...]
    programs: tuple[ProgramType, ...]
    constraints: Constraints
    returns: Returns = Returns()

    def __post_init__(self) -> None:
        codes = [c.iso3 for c in self.countries]
        keys = [p.key for p in self.programs]
        for label, names in (("country", codes), ("program type", keys)):
            twice = sorted({n for n in names if names.count(n) > 1})
            if twice:
                raise TargetingInputError(f"{label} listed twice: {', '.join(twice)}")
        known_codes, known_keys = set(codes), set(keys)
        c = self.constraints
        cells = [*c.fixed, *c.required, *c.forbidden]
        for iso3, key in cells:
            if iso3 not in known_codes or key not in known_keys:
                raise TargetingInputError(f"cell {iso3}/{key} names an unknown country or program")
        for iso3 in c.country_caps:
            if iso3 not in known_codes:
                raise TargetingInputError(f"country cap for unknown country {iso3}")

    def program(self, key: str) -> ProgramType:
        return next(p for p in self.programs if p.key == key)

    def country(self, iso3: str) -> CountryTarget:
        return next(c for c in self.countries if c.iso3 == iso3)


def barred(country: CountryTarget, program: ProgramType, constraints: Constraints) -> str | None:
    """Why the law or the user closes this cell, or ``None`` when it is open."""
    if (country.iso3, program.key) in constraints.forbidden:
        return "forbidden by the scenario"
    if not (
        constraints.withhold_tier3_government
        and country.tier is Tier.TIER_3
        and program.channel is Channel.GOVERNMENT
    ):
        return None
    if country.t3_waiver or program.key in country.t3_waived_programs:
        return None
    return (
        f"Tier 3 without a waiver: the government channel is barred by {T3_WITHHOLDING.cite} "
        f"({T3_WITHHOLDING.gist}) unless waived under {T3_WAIVER.cite}"
    )
