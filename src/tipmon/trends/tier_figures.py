"""Figures over the tier record: distribution, transitions, movers, country comparison."""

from __future__ import annotations

from typing import Any

from tipmon.tiers.rules import Tier
from tipmon.trends.charts import (
    CHART_CONFIG,
    NOT_RECORDED,
    TIER_COLOURS,
    TIER_DOMAIN,
    VEGA_LITE_SCHEMA,
)
from tipmon.trends.figures import Column, Figure
from tipmon.trends.record import REGIONS, Gazette, TierRecord
from tipmon.trends.tierstats import RANKED, distribution, movers, transitions

TIER_COLUMNS = tuple(Column(t.value, t.value, numeric=True) for t in Tier)
RECORD_CAVEAT = (
    "Our record still lacks a few placements for 2016, 2017 and 2019 (tipmon data coverage "
    "--missing), so those years count fewer countries than the reports. The 2025 Tier 2 "
    "placements are deduced from the report's complete lists of the other tiers."
)


def _scope(region: str | None) -> str:
    return "worldwide" if region is None else f"in the {REGIONS[region]} region"


def _tier_colour(field: str, title: str | None = "Tier") -> dict[str, Any]:
    return {
        "field": field,
        "type": "nominal",
        "title": title,
        "scale": {"domain": TIER_DOMAIN, "range": [TIER_COLOURS[t] for t in TIER_DOMAIN]},
    }


def tier_distribution(record: TierRecord, places: Gazette, region: str | None) -> Figure:
    counts = distribution(record.placements, record.years, places.in_region(region))
    rows = []
    for year, per_tier in counts.items():
        placed = sum(per_tier.values())
        rows.append({"year": year, **per_tier, "placed": placed})
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Countries per tier by report year, {_scope(region)}",
        "width": "container",
        "height": 300,
        "data": {"values": rows},
        "transform": [{"fold": [t.value for t in Tier], "as": ["tier", "countries"]}],
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Report year"},
            "y": {"field": "countries", "type": "quantitative", "title": "Countries",
                  "stack": "zero"},
            "color": _tier_colour("tier"),
            "tooltip": [{"field": "year", "title": "Report year"},
                        {"field": "tier", "title": "Tier"},
                        {"field": "countries", "title": "Countries"}],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug="tier-distribution",
        title=f"Tier placements by report year, {_scope(region)}",
        description="Stacked bars: how many countries the record places on each tier.",
        columns=(Column("year", "Report year"), *TIER_COLUMNS, Column("placed", "Placed", True)),
        rows=rows,
        spec=spec,
        sources=(record.source,),
        caveats=(RECORD_CAVEAT,),
    )


def transition_matrix(
    record: TierRecord, places: Gazette, first: int, second: int, region: str | None
) -> tuple[Figure, dict[tuple[str, str], list[tuple[str, str]]]]:
    """The matrix as a figure, and who sits in each off-diagonal cell (code, name)."""
    matrix = transitions(record.placements, first, second, places.in_region(region))
    states = matrix.states
    rows: list[dict[str, Any]] = []
    long: list[dict[str, Any]] = []
    for before in states:
        if matrix.row_total(before) == 0:
            continue
        row: dict[str, Any] = {"from": before}
        for after in states:
            row[after] = matrix.count(before, after)
            long.append({"from": before, "to": after, "countries": matrix.count(before, after),
                         "share": matrix.share(before, after)})  # fmt: skip
        row["total"] = matrix.row_total(before)
        rows.append(row)
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Tier transitions from {first} to {second}, {_scope(region)}",
        "width": "container",
        "height": 260,
        "data": {"values": long},
        "encoding": {
            "x": {"field": "to", "type": "ordinal", "title": f"Tier in {second}",
                  "scale": {"domain": list(states)}, "axis": {"labelAngle": 0}},
            "y": {"field": "from", "type": "ordinal", "title": f"Tier in {first}",
                  "scale": {"domain": list(states)}},
        },
        "layer": [
            {"mark": {"type": "rect", "tooltip": True},
             "encoding": {"color": {"field": "countries", "type": "quantitative",
                                    "title": "Countries", "scale": {"scheme": "blues"}},
                          "tooltip": [{"field": "from", "title": f"Tier in {first}"},
                                      {"field": "to", "title": f"Tier in {second}"},
                                      {"field": "countries", "title": "Countries"},
                                      {"field": "share", "title": "Share of row",
                                       "format": ".0%"}]}},
            {"mark": {"type": "text"},
             "encoding": {"text": {"field": "countries", "type": "quantitative"},
                          "color": {"condition": {"test": "datum.countries > 20",
                                                  "value": "#ffffff"},
                                    "value": "#1b1b1b"}}},
        ],
        "config": CHART_CONFIG,
    }  # fmt: skip
    members = {
        key: [(c, places.names.get(c, c)) for c in codes]
        for key, codes in matrix.members.items()
        if key[0] != key[1]
    }
    figure = Figure(
        slug="transitions",
        title=f"Tier transitions from {first} to {second}, {_scope(region)}",
        description=(
            f"Rows: tier in {first}; columns: tier in {second}. {matrix.unchanged} of "
            f"{matrix.total} countries kept their tier."
        ),
        columns=(
            Column("from", f"Tier in {first}"),
            *(Column(s, s, True) for s in states),
            Column("total", "Total", True),
        ),
        rows=rows,
        spec=spec,
        sources=(record.source,),
        caveats=(
            f"'{NOT_RECORDED}' means our record has no placement for that year: the country "
            "was not in the report, or its placement is still missing from the record.",
            RECORD_CAVEAT,
        ),
    )
    return figure, dict(sorted(members.items()))


def movers_figures(
    record: TierRecord,
    places: Gazette,
    first: int,
    second: int,
    region: str | None,
    limit: int,
) -> list[Figure]:
    improved, declined = movers(record.placements, first, second, places.in_region(region))
    figures = []
    for slug, label, moves in (
        ("improvers", "Biggest improvers", improved[:limit]),
        ("decliners", "Biggest decliners", declined[:limit]),
    ):
        rows = [
            {
                "country": places.names.get(m.iso3, m.iso3),
                "iso3": m.iso3,
                "before": m.before.value,
                "after": m.after.value,
                "steps": m.steps,
                "years_at_new_tier": _settled(m.path, m.after),
            }
            for m in moves
        ]
        long = [
            {"country": r["country"], "year": str(y), "tier": r[k]}
            for r in rows
            for y, k in ((first, "before"), (second, "after"))
        ]
        spec = {
            "$schema": VEGA_LITE_SCHEMA,
            "description": f"{label} between {first} and {second}, {_scope(region)}",
            "width": "container",
            "height": max(120, 24 * len(rows)),
            "data": {"values": long},
            "encoding": {
                "y": {"field": "country", "type": "nominal", "title": None, "sort": None},
                "x": {"field": "tier", "type": "ordinal", "title": None,
                      "scale": {"domain": [t.value for t in RANKED]}},
            },
            "layer": [
                {"mark": {"type": "line", "color": "#71767a"},
                 "encoding": {"detail": {"field": "country"}}},
                {"mark": {"type": "point", "filled": True, "size": 120, "tooltip": True},
                 "encoding": {"shape": {"field": "year", "type": "nominal", "title": "Year"},
                              "color": _tier_colour("tier")}},
            ],
            "config": CHART_CONFIG,
        }  # fmt: skip
        figures.append(
            Figure(
                slug=slug,
                title=f"{label}, {first} to {second} ({_scope(region)})",
                description=(
                    "Countries ranked Tier 1 to Tier 3 in both years, by tier steps moved; "
                    "ties go to the country that has held its new tier longest."
                ),
                columns=(
                    Column("country", "Country"),
                    Column("before", f"Tier in {first}"),
                    Column("after", f"Tier in {second}"),
                    Column("steps", "Steps", True),
                    Column("years_at_new_tier", "Years at new tier", True),
                ),
                rows=rows,
                spec=spec,
                sources=(record.source,),
                caveats=(
                    "Special Cases and countries with no placement in either year are left "
                    "out: they have no place on the tier scale.",
                ),
            )
        )
    return figures


def _settled(path: tuple[Tier | None, ...], tier: Tier) -> int:
    years = 0
    for item in reversed(path):
        if item != tier:
            break
        years += 1
    return years


def compare_tiers(record: TierRecord, places: Gazette, codes: list[str]) -> Figure:
    rows: list[dict[str, Any]] = []
    for year in record.years:
        row: dict[str, Any] = {"year": year}
        for code in codes:
            tier = record.placements.get((code, year))
            row[code] = tier.value if tier else NOT_RECORDED
        rows.append(row)
    long = [
        {"year": r["year"], "country": places.names.get(c, c), "tier": r[c]}
        for r in rows
        for c in codes
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": "Tier histories of the compared countries",
        "width": "container",
        "height": 260,
        "data": {"values": long},
        "mark": {"type": "line", "point": {"filled": True, "size": 60}, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Report year"},
            "y": {"field": "tier", "type": "ordinal", "title": None,
                  "scale": {"domain": TIER_DOMAIN}},
            "color": {"field": "country", "type": "nominal", "title": "Country",
                      "scale": {"scheme": "dark2"}},
            "strokeDash": {"field": "country", "type": "nominal", "legend": None},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug="compare-tiers",
        title="Tier histories",
        description="One line per country; unrecorded years sit on 'Not recorded'.",
        columns=(
            Column("year", "Report year"),
            *(Column(c, places.names.get(c, c)) for c in codes),
        ),
        rows=rows,
        spec=spec,
        sources=(record.source,),
        caveats=(RECORD_CAVEAT,),
    )
