"""Figures of the targeting pages: the allocation by country and program type, and the
difference between two saved scenarios. Each is a ``Figure`` (table, Vega-Lite chart, CSV
with the sources in its last columns), like the trends and assistance figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tipmon.assistance.targeting import Bureau, Comparison, Line, ScenarioResult
from tipmon.core.provenance import DatasetRef
from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA
from tipmon.trends.figures import Column, Figure

CAVEAT = (
    "An allocation is a model's answer to the weights and constraints chosen, on the data "
    "named in the sources; it is an aid to judgement, not a funding decision."
)


def _usd(value: float) -> int:
    return round(value)


def allocation_figure(result: ScenarioResult, sources: Sequence[DatasetRef]) -> Figure:
    """One row per funded country: its amount in each program type and in total."""
    programs = result.scenario.programs
    allocation = result.allocation
    scores = {s.iso3: s for s in result.scores}
    amounts: dict[str, dict[str, float]] = {}
    for a in allocation.awards:
        if a.amount > 0:
            amounts.setdefault(a.iso3, {})[a.program] = a.amount
    order = sorted(amounts, key=lambda iso3: (-sum(amounts[iso3].values()), iso3))
    rows: list[dict[str, Any]] = []
    for iso3 in order:
        s = scores[iso3]
        row: dict[str, Any] = {
            "country": f"{s.name} ({iso3})", "iso3": iso3, "bureau": s.bureau.value,
            "score": f"{s.total:.3f}", "rank": s.rank,
        }  # fmt: skip
        for p in programs:
            row[p.key] = _usd(amounts[iso3].get(p.key, 0.0))
        row["total_usd"] = _usd(sum(amounts[iso3].values()))
        rows.append(row)
    labels = {p.key: p.label for p in programs}
    values = [
        {
            "country": r["country"],
            "program": labels[p.key],
            "usd": r[p.key],
            "total": r["total_usd"],
        }
        for r in rows
        for p in programs
        if r[p.key] > 0
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"{result.scenario.name}: US dollars allocated to each country by "
        "program type",
        "width": "container",
        "height": max(120, 16 * len(rows)),
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "country", "type": "nominal", "title": None,
                  "sort": [r["country"] for r in rows]},
            "x": {"field": "usd", "type": "quantitative", "title": "US dollars",
                  "stack": "zero"},
            "color": {"field": "program", "type": "nominal", "title": "Program type",
                      "sort": [p.label for p in programs]},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    columns = (
        Column("country", "Country"),
        Column("bureau", "Bureau"),
        Column("score", "Score"),
        Column("rank", "Rank", numeric=True),
        *(Column(p.key, f"{p.label} (USD)", numeric=True) for p in programs),
        Column("total_usd", "Total (USD)", numeric=True),
    )
    return Figure(
        slug="allocation",
        title=f"Allocation by country and program type: {result.scenario.name}",
        description=f"{len(rows)} countries funded, ${allocation.total:,.0f} of a "
        f"${allocation.budget:,.0f} budget. Countries that receive nothing are listed with "
        "their reasons below.",
        columns=columns,
        rows=rows,
        spec=spec,
        sources=tuple(sources),
        caveats=(CAVEAT,),
    )


@dataclass(frozen=True, slots=True)
class Total:
    key: str
    label: str
    amount: float


def bureau_totals(result: ScenarioResult) -> list[Total]:
    by = result.allocation.by_bureau()
    return [Total(b.value, b.label, by.get(b.value, 0.0)) for b in Bureau]


def program_totals(result: ScenarioResult) -> list[Total]:
    by = result.allocation.by_program()
    return [Total(p.key, p.label, by.get(p.key, 0.0)) for p in result.scenario.programs]


def comparison_figure(c: Comparison, sources: Sequence[DatasetRef]) -> Figure:
    """Every country funded under A or B: A, B and B - A, biggest change first."""
    funded = [line for line in c.countries if line.a >= 1 or line.b >= 1]
    lines = sorted(funded, key=lambda x: (-abs(x.difference), x.key))
    rows = [_compare_row(line) for line in lines]
    values = [
        {"country": r["country"], "difference": r["difference_usd"]}
        for r in rows
        if r["difference_usd"] != 0
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Change per country from '{c.name_a}' to '{c.name_b}' in US dollars",
        "width": "container",
        "height": max(120, 16 * len(values)),
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "country", "type": "nominal", "title": None,
                  "sort": [v["country"] for v in values]},
            "x": {"field": "difference", "type": "quantitative",
                  "title": f"B - A (US dollars): B is '{c.name_b}'"},
            "color": {"condition": {"test": "datum.difference < 0", "value": "#b50909"},
                      "value": "#1a4480"},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug="comparison",
        title=f"'{c.name_a}' (A) against '{c.name_b}' (B), per country",
        description=f"Countries funded in either scenario; {len(values)} changed by a "
        "dollar or more. Each scenario's figures are as it ran, on the data it ran on.",
        columns=(
            Column("country", "Country"),
            Column("a_usd", "A (USD)", numeric=True),
            Column("b_usd", "B (USD)", numeric=True),
            Column("difference_usd", "B - A (USD)", numeric=True),
        ),
        rows=rows,
        spec=spec,
        sources=tuple(sources),
        caveats=(CAVEAT,),
    )


def _compare_row(line: Line) -> dict[str, Any]:
    return {
        "country": f"{line.label} ({line.key})",
        "a_usd": _usd(line.a),
        "b_usd": _usd(line.b),
        "difference_usd": _usd(line.b) - _usd(line.a),
    }
