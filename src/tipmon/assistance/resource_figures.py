"""Figures of the compact and operations pages: each a table, its chart and its sources.

They follow ``tipmon.trends.figures.Figure``, so the pages show a Vega-Lite chart with the
data table under it, and the same rows download as CSV or JSON with their sources.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tipmon.assistance import compact_status as core
from tipmon.assistance import resource_shares as shares
from tipmon.assistance.operations import OperationsView
from tipmon.core.provenance import DatasetRef
from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA
from tipmon.trends.figures import Column, Figure


def usd(amount: Decimal | float) -> int | float:
    """Whole dollars as an int (shown without decimals), anything else as a float."""
    value = float(amount)
    return int(value) if value.is_integer() else value


KIND_LABELS = {"financial": "Financial", "in_kind": "In kind (estimate)"}


def _grouped_bars(
    values: list[dict[str, Any]],
    x: str,
    x_title: str,
    y_title: str,
    description: str,
    y_format: str = ",.0f",
) -> dict[str, Any]:
    """Bars per ``x`` (in the rows' order) side by side for each ``series``."""
    series = list(dict.fromkeys(v["series"] for v in values))
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {
                "field": x,
                "type": "ordinal",
                "title": x_title,
                "sort": None,
                "axis": {"labelAngle": -45 if x == "country" else 0},
            },
            "xOffset": {"field": "series"},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": y_title,
                "axis": {"format": y_format},
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": series},
                "legend": {"orient": "bottom"},
            },
        },
        "config": CHART_CONFIG,
    }


def contributions_figure(status: core.CompactStatus, source: DatasetRef) -> Figure:
    rows = [
        {
            "year": t.year,
            "kind": KIND_LABELS.get(t.kind, t.kind),
            "committed_usd": usd(t.committed_usd),
            "delivered_usd": usd(t.delivered_usd),
            "delivered_share": t.delivered_share,
            "unreported": t.unreported,
        }
        for t in status.contributions
    ]
    values = [
        {"year": str(r["year"]), "series": f"{r['kind']}: {label}", "value": r[key]}
        for r in rows
        for key, label in (("committed_usd", "committed"), ("delivered_usd", "delivered"))
    ]
    return Figure(
        slug="contributions",
        title="Partner government contributions: committed and delivered",
        description="What the partner government committed each year, financially and in "
        "kind, against what it reported delivering (US dollars).",
        columns=(
            Column("year", "Year"),
            Column("kind", "Kind"),
            Column("committed_usd", "Committed (USD)", numeric=True),
            Column("delivered_usd", "Delivered (USD)", numeric=True),
            Column("delivered_share", "Delivered / committed", numeric=True, percent=True),
            Column("unreported", "Deliveries not yet reported", numeric=True),
        ),
        rows=rows,
        spec=_grouped_bars(
            values,
            "year",
            "Year",
            "US dollars",
            f"Contributions committed and delivered, {status.title}",
        ),
        sources=(source,),
        caveats=(
            "In-kind contributions are valued by the office: estimates, not amounts paid.",
            "Over-delivery is possible and not an error; a delivery without a commitment is "
            "flagged on the page.",
        ),
    )


def budget_figure(view: OperationsView) -> Figure:
    rows = [
        {"priority": b.priority, "category": b.category, "amount_usd": usd(b.amount_usd)}
        for b in view.budget
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Office budget by strategic priority and category, FY{view.fiscal_year}",
        "width": "container",
        "height": 260,
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "priority", "type": "nominal", "title": None, "sort": None},
            "x": {
                "aggregate": "sum",
                "field": "amount_usd",
                "type": "quantitative",
                "title": "US dollars",
                "axis": {"format": ",.0f"},
            },
            "color": {
                "field": "category",
                "type": "nominal",
                "title": "Category",
                "legend": {"orient": "bottom"},
            },
        },
        "config": CHART_CONFIG,
    }
    return Figure(
        slug="budget",
        title=f"Where the office's budget goes, FY{view.fiscal_year}",
        description="The office's own budget lines by strategic priority and category.",
        columns=(
            Column("priority", "Strategic priority"),
            Column("category", "Category"),
            Column("amount_usd", "Amount (USD)", numeric=True),
        ),
        rows=rows,
        spec=spec,
        sources=(view.office_source,),
    )


def staff_figure(view: OperationsView) -> Figure:
    rows = [{"bureau": label, "fte": round(fte, 2)} for _, label, fte in view.staff_by_bureau]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Staff time (FTE) by bureau, FY{view.fiscal_year}",
        "width": "container",
        "height": 220,
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "bureau", "type": "nominal", "title": None},
            "x": {"field": "fte", "type": "quantitative", "title": "Full-time equivalents"},
        },
        "config": CHART_CONFIG,
    }
    return Figure(
        slug="staff",
        title=f"Staff time by bureau, FY{view.fiscal_year}",
        description="Full-time equivalents assigned to each bureau's region: country and "
        "program assignments count for their bureau; office-wide time is shown apart.",
        columns=(Column("bureau", "Bureau"), Column("fte", "FTE", numeric=True)),
        rows=rows,
        spec=spec,
        sources=(view.office_source,),
    )


def _share_rows(items: tuple[shares.ShareRow, ...], label: str) -> list[dict[str, Any]]:
    return [
        {
            label: r.label,
            "need_points": r.need_points,
            "need_share": r.need,
            "staff_share": r.staff,
            "money_share": r.money,
            "fte": round(r.fte, 2),
            "obligated_usd": usd(r.usd),
        }
        for r in items
    ]


def _share_columns(first: Column) -> tuple[Column, ...]:
    return (
        first,
        Column("need_points", "Need score", numeric=True),
        Column("need_share", "Share of need", numeric=True, percent=True),
        Column("staff_share", "Share of staff time", numeric=True, percent=True),
        Column("money_share", "Share of program money", numeric=True, percent=True),
        Column("fte", "FTE", numeric=True),
        Column("obligated_usd", "Obligated (USD)", numeric=True),
    )


def _share_values(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    names = (
        ("need_share", "Share of need"),
        ("staff_share", "Share of staff time"),
        ("money_share", "Share of program money"),
    )
    return [{key: r[key], "series": label, "value": r[k]} for r in rows for k, label in names]


def need_bureau_figure(view: OperationsView) -> Figure:
    rows = _share_rows(view.comparison.bureaus, "bureau")
    return Figure(
        slug="need-by-bureau",
        title=f"Need against staff time and program money by bureau, FY{view.fiscal_year}",
        description="Each bureau's share of the need score beside its share of the staff "
        "time and of the program money that can be placed in a region.",
        columns=_share_columns(Column("bureau", "Bureau")),
        rows=rows,
        spec=_grouped_bars(
            _share_values(rows, "bureau"),
            "bureau",
            "Bureau",
            "Share",
            "Shares of need, staff time and program money by bureau",
            ".0%",
        ),
        sources=(*view.sources, view.office_source),
        caveats=(shares.NEED_METHOD,),
    )


def need_country_figure(view: OperationsView) -> Figure:
    rows = _share_rows(view.comparison.countries, "country")
    return Figure(
        slug="need-by-country",
        title=f"The countries of greatest need, FY{view.fiscal_year}",
        description=f"The {shares.TOP_COUNTRIES} countries with the highest need score (ties "
        "by name), then all other countries together, so each column of the table sums to "
        "100%. The chart leaves out the 'all other countries' row.",
        columns=_share_columns(Column("country", "Country")),
        rows=rows,
        spec=_grouped_bars(
            _share_values([r for r in rows if r["country"] != shares.OTHERS], "country"),
            "country",
            "Country",
            "Share",
            "Shares of need, staff time and program money by country",
            ".0%",
        ),
        sources=(*view.sources, view.office_source),
        caveats=(shares.NEED_METHOD,),
    )
