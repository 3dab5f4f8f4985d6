"""Vega-Lite specifications, built from the same data functions the tables use.

Each builder returns a plain dict; templates embed it as JSON and ``charts.js`` draws it
with the vendored vega-embed. The palette matches ``static/tipmon/css/tipmon.css``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tipmon.tiers.rules import Tier
from tipmon.tiers.services import Placement
from tipmon.trends.services import PROFILE_INDICATORS, LawEnforcementPoint, UnodcPoint

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
NOT_RECORDED = "Not recorded"
TIER_COLOURS: dict[str, str] = {
    Tier.TIER_1.value: "#1a4480",
    Tier.TIER_2.value: "#73b3e7",
    Tier.TIER_2_WATCH_LIST.value: "#ffbe2e",
    Tier.TIER_3.value: "#b50909",
    Tier.SPECIAL_CASE.value: "#71767a",
    NOT_RECORDED: "#dfe1e2",
}
TIER_DOMAIN = [*(t.value for t in Tier), NOT_RECORDED]
_FONT = "Source Sans Pro Web, Helvetica Neue, Helvetica, Roboto, Arial, sans-serif"
CHART_CONFIG: dict[str, Any] = {
    "font": _FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 13},
    "legend": {"labelFontSize": 12, "titleFontSize": 13},
}


def _tier_scale() -> dict[str, Any]:
    return {"domain": TIER_DOMAIN, "range": [TIER_COLOURS[t] for t in TIER_DOMAIN]}


def tier_history_spec(history: Iterable[Placement], country: str) -> dict[str, Any]:
    """One mark per report year on a tier axis; unrecorded years sit on 'Not recorded'."""
    values = [
        {
            "year": str(p.year),
            "tier": p.tier_label,
            "basis": p.basis.value if p.basis else "no placement in the record",
        }
        for p in history
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Tier placements of {country} by report year",
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 140, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Report year",
                  "axis": {"labelAngle": -45}},
            "y": {"field": "tier", "type": "ordinal", "title": None,
                  "scale": {"domain": TIER_DOMAIN}},
            "color": {"field": "tier", "type": "nominal", "title": "Tier",
                      "scale": _tier_scale(), "legend": None},
            "shape": {"field": "basis", "type": "nominal", "title": "Basis"},
            "tooltip": [
                {"field": "year", "title": "Report year"},
                {"field": "tier", "title": "Tier"},
                {"field": "basis", "title": "Basis"},
            ],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip


def unodc_spec(points: Iterable[UnodcPoint], country: str) -> dict[str, Any]:
    """Lines of published counts; a '<5' cell is drawn as a 0-5 bar, never as 0."""
    values = [
        {
            "year": p.year,
            "indicator": p.indicator,
            "value": p.value,
            "low": 0 if p.value is None else None,
            "high": p.suppressed_below,
            "shown": p.display,
        }
        for p in points
    ]
    colour = {"field": "indicator", "type": "nominal", "title": "Indicator",
              "scale": {"domain": list(PROFILE_INDICATORS),
                        "range": ["#1a4480", "#e66f0e", "#538200"]}}  # fmt: skip
    tooltip = [
        {"field": "year", "title": "Year"},
        {"field": "indicator", "title": "Indicator"},
        {"field": "shown", "title": "Count"},
    ]
    x = {"field": "year", "type": "quantitative", "title": "Year", "axis": {"format": "d"}}
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": "datum.value != null"}],
            "mark": {"type": "line", "point": True, "tooltip": True},
            "encoding": {
                "y": {"field": "value", "type": "quantitative", "title": "Persons"},
                "tooltip": tooltip,
            },
        }
    ]
    if any(v["value"] is None for v in values):
        layers.append(
            {
                "transform": [{"filter": "datum.value == null"}],
                "mark": {"type": "rule", "strokeWidth": 6, "opacity": 0.6, "tooltip": True},
                "encoding": {
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                    "tooltip": tooltip,
                },
            }
        )
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"UNODC detected victims, persons prosecuted and convicted in {country}",
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "encoding": {"x": x, "color": colour},
        "layer": layers,
        "config": CHART_CONFIG,
    }


def law_enforcement_spec(points: Iterable[LawEnforcementPoint]) -> dict[str, Any]:
    values = [
        {"year": p.data_year, "measure": label, "value": getattr(p, name)}
        for p in points
        for name, label in (
            ("prosecutions", "Prosecutions"),
            ("convictions", "Convictions"),
            ("victims_identified", "Victims identified"),
        )
        if getattr(p, name) is not None
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": "Worldwide prosecutions, convictions and victims identified by data year",
        "width": "container",
        "height": 300,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "title": "Data year",
                  "axis": {"format": "d"}},
            "y": {"field": "value", "type": "quantitative", "title": "Count"},
            "color": {"field": "measure", "type": "nominal", "title": None,
                      "scale": {"range": ["#1a4480", "#e66f0e", "#538200"]}},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip


def tier_map_spec(year: int, placements: dict[str, Placement], map_url: str) -> dict[str, Any]:
    """A choropleth of one report year's tiers over the bundled world boundaries."""
    values = [{"iso3": iso3, "tier": p.tier_label} for iso3, p in placements.items()]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"World map of {year} TIP Report tier placements",
        "width": "container",
        "height": 420,
        "data": {"url": map_url, "format": {"type": "topojson", "feature": "countries"}},
        "projection": {"type": "equalEarth"},
        "transform": [
            {"lookup": "properties.iso3",
             "from": {"data": {"values": values}, "key": "iso3", "fields": ["tier"]},
             "default": NOT_RECORDED},
            {"calculate": "datum.properties.name", "as": "name"},
        ],
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4, "tooltip": True},
        "encoding": {
            "color": {"field": "tier", "type": "nominal", "title": f"Tier ({year})",
                      "scale": _tier_scale(),
                      "legend": {"orient": "bottom", "columns": 3}},
            "tooltip": [{"field": "name", "title": "Country"},
                        {"field": "tier", "title": "Tier"}],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
