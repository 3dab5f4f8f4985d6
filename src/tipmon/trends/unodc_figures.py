"""Figures over UNODC's country figures: regional sums, victims by sex, age and form of
exploitation, country comparisons, reporting coverage and the indicator map."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA
from tipmon.trends.figures import Column, Figure
from tipmon.trends.record import REGIONS, Count, Gazette, TierRecord, UnodcCube

VICTIMS = "Detected trafficking victims"
PROSECUTED = "Persons prosecuted"
CONVICTED = "Persons convicted"
INDICATORS = (
    VICTIMS,
    PROSECUTED,
    CONVICTED,
    "Persons brought into formal contact",
    "Offences of trafficking in persons",
)
SEXES = ("Female", "Male", "Other")
AGES = ("0 to 17 years", "18 years or over")
LINE_COLOURS = ["#1a4480", "#e66f0e", "#538200", "#8168b3", "#c05600"]
REPORTING_CAVEAT = (
    "Sums run over the countries that reported that year; which countries report changes "
    "from year to year, so a rise or fall can reflect reporting as much as trafficking."
)
CENSOR_CAVEAT = (
    "UNODC publishes counts from 1 to 4 only as '<5'. A sum that includes such cells is "
    "shown as '≥ N' (N counts them as 0) or, when it holds nothing else, as '<5' or '≤ N'; "
    "it is never filled in with a guess."
)


def _scope(region: str | None) -> str:
    return "worldwide" if region is None else f"{REGIONS[region]} region"


@dataclass(frozen=True, slots=True)
class Sum:
    """A sum of published counts; censored cells make it a range, from ``known`` (each
    censored cell at 0) to ``upper`` (each at its largest possible value)."""

    known: int
    censored: int
    reporting: int
    upper: int

    @property
    def shown(self) -> str:
        if not self.censored:
            return f"{self.known:,}"
        if self.known == 0:
            return f"<{self.upper + 1}" if self.censored == 1 else f"≤ {self.upper:,}"
        return f"≥ {self.known:,}"


def sum_counts(counts: Iterable[Count]) -> Sum:
    known = censored = reporting = slack = 0
    for c in counts:
        reporting += 1
        if c.value is None:
            censored += 1
            slack += (c.below or 1) - 1
        else:
            known += c.value
    return Sum(known, censored, reporting, known + slack)


def _sums_by_year(
    cube: UnodcCube, countries: set[str], sex: str = "Total", age: str = "Total",
    category: str = "Total",
) -> dict[int, Sum]:  # fmt: skip
    grouped: dict[int, list[Count]] = {}
    for (iso3, year, s, a, cat), count in cube.cells.items():
        if iso3 in countries and s == sex and a == age and cat == category:
            grouped.setdefault(year, []).append(count)
    return {y: sum_counts(v) for y, v in sorted(grouped.items())}


def _line_spec(
    description: str, rows: list[dict[str, Any]], series: list[tuple[str, str]], y_title: str
) -> dict[str, Any]:
    long = [
        {"year": r["year"], "series": label, "value": r[key], "shown": r.get(f"{key}_shown")}
        for r in rows
        for key, label in series
        if r.get(key) is not None
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "height": 280,
        "data": {"values": long},
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "title": "Data year",
                  "axis": {"format": "d"}},
            "y": {"field": "value", "type": "quantitative", "title": y_title},
            "color": {"field": "series", "type": "nominal", "title": None,
                      "scale": {"domain": [label for _, label in series],
                                "range": LINE_COLOURS[: len(series)]}},
            "tooltip": [{"field": "year", "title": "Year"},
                        {"field": "series", "title": "Series"},
                        {"field": "shown", "title": "Count"}],
        },
        "config": CHART_CONFIG,
    }  # fmt: skip


def _series_figure(
    slug: str,
    title: str,
    description: str,
    sums: dict[str, dict[int, Sum]],
    cube: UnodcCube,
    extra_caveats: tuple[str, ...] = (),
) -> Figure:
    keys = list(sums)
    years = sorted({y for per_year in sums.values() for y in per_year})
    rows: list[dict[str, Any]] = []
    display: dict[tuple[int, str], str] = {}
    for i, year in enumerate(years):
        row: dict[str, Any] = {"year": year}
        for n, key in enumerate(keys):
            total = sums[key].get(year)
            col = f"s{n}"
            row[col] = None if total is None else total.known
            row[f"{col}_shown"] = None if total is None else total.shown
            row[f"{col}_reporting"] = None if total is None else total.reporting
            if total is not None:
                display[(i, col)] = total.shown
        rows.append(row)
    columns: list[Column] = [Column("year", "Data year")]
    for n, key in enumerate(keys):
        columns += [Column(f"s{n}", key, True), Column(f"s{n}_reporting", "Countries", True)]
    spec = _line_spec(title, rows, [(f"s{n}", k) for n, k in enumerate(keys)], "Persons")
    return Figure(
        slug=slug,
        title=title,
        description=description,
        columns=tuple(columns),
        rows=rows,
        spec=spec,
        sources=(cube.source,),
        caveats=(REPORTING_CAVEAT, CENSOR_CAVEAT, *extra_caveats),
        display=display,
    )


def regional_law_enforcement(
    cubes: dict[str, UnodcCube], places: Gazette, region: str | None
) -> Figure:
    countries = set(places.in_region(region))
    sums = {
        label: _sums_by_year(cubes[name], countries)
        for name, label in (
            (VICTIMS, "Victims detected"),
            (PROSECUTED, "Persons prosecuted"),
            (CONVICTED, "Persons convicted"),
        )
    }
    return _series_figure(
        "regional-law-enforcement",
        f"Victims detected, persons prosecuted and convicted, {_scope(region)}",
        "Sums of the country figures UNODC publishes, with how many countries reported.",
        sums,
        cubes[VICTIMS],
    )


def victims_by_sex(cube: UnodcCube, places: Gazette, region: str | None) -> Figure:
    countries = set(places.in_region(region))
    sums = {sex: _sums_by_year(cube, countries, sex=sex) for sex in SEXES}
    return _series_figure(
        "victims-by-sex",
        f"Detected victims by sex, {_scope(region)}",
        "Victims of all ages, by sex as the country reported it.",
        sums,
        cube,
    )


def victims_by_age(cube: UnodcCube, places: Gazette, region: str | None) -> Figure:
    countries = set(places.in_region(region))
    labels = {"0 to 17 years": "Children (0-17)", "18 years or over": "Adults (18+)"}
    sums = {labels[age]: _sums_by_year(cube, countries, age=age) for age in AGES}
    return _series_figure(
        "victims-by-age",
        f"Detected victims, children and adults, {_scope(region)}",
        "Victims of either sex, by age group.",
        sums,
        cube,
    )


def victims_by_form(cube: UnodcCube, places: Gazette, region: str | None) -> Figure:
    countries = set(places.in_region(region))
    forms = sorted({k[4] for k in cube.cells if k[4] not in {"", "Total"}})
    sums = {form: _sums_by_year(cube, countries, category=form) for form in forms}
    return _series_figure(
        "victims-by-form",
        f"Detected victims by form of exploitation, {_scope(region)}",
        "Victims of all ages and sexes, by the form of exploitation UNODC records.",
        sums,
        cube,
        ("Drawn from the imported UNODC export, not the bundled totals.",),
    )


def compare_indicator(cube: UnodcCube, places: Gazette, codes: list[str]) -> Figure:
    rows: list[dict[str, Any]] = []
    for year in cube.years:
        row: dict[str, Any] = {"year": year}
        for code in codes:
            count = cube.cells.get((code, year, "Total", "Total", "Total"))
            row[code] = None if count is None else count.value
            row[f"{code}_shown"] = f"<{count.below}" if count and count.censored else None
        if any(row[c] is not None or row[f"{c}_shown"] for c in codes):
            rows.append(row)
    display = {
        (i, code): row[f"{code}_shown"]
        for i, row in enumerate(rows)
        for code in codes
        if row[f"{code}_shown"]
    }
    series = [(c, places.names.get(c, c)) for c in codes]
    spec = _line_spec(f"{cube.indicator} in the compared countries", rows, series, "Persons")
    return Figure(
        slug="compare-indicator",
        title=f"{cube.indicator}, as UNODC publishes it",
        description="One line per country; a '<5' cell is left off the line, not drawn as 0.",
        columns=(Column("year", "Data year"), *(Column(c, n, True) for c, n in series)),
        rows=rows,
        spec=spec,
        sources=(cube.source,),
        caveats=(CENSOR_CAVEAT,),
        display=display,
    )


def coverage_summary(
    cubes: dict[str, UnodcCube], record: TierRecord, places: Gazette, region: str | None
) -> Figure:
    countries = set(places.in_region(region))
    per_indicator = {
        name: {
            y: len({k[0] for k in cube.cells if k[1] == y and k[0] in countries})
            for y in cube.years
        }
        for name, cube in cubes.items()
    }
    years = sorted({y for counts in per_indicator.values() for y in counts})
    keyed = [(f"i{n}", name) for n, name in enumerate(cubes)]
    rows = [{"year": y, **{k: per_indicator[name].get(y, 0) for k, name in keyed}} for y in years]
    spec = _line_spec(
        "Countries reporting each UNODC indicator by data year",
        rows,
        keyed,
        "Countries reporting",
    )
    spec["encoding"]["tooltip"][2] = {"field": "value", "title": "Countries"}
    return Figure(
        slug="coverage-summary",
        title=f"Countries reporting each indicator, {_scope(region)}",
        description="How many countries have a published UNODC figure for each data year.",
        columns=(Column("year", "Data year"), *(Column(k, n, True) for k, n in keyed)),
        rows=rows,
        spec=spec,
        sources=(next(iter(cubes.values())).source, record.source),
        caveats=("A country counts as reporting when UNODC publishes any figure for it.",),
    )


def coverage_grid(
    cubes: dict[str, UnodcCube], record: TierRecord, places: Gazette, region: str | None
) -> Figure:
    """Which countries report what, when: indicators published per country and year."""
    countries = places.in_region(region)
    reported: dict[tuple[str, int], set[str]] = {}
    for name, cube in cubes.items():
        for iso3, year, *_ in cube.cells:
            reported.setdefault((iso3, year), set()).add(name)
    years = sorted({y for _, y in reported})
    rows = []
    long = []
    for iso3 in countries:
        row: dict[str, Any] = {"country": places.names.get(iso3, iso3)}
        total = 0
        for y in years:
            n = len(reported.get((iso3, y), ()))
            row[str(y)] = n
            total += n
            if n:
                long.append({"country": row["country"], "year": y, "indicators": n})
        placed = sum(1 for y in record.years if (iso3, y) in record.placements)
        row["placed_years"] = placed
        if total or placed:
            rows.append(row)
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": "Indicators reported per country and data year",
        "width": "container",
        "height": max(200, 11 * len(rows)),
        "data": {"values": long},
        "mark": {"type": "rect", "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Data year"},
            "y": {"field": "country", "type": "nominal", "title": None,
                  "axis": {"labelFontSize": 9}},
            "color": {"field": "indicators", "type": "quantitative", "title": "Indicators",
                      "scale": {"scheme": "blues", "domain": [0, len(cubes)]}},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug="coverage-grid",
        title=f"Who reports what, when ({_scope(region)})",
        description=(
            f"For each country and data year, how many of the {len(cubes)} UNODC indicators "
            "have a published figure; the last column counts the report years with a tier "
            "placement in our record."
        ),
        columns=(
            Column("country", "Country"),
            *(Column(str(y), str(y), True) for y in years),
            Column("placed_years", "Years placed", True),
        ),
        rows=rows,
        spec=spec,
        sources=(next(iter(cubes.values())).source, record.source),
    )
