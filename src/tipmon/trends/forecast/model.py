"""A transparent probabilistic model of next year's tier: smoothed conditional frequencies.

The model counts what happened next in past country-years, in four nested contexts from
coarse to fine:

1. the current tier;
2. and the Watch List clock (what the statute lets a Watch List year next year be) with
   the run of consecutive Watch List years (capped at 3);
3. and the tier the year before;
4. and the UNODC law-enforcement trend.

Each level is a Dirichlet-smoothed frequency whose prior is the level above it
(hierarchical backoff): ``p_k(t) = (n_k(t) + alpha * p_{k-1}(t)) / (n_k + alpha)``. A
context seen often speaks for itself; a rare one falls back to its coarser parent. The
base level is the overall frequency of each tier with one pseudo-count each. Where the
statute bars a Watch List year (no waiver left, or the one re-entry year used), the Watch
List probability is set to zero. Every number can be traced to counts of past cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tipmon.tiers.rules import Tier
from tipmon.trends.forecast.features import ClockState, Features

#: Strength of each parent level as a prior, in pseudo-cases.
ALPHA = 2.0
TIERS: tuple[Tier, ...] = tuple(Tier)

Context = tuple[object, ...]


def contexts(f: Features) -> tuple[Context, ...]:
    """The four nested contexts of a country-year, coarse to fine."""
    level1: Context = (f.current,)
    level2: Context = (*level1, f.clock, min(f.watch_list_years, 3))
    level3: Context = (*level2, f.previous)
    return level1, level2, level3, (*level3, f.trend)


@dataclass(frozen=True, slots=True)
class Example:
    """A past country-year: what was known before it, and the tier it got."""

    iso3: str
    features: Features
    outcome: Tier


@dataclass(frozen=True, slots=True)
class Model:
    """Counts of outcomes by context, from examples whose report year is ``<= trained_through``."""

    trained_through: int
    examples: int
    alpha: float
    base: Mapping[Tier, int]
    counts: Mapping[Context, Mapping[Tier, int]]

    def cases(self, context: Context) -> int:
        return sum(self.counts.get(context, {}).values())


@dataclass(frozen=True, slots=True)
class Prediction:
    """The probability of each tier in report ``year``, the most likely first."""

    features: Features
    probabilities: tuple[tuple[Tier, float], ...]
    similar_cases: int  # past cases with the same tier, clock and Watch List run

    @property
    def top(self) -> Tier:
        return self.probabilities[0][0]

    @property
    def confidence(self) -> float:
        return self.probabilities[0][1]

    def probability(self, tier: Tier) -> float:
        return dict(self.probabilities)[tier]

    @property
    def change(self) -> float:
        """The probability of any tier other than the current one."""
        return 1.0 - self.probability(self.features.current)


def train(examples: Iterable[Example], trained_through: int, alpha: float = ALPHA) -> Model:
    """Count outcomes by context from the examples of report years up to ``trained_through``."""
    if alpha <= 0:
        raise ValueError(f"alpha must be positive, not {alpha}")
    base = dict.fromkeys(TIERS, 0)
    counts: dict[Context, dict[Tier, int]] = {}
    used = 0
    for example in examples:
        if example.features.year > trained_through:
            continue
        used += 1
        base[example.outcome] += 1
        for context in contexts(example.features):
            per = counts.setdefault(context, dict.fromkeys(TIERS, 0))
            per[example.outcome] += 1
    return Model(trained_through, used, alpha, base, counts)


def predict(model: Model, features: Features) -> Prediction:
    """The smoothed probability of each tier; ties ordered best tier first."""
    total = sum(model.base.values())
    probs = {t: (model.base[t] + 1.0) / (total + len(TIERS)) for t in TIERS}
    for context in contexts(features):
        seen = model.counts.get(context)
        if not seen:
            continue
        n = sum(seen.values())
        probs = {t: (seen[t] + model.alpha * probs[t]) / (n + model.alpha) for t in TIERS}
    if features.clock == ClockState.BARRED:
        probs[Tier.TIER_2_WATCH_LIST] = 0.0
    norm = sum(probs.values())
    ranked = sorted(((t, p / norm) for t, p in probs.items()), key=lambda tp: (-tp[1], tp[0].rank))
    return Prediction(features, tuple(ranked), model.cases(contexts(features)[1]))
