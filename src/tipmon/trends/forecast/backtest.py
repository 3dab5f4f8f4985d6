"""Backtest: for each report year Y, train on years up to Y - 1 and predict Y.

Scored against the naive baseline "same tier as last year" on the countries placed in both
Y - 1 and Y: accuracy, macro-F1 over tiers, and how changes of tier are caught.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from tipmon.tiers.rules import FIRST_REPORT_YEAR, Tier
from tipmon.trends.forecast.features import CountryRecord, features_by_year
from tipmon.trends.forecast.model import ALPHA, Example, Prediction, predict, train

FIRST_BACKTEST_YEAR = 2010
CALIBRATION_EDGES = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0)


def examples(records: Iterable[CountryRecord], last: int) -> list[Example]:
    """Every country-year up to ``last`` placed both that year and the year before."""
    years = range(FIRST_REPORT_YEAR + 1, last + 1)
    out = []
    for record in sorted(records, key=lambda r: r.iso3):
        for year, features in features_by_year(record, years).items():
            outcome = record.placements.get(year)
            if outcome is not None:
                out.append(Example(record.iso3, features, outcome))
    return out


@dataclass(frozen=True, slots=True)
class Scored:
    """One prediction beside the truth: the tier the year before, predicted and actual."""

    iso3: str
    year: int
    current: Tier
    predicted: Tier
    actual: Tier
    confidence: float  # the predicted tier's probability (1 for the baseline)
    change_probability: float
    clock_binding: bool


@dataclass(frozen=True, slots=True)
class Scores:
    cases: int
    correct: int
    macro_f1: float
    changes: int  # cases whose tier changed
    predicted_changes: int  # cases predicted to change
    caught_changes: int  # predicted to change, and did
    exact_changes: int  # predicted to change, and to the tier it got

    @property
    def accuracy(self) -> float:
        return self.correct / self.cases if self.cases else 0.0

    @property
    def change_recall(self) -> float:
        return self.caught_changes / self.changes if self.changes else 0.0

    @property
    def change_precision(self) -> float | None:
        """None when no change was predicted (the baseline never predicts one)."""
        return self.caught_changes / self.predicted_changes if self.predicted_changes else None


def macro_f1(pairs: Sequence[tuple[Tier, Tier]]) -> float:
    """Mean F1 over the tiers that occur as predicted or actual; ``pairs`` = (predicted, actual)."""
    tiers = {t for pair in pairs for t in pair}
    if not tiers:
        return 0.0
    total = 0.0
    for tier in tiers:
        tp = sum(1 for p, a in pairs if p == tier and a == tier)
        fp = sum(1 for p, a in pairs if p == tier and a != tier)
        fn = sum(1 for p, a in pairs if p != tier and a == tier)
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(tiers)


def score(rows: Sequence[Scored]) -> Scores:
    changed = [r for r in rows if r.actual != r.current]
    predicted = [r for r in rows if r.predicted != r.current]
    return Scores(
        cases=len(rows),
        correct=sum(1 for r in rows if r.predicted == r.actual),
        macro_f1=macro_f1([(r.predicted, r.actual) for r in rows]),
        changes=len(changed),
        predicted_changes=len(predicted),
        caught_changes=sum(1 for r in predicted if r.actual != r.current),
        exact_changes=sum(1 for r in predicted if r.actual == r.predicted),
    )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The model and the baseline on the same cases."""

    model: Scores
    baseline: Scores

    @classmethod
    def of(cls, model: Sequence[Scored], baseline: Sequence[Scored]) -> Comparison:
        return cls(score(model), score(baseline))


@dataclass(frozen=True, slots=True)
class YearResult:
    year: int
    trained_on: int  # examples of earlier report years
    all_cases: Comparison
    clock_cases: Comparison  # cases where the Watch List clock binds


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    low: float
    high: float
    cases: int
    mean_confidence: float
    accuracy: float


@dataclass(frozen=True, slots=True)
class Backtest:
    first: int
    last: int
    alpha: float
    years: tuple[YearResult, ...]
    overall: Comparison
    clock: Comparison
    calibration: tuple[CalibrationBin, ...]
    #: Mean predicted probability of a change, for cases that changed and cases that did not.
    change_probability_changed: float
    change_probability_unchanged: float
    rows: tuple[Scored, ...]


def _scored(example: Example, prediction: Prediction) -> tuple[Scored, Scored]:
    f = example.features
    binding = f.clock.binding
    model = Scored(example.iso3, f.year, f.current, prediction.top, example.outcome,
                   prediction.confidence, prediction.change, binding)  # fmt: skip
    baseline = Scored(example.iso3, f.year, f.current, f.current, example.outcome, 1.0, 0.0,
                      binding)  # fmt: skip
    return model, baseline


def calibration(rows: Sequence[Scored]) -> tuple[CalibrationBin, ...]:
    """How often the most likely tier came true, by how likely the model said it was."""
    bins = []
    for low, high in pairwise(CALIBRATION_EDGES):
        inside = [r for r in rows if low <= r.confidence < high or r.confidence == high == 1.0]
        if inside:
            bins.append(CalibrationBin(
                low, high, len(inside), sum(r.confidence for r in inside) / len(inside),
                sum(1 for r in inside if r.predicted == r.actual) / len(inside),
            ))  # fmt: skip
    return tuple(bins)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def backtest(
    records: Iterable[CountryRecord],
    first: int = FIRST_BACKTEST_YEAR,
    last: int | None = None,
    alpha: float = ALPHA,
) -> Backtest:
    """Train on report years up to Y - 1 and predict Y, for every Y from ``first`` to ``last``
    (the latest report year in the records by default)."""
    records = list(records)
    latest = max((y for r in records for y in r.placements), default=first)
    last = latest if last is None else last
    if first > last:
        raise ValueError(f"the first year {first} is after the last year {last}")
    every = examples(records, last)
    results: list[YearResult] = []
    model_rows: list[Scored] = []
    baseline_rows: list[Scored] = []
    for year in range(first, last + 1):
        fitted = train(every, trained_through=year - 1, alpha=alpha)
        pairs = [_scored(e, predict(fitted, e.features)) for e in every if e.features.year == year]
        m = [p[0] for p in pairs]
        b = [p[1] for p in pairs]
        results.append(YearResult(
            year, fitted.examples, Comparison.of(m, b),
            Comparison.of([r for r in m if r.clock_binding], [r for r in b if r.clock_binding]),
        ))  # fmt: skip
        model_rows += m
        baseline_rows += b
    return Backtest(
        first, last, alpha, tuple(results),
        Comparison.of(model_rows, baseline_rows),
        Comparison.of([r for r in model_rows if r.clock_binding],
                      [r for r in baseline_rows if r.clock_binding]),
        calibration(model_rows),
        _mean([r.change_probability for r in model_rows if r.actual != r.current]),
        _mean([r.change_probability for r in model_rows if r.actual == r.current]),
        tuple(model_rows),
    )  # fmt: skip
