"""The backtest and the forecasts as lines of text and as JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tipmon.trends.forecast.backtest import Backtest, Comparison, Scores
from tipmon.trends.forecast.model import Prediction


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def _line(label: str, c: Comparison) -> str:
    m, b = c.model, c.baseline
    return (
        f"{label:<8}{m.cases:>6}{m.changes:>6}  {_pct(m.accuracy)} {_pct(b.accuracy)}"
        f"  {_pct(m.macro_f1)} {_pct(b.macro_f1)}  {m.predicted_changes:>5}"
        f"  {_pct(m.change_recall)} {_pct(m.change_precision)}"
    )


def backtest_lines(bt: Backtest) -> list[str]:
    """A table per report year, the pooled figures, the clock years and the calibration."""
    lines = [
        f"Backtest {bt.first}-{bt.last}: each year predicted by a model trained on earlier years "
        f"only (alpha {bt.alpha:g}). Baseline: same tier as last year.",
        "",
        "year     cases  chg   accuracy       macro-F1       pred.  change",
        "                      model  basel.  model  basel.  chg.   recall precision",
    ]
    lines += [_line(str(y.year), y.all_cases) for y in bt.years]
    lines += ["", _line("all", bt.overall), _line("clock", bt.clock), ""]
    lines.append(
        "clock: country-years where the Watch List clock binds (a further Watch List year would "
        "need a waiver, is barred, or is the one re-entry year)."
    )
    m = bt.overall.model
    lines.append(
        f"Predicted changes: {m.predicted_changes}, of which {m.caught_changes} changed and "
        f"{m.exact_changes} to the predicted tier. The baseline predicts no change."
    )
    lines.append(
        f"Mean probability of a change: {_pct(bt.change_probability_changed).strip()} where the "
        f"tier changed, {_pct(bt.change_probability_unchanged).strip()} where it did not."
    )
    lines += ["", "Calibration of the most likely tier:", "probability  cases  said   right"]
    lines += [
        f"{b.low:.1f}-{b.high:.1f}     {b.cases:>6}  {_pct(b.mean_confidence)} {_pct(b.accuracy)}"
        for b in bt.calibration
    ]
    return lines


def prediction_line(iso3: str, p: Prediction) -> str:
    f = p.features
    return (
        f"{iso3}  {f.current.value:<18} {f.clock.value:<10} {f.trend.value:<18}"
        f"{p.top.value:<18} {_pct(p.confidence)}  {_pct(p.change)}"
    )


PREDICTION_HEADER = (
    "iso3 latest tier         clock      UNODC trend       most likely        prob.   change"
)


def scores_json(s: Scores) -> dict[str, Any]:
    return {
        "cases": s.cases, "correct": s.correct, "accuracy": round(s.accuracy, 4),
        "macro_f1": round(s.macro_f1, 4), "changes": s.changes,
        "predicted_changes": s.predicted_changes, "caught_changes": s.caught_changes,
        "exact_changes": s.exact_changes, "change_recall": round(s.change_recall, 4),
        "change_precision": None if s.change_precision is None else round(s.change_precision, 4),
    }  # fmt: skip


def comparison_json(c: Comparison) -> dict[str, Any]:
    return {"model": scores_json(c.model), "baseline": scores_json(c.baseline)}


def backtest_json(bt: Backtest) -> dict[str, Any]:
    return {
        "first": bt.first, "last": bt.last, "alpha": bt.alpha,
        "overall": comparison_json(bt.overall), "clock": comparison_json(bt.clock),
        "years": [
            {"year": y.year, "trained_on": y.trained_on, **comparison_json(y.all_cases),
             "clock": comparison_json(y.clock_cases)}
            for y in bt.years
        ],
        "calibration": [
            {"low": b.low, "high": b.high, "cases": b.cases,
             "mean_confidence": round(b.mean_confidence, 4), "accuracy": round(b.accuracy, 4)}
            for b in bt.calibration
        ],
        "change_probability": {
            "changed": round(bt.change_probability_changed, 4),
            "unchanged": round(bt.change_probability_unchanged, 4),
        },
    }  # fmt: skip


def prediction_json(iso3: str, p: Prediction) -> dict[str, Any]:
    f = p.features
    return {
        "iso3": iso3, "year": f.year, "latest_tier": f.current.value,
        "previous_tier": f.previous.value if f.previous else None,
        "watch_list_years": f.watch_list_years, "clock": f.clock.value, "trend": f.trend.value,
        "probabilities": [{"tier": t.value, "probability": round(v, 4)}
                          for t, v in p.probabilities],
        "most_likely": p.top.value, "change_probability": round(p.change, 4),
        "similar_cases": p.similar_cases,
    }  # fmt: skip


def predictions_json(predictions: Iterable[tuple[str, Prediction]]) -> list[dict[str, Any]]:
    return [prediction_json(iso3, p) for iso3, p in predictions]


def _md(label: str, c: Comparison) -> str:
    m, b = c.model, c.baseline
    cells = [
        label, str(m.cases), str(m.changes), _pct(m.accuracy), _pct(b.accuracy),
        _pct(m.macro_f1), _pct(b.macro_f1), str(m.predicted_changes), _pct(m.change_recall),
        _pct(m.change_precision),
    ]  # fmt: skip
    return "| " + " | ".join(cell.strip() for cell in cells) + " |"


def backtest_markdown(bt: Backtest) -> list[str]:
    """The backtest as a Markdown table, as docs/forecast.md quotes it (a test compares)."""
    return [
        "| Year | Cases | Changed | Accuracy | Baseline | Macro-F1 | Baseline | Predicted "
        "changes | Change recall | Change precision |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(_md(str(y.year), y.all_cases) for y in bt.years),
        _md("**all**", bt.overall),
        _md("**clock**", bt.clock),
    ]
