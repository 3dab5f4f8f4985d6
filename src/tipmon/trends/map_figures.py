"""Choropleths: tiers of any report year, or any UNODC indicator in any data year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tipmon.tiers.services import Placement
from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA, tier_map_spec
from tipmon.trends.figures import Column, Figure
from tipmon.trends.maps import MAP_SOURCE, mapped_iso3
from tipmon.trends.record import Gazette, TierRecord, UnodcCube

NO_SHAPE = "Also placed, with no boundary on the map"


@dataclass(frozen=True, slots=True)
class MapFigure:
    figure: Figure
    #: (iso3, name, value shown) of places with a figure but no shape in the bundled map.
    unmapped: list[tuple[str, str, str]]


def _unmapped(rows: list[dict[str, Any]], shown: str) -> list[tuple[str, str, str]]:
    shapes = mapped_iso3()
    return sorted(
        ((r["iso3"], r["country"], str(r[shown])) for r in rows if r["iso3"] not in shapes),
        key=lambda item: item[1],
    )


def tier_map(record: TierRecord, places: Gazette, year: int, map_url: str) -> MapFigure:
    placements = {
        iso3: Placement(y, tier) for (iso3, y), tier in record.placements.items() if y == year
    }
    rows = sorted(
        (
            {"iso3": iso3, "country": places.names.get(iso3, iso3), "tier": p.tier_label}
            for iso3, p in placements.items()
        ),
        key=lambda r: r["country"],
    )
    figure = Figure(
        slug="tier-map",
        title=f"Tier placements in the {year} report",
        description=f"Countries in grey have no placement in our record for {year}.",
        columns=(Column("country", "Country"), Column("iso3", "Code"), Column("tier", "Tier")),
        rows=rows,
        spec=tier_map_spec(year, placements, map_url),
        sources=(record.source,),
        caveats=(MAP_SOURCE,),
    )
    return MapFigure(figure, _unmapped(rows, "tier"))


def indicator_map(cube: UnodcCube, places: Gazette, year: int, map_url: str) -> MapFigure:
    rows: list[dict[str, Any]] = []
    for (iso3, y, sex, age, category), count in cube.cells.items():
        if y != year or (sex, age, category) != ("Total", "Total", "Total"):
            continue
        shown = f"<{count.below}" if count.censored else f"{count.value:,}"
        name = places.names.get(iso3, iso3)
        rows.append({"iso3": iso3, "country": name, "value": count.value, "shown": shown})
    rows.sort(key=lambda r: str(r["country"]))
    display = {(i, "value"): str(r["shown"]) for i, r in enumerate(rows)}
    lookup = {
        "lookup": "properties.iso3",
        "from": {"data": {"values": rows}, "key": "iso3", "fields": ["value", "shown"]},
    }
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"World map of {cube.indicator}, {year}",
        "width": "container",
        "height": 420,
        "data": {"url": map_url, "format": {"type": "topojson", "feature": "countries"}},
        "projection": {"type": "equalEarth"},
        "layer": [
            {"transform": [lookup, {"calculate": "datum.properties.name", "as": "name"}],
             "mark": {"type": "geoshape", "fill": "#dfe1e2", "stroke": "#ffffff",
                      "strokeWidth": 0.4, "tooltip": True},
             "encoding": {"tooltip": [{"field": "name", "title": "Country"},
                                      {"field": "shown", "title": cube.indicator}]}},
            {"transform": [lookup, {"filter": "isValid(datum.value)"},
                           {"calculate": "datum.properties.name", "as": "name"}],
             "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4,
                      "tooltip": True},
             "encoding": {
                 "color": {"field": "value", "type": "quantitative", "title": cube.indicator,
                           "scale": {"type": "symlog", "scheme": "oranges"},
                           "legend": {"orient": "bottom", "gradientLength": 320}},
                 "tooltip": [{"field": "name", "title": "Country"},
                             {"field": "shown", "title": cube.indicator}]}},
        ],
        "config": CHART_CONFIG,
    }  # fmt: skip
    figure = Figure(
        slug="indicator-map",
        title=f"{cube.indicator}, {year}",
        description=(
            "Shaded by count on a log-like scale. Grey: no figure, or a count published only "
            "as '<5', which is never drawn as zero."
        ),
        columns=(
            Column("country", "Country"),
            Column("iso3", "Code"),
            Column("value", cube.indicator, True),
        ),
        rows=rows,
        spec=spec,
        sources=(cube.source,),
        caveats=(
            MAP_SOURCE,
            "Counts are not scaled by population and reflect how much each country detects "
            "and reports, not how much trafficking there is.",
        ),
        display=display,
    )
    return MapFigure(figure, _unmapped(rows, "shown"))
