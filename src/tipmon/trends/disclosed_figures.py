"""Tables drawn from small counts, published only through disclosure control.

The victims-by-sex table for one data year is built as a cross-tabulation of places
(countries under their region, regions under the world) by sex, then passed through
:func:`tipmon.trends.disclosure.suppress`: small counts, the source's "<5" cells and the
complementary cells that would give them away are withheld, in totals and subtotals too.
Withheld cells are exported as empty values with their marker, never as their figure.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA
from tipmon.trends.disclosure import (
    Censored,
    Dimension,
    Key,
    SuppressedTable,
    Table,
    Value,
    cross_table,
    suppress,
)
from tipmon.trends.figures import Column, Figure
from tipmon.trends.record import REGIONS, Gazette, UnodcCube
from tipmon.trends.unodc_figures import CENSOR_CAVEAT, SEXES

WORLD = "World"
TOTAL = "Total"
SEX = Dimension.flat("sex", list(SEXES), TOTAL)
INCOMPLETE_CAVEAT = (
    "UNODC publishes no regional figures. A regional or world total is shown only where "
    "every country in it has a plain figure; otherwise the row shows '≥ N', the sum of the "
    "figures this table publishes, which reveals nothing withheld."
)


def _country_cells(cube: UnodcCube, year: int, countries: set[str]) -> dict[Key, Value]:
    """Country-by-sex cells as published; a pair the source holds twice is left out."""
    found: list[tuple[str, str, Value]] = []
    for (iso3, y, sex, age, category), count in cube.cells.items():
        wanted = y == year and iso3 in countries and sex in (TOTAL, *SEXES)
        if wanted and age == TOTAL and category == TOTAL:
            value: Value = Censored(count.below or 5) if count.censored else count.value or 0
            found.append((iso3, sex, value))
    seen = Counter((iso3, sex) for iso3, sex, _ in found)
    return {(iso3, sex): v for iso3, sex, v in found if seen[(iso3, sex)] == 1}


def _add_exact_totals(cells: dict[Key, Value], geo: Dimension) -> None:
    """Sum a region (then the world) only where every part is a plain figure."""
    for node in [n for n in geo.children if n != geo.root] + [geo.root]:
        for sex in SEX.categories():
            parts = [cells.get((k, sex)) for k in geo.children[node]]
            if parts and all(isinstance(v, int) for v in parts):
                cells[(node, sex)] = sum(v for v in parts if isinstance(v, int))


def protected_victims_table(
    cube: UnodcCube, places: Gazette, year: int, region: str | None, threshold: int
) -> tuple[Dimension, Table, SuppressedTable]:
    countries = set(places.in_region(region))
    cells = _country_cells(cube, year, countries)
    reporting = sorted({iso3 for iso3, _ in cells})
    if region is None:
        parent = {c: places.bureaus[c] for c in reporting}
        parent |= dict.fromkeys(set(parent.values()), WORLD)
        geo = Dimension.tree("geo", WORLD, parent)
    else:
        geo = Dimension.tree("geo", region, dict.fromkeys(reporting, region))
    _add_exact_totals(cells, geo)
    table = cross_table([geo, SEX], cells)
    return geo, table, suppress(table, threshold)


def victims_sex_table(
    cube: UnodcCube, places: Gazette, year: int, region: str | None, threshold: int
) -> Figure:
    geo, _, result = protected_victims_table(cube, places, year, region, threshold)
    if region is None:
        shown = [*sorted(b for b in geo.children if b != WORLD), WORLD]
    else:
        shown = [*sorted(geo.children.get(region, ()), key=lambda c: places.names.get(c, c)),
                 region]  # fmt: skip
    rows: list[dict[str, Any]] = []
    display: dict[tuple[int, str], str] = {}
    drawn: list[dict[str, Any]] = []
    for i, place in enumerate(shown):
        name = REGIONS.get(place, places.names.get(place, place))
        row: dict[str, Any] = {"place": WORLD if place == WORLD else name}
        for sex in SEX.categories():
            cell = result.cells.get((place, sex))
            if cell is not None:
                row[sex] = cell.value
                if cell.reason is not None:
                    display[(i, sex)] = cell.display
                bar = cell.value
            else:
                row[sex] = None
                bar = _published_parts(result, geo, place, sex)
                if bar is not None:
                    display[(i, sex)] = f"≥ {bar:,}"
            if sex in SEXES and place != shown[-1] and bar:
                basis = "published total" if cell is not None else "published parts (at least)"
                drawn.append({"place": row["place"], "sex": sex, "victims": bar, "basis": basis})
        rows.append(row)
    long = drawn
    scope = "by region" if region is None else f"in the {REGIONS[region]} region"
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"Detected victims {scope} by sex, {year}, after disclosure control",
        "width": "container",
        "height": max(160, 22 * len(long) // 3 + 40),
        "data": {"values": long},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "place", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "victims", "type": "quantitative", "title": "Victims detected",
                  "stack": "zero"},
            "color": {"field": "sex", "type": "nominal", "title": "Sex",
                      "scale": {"domain": list(SEXES), "range": ["#8168b3", "#1a4480", "#71767a"]}},
            "tooltip": [{"field": "place"}, {"field": "sex"}, {"field": "victims"},
                        {"field": "basis", "title": "Drawn from"}],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    caveats = [result.legend, CENSOR_CAVEAT, INCOMPLETE_CAVEAT]
    if result.exposed:
        caveats.append(
            f"{len(result.exposed)} withheld cell(s) could not be protected by withholding "
            "others; they are marked but remain inferable from the source's own figures."
        )
    return Figure(
        slug="victims-sex-table",
        title=f"Detected victims {scope} by sex, {year}",
        description=(
            f"Small counts are withheld (threshold {result.threshold}), with the totals and "
            "other cells that would let a reader work them out. The chart draws only the "
            "figures published: where a total is withheld or incomplete, the bar is the sum of the "
            "published parts, a lower bound."
        ),
        columns=(Column("place", "Place"), *(Column(s, s, True) for s in SEX.categories())),
        rows=rows,
        spec=spec,
        sources=(cube.source,),
        caveats=tuple(caveats),
        display=display,
    )


def _published_parts(result: SuppressedTable, geo: Dimension, place: str, sex: str) -> int | None:
    """The sum of the published figures under ``place`` (recursively), or None if none."""
    total = 0
    seen = False
    for child in geo.children.get(place, ()):
        cell = result.cells.get((child, sex))
        if cell is not None and cell.reason is None and cell.value is not None:
            total += cell.value
            seen = True
        elif cell is None:
            below = _published_parts(result, geo, child, sex)
            if below is not None:
                total += below
                seen = True
    return total if seen else None
