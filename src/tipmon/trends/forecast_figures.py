"""Figures of the tier forecast: its backtest year by year, and next year's likely moves."""

from __future__ import annotations

from typing import Any

from tipmon.countries.services import ForecastModel
from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA
from tipmon.trends.figures import Column, Figure
from tipmon.trends.record import Gazette

BACKTEST_CAVEAT = (
    "Each year is predicted by a model trained only on earlier report years. 'Same tier as "
    "last year' is the baseline; it never predicts a change."
)
ESTIMATE_CAVEAT = (
    "A statistical estimate from past patterns, not an assessment: the tier is decided on "
    "the evidence of the reporting period."
)


def backtest_by_year(model: ForecastModel) -> Figure:
    rows: list[dict[str, Any]] = []
    for result in model.backtest.years:
        cases = result.all_cases
        rows.append(
            {
                "year": result.year,
                "cases": cases.model.cases,
                "model_accuracy": cases.model.accuracy,
                "baseline_accuracy": cases.baseline.accuracy,
                "model_macro_f1": cases.model.macro_f1,
                "baseline_macro_f1": cases.baseline.macro_f1,
                "changes": cases.model.changes,
                "changes_caught": cases.model.caught_changes,
            }
        )
    long = [
        {"year": r["year"], "series": label, "value": r[key]}
        for r in rows
        for key, label in (("model_accuracy", "Model"), ("baseline_accuracy", "Same tier"))
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": "Backtest accuracy of the tier forecast and of the baseline by report year",
        "width": "container",
        "height": 260,
        "data": {"values": long},
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Report year predicted"},
            "y": {"field": "value", "type": "quantitative", "title": "Accuracy",
                  "axis": {"format": "%"}, "scale": {"domain": [0.5, 1]}},
            "color": {"field": "series", "type": "nominal", "title": None,
                      "scale": {"range": ["#1a4480", "#e66f0e"]}},
            "tooltip": [{"field": "year"}, {"field": "series"},
                        {"field": "value", "format": ".1%"}],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    overall = model.backtest.overall
    return Figure(
        slug="forecast-backtest",
        title="How well the forecast did, year by year",
        description=(
            f"Over {overall.model.cases:,} country-years from {model.backtest.first} to "
            f"{model.backtest.last}: the model was right {overall.model.accuracy:.1%} of the "
            f"time, the baseline {overall.baseline.accuracy:.1%}; macro-F1 "
            f"{overall.model.macro_f1:.1%} against {overall.baseline.macro_f1:.1%}. The model "
            f"caught {overall.model.caught_changes} of {overall.model.changes} tier changes."
        ),
        columns=(
            Column("year", "Report year"),
            Column("cases", "Countries", True),
            Column("model_accuracy", "Model accuracy", True, percent=True),
            Column("baseline_accuracy", "Baseline accuracy", True, percent=True),
            Column("model_macro_f1", "Model macro-F1", True, percent=True),
            Column("baseline_macro_f1", "Baseline macro-F1", True, percent=True),
            Column("changes", "Tier changes", True),
            Column("changes_caught", "Caught", True),
        ),
        rows=rows,
        spec=spec,
        sources=model.sources,
        caveats=(BACKTEST_CAVEAT,),
    )


def likely_moves(model: ForecastModel, places: Gazette, limit: int = 25) -> Figure:
    outlook = model.outlook
    ranked = sorted(outlook.predictions.items(), key=lambda item: (-item[1].change, item[0]))
    rows = [
        {
            "country": places.names.get(iso3, iso3),
            "iso3": iso3,
            "current": p.features.current.value,
            "most_likely": p.top.value,
            "most_likely_probability": p.confidence,
            "change_probability": p.change,
            "similar_cases": p.similar_cases,
        }
        for iso3, p in ranked[:limit]
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Countries most likely to change tier in the {outlook.year} report",
        "width": "container",
        "height": max(160, 18 * len(rows)),
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True, "color": "#1a4480"},
        "encoding": {
            "y": {"field": "country", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "change_probability", "type": "quantitative",
                  "title": "Probability of a different tier", "axis": {"format": "%"},
                  "scale": {"domain": [0, 1]}},
            "tooltip": [{"field": "country"}, {"field": "current", "title": "Now"},
                        {"field": "most_likely", "title": "Most likely next"},
                        {"field": "change_probability", "title": "Change", "format": ".0%"}],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug="forecast-moves",
        title=f"Most likely to change tier in the {outlook.year} report",
        description=(
            f"The {len(rows)} countries placed in {outlook.year - 1} with the highest "
            "estimated chance of a different tier, and the tier the model finds most likely."
        ),
        columns=(
            Column("country", "Country"),
            Column("current", f"Tier in {outlook.year - 1}"),
            Column("most_likely", "Most likely next"),
            Column("most_likely_probability", "Its probability", True, percent=True),
            Column("change_probability", "Probability of a change", True, percent=True),
            Column("similar_cases", "Similar past cases", True),
        ),
        rows=rows,
        spec=spec,
        sources=model.sources,
        caveats=(ESTIMATE_CAVEAT, BACKTEST_CAVEAT),
    )
