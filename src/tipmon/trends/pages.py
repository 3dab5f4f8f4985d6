"""The trends pages as data: each page function parses its parameters and returns a
:class:`TrendsPage` of figures, which the views render as HTML, CSV, JSON or SVG."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from tipmon.core.params import BadParameter, bureau_param, int_param
from tipmon.countries.services import forecast_model
from tipmon.trends import (
    disclosed_figures,
    forecast_figures,
    map_figures,
    tier_figures,
    unodc_figures,
)
from tipmon.trends.charts import law_enforcement_spec
from tipmon.trends.disclosure_settings import threshold
from tipmon.trends.figures import Column, Figure
from tipmon.trends.record import (
    REGIONS,
    breakdowns_loaded,
    gazette,
    tier_record,
    unodc_cube,
)
from tipmon.trends.services import LAW_ENFORCEMENT_FIELDS, law_enforcement_series

INDICATOR_SLUGS = {
    "victims": unodc_figures.VICTIMS,
    "prosecuted": unodc_figures.PROSECUTED,
    "convicted": unodc_figures.CONVICTED,
    "formal-contact": "Persons brought into formal contact",
    "offences": "Offences of trafficking in persons",
}
MAX_COMPARED = 5
FORM_DIMENSION = "by form of exploitation"


@dataclass(frozen=True, slots=True)
class Control:
    name: str
    label: str
    options: list[tuple[str, str]]
    selected: list[str]
    multiple: bool = False


@dataclass(slots=True)
class TrendsPage:
    title: str
    intro: str
    controls: list[Control]
    figures: list[Figure]
    notices: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _region_control(region: str | None) -> Control:
    options = [("", "Worldwide"), *REGIONS.items()]
    return Control("region", "Region", options, [region or ""])


def _year_control(name: str, label: str, years: Iterable[int], selected: int) -> Control:
    return Control(name, label, [(str(y), str(y)) for y in years], [str(selected)])


def _indicator(value: str | None, default: str = "victims") -> str:
    slug = value or default
    if slug not in INDICATOR_SLUGS:
        raise BadParameter("indicator", f"{slug!r} is not one of {', '.join(INDICATOR_SLUGS)}")
    return slug


def _indicator_control(slug: str) -> Control:
    return Control("indicator", "Indicator", list(INDICATOR_SLUGS.items()), [slug])


def _year(query: QueryDict, name: str, years: range, default: int) -> int:
    value = int_param(query.get(name), name, minimum=years.start, maximum=years.stop - 1)
    return default if value is None else value


def tiers_page(query: QueryDict) -> TrendsPage:
    region = bureau_param(query.get("region"))
    record, places = tier_record(), gazette()
    return TrendsPage(
        "Tier trends",
        "How the tiers have moved since the first report: the countries on each tier every "
        "year, worldwide or by region.",
        [_region_control(region)],
        [tier_figures.tier_distribution(record, places, region)],
    )


def transitions_page(query: QueryDict) -> TrendsPage:
    record, places = tier_record(), gazette()
    region = bureau_param(query.get("region"))
    second = _year(query, "to", record.years, record.last)
    first = _year(query, "from", record.years, max(record.first, second - 1))
    if first >= second:
        raise BadParameter("from", f"{first} must be earlier than 'to' ({second})")
    figure, members = tier_figures.transition_matrix(record, places, first, second, region)
    return TrendsPage(
        "Tier transitions",
        "Where the countries on each tier in one report year stood in another.",
        [
            _year_control("from", "From report year", record.years, first),
            _year_control("to", "To report year", record.years, second),
            _region_control(region),
        ],
        [figure],
        extra={"members": members},
    )


def movers_page(query: QueryDict) -> TrendsPage:
    record, places = tier_record(), gazette()
    region = bureau_param(query.get("region"))
    second = _year(query, "to", record.years, record.last)
    first = _year(query, "from", record.years, max(record.first, second - 5))
    if first >= second:
        raise BadParameter("from", f"{first} must be earlier than 'to' ({second})")
    limit = int_param(query.get("limit"), "limit", minimum=1, maximum=100) or 15
    return TrendsPage(
        "Improvers and decliners",
        "The countries that moved furthest up or down the tiers between two report years.",
        [
            _year_control("from", "From report year", record.years, first),
            _year_control("to", "To report year", record.years, second),
            _region_control(region),
        ],
        tier_figures.movers_figures(record, places, first, second, region, limit),
    )


def law_enforcement_page(query: QueryDict) -> TrendsPage:
    region = bureau_param(query.get("region"))
    places = gazette()
    cubes = {
        name: unodc_cube(name)
        for name in (unodc_figures.VICTIMS, unodc_figures.PROSECUTED, unodc_figures.CONVICTED)
    }
    figures = [unodc_figures.regional_law_enforcement(cubes, places, region)]
    if region is None:
        figures.insert(0, global_law_enforcement())
    return TrendsPage(
        "Law enforcement trends",
        "Prosecutions, convictions and victims identified: the report's worldwide table, "
        "and UNODC's country figures summed by region.",
        [_region_control(region)],
        figures,
    )


def global_law_enforcement() -> Figure:
    series = law_enforcement_series()
    rows: list[dict[str, Any]] = []
    display: dict[tuple[int, str], str] = {}
    for i, p in enumerate(series.points):
        rows.append({name: getattr(p, name) for name in LAW_ENFORCEMENT_FIELDS})
        for key in ("prosecutions", "convictions", "victims_identified"):
            labor = getattr(p, f"{key}_labor")
            if labor is not None and getattr(p, key) is not None:
                display[(i, key)] = f"{getattr(p, key):,} ({labor:,})"
    return Figure(
        slug="global-law-enforcement",
        title="Worldwide law enforcement, as the report tallies it",
        description="Labor trafficking subsets in parentheses, as the report prints them.",
        columns=(
            Column("data_year", "Data year"),
            Column("prosecutions", "Prosecutions", True),
            Column("convictions", "Convictions", True),
            Column("victims_identified", "Victims identified", True),
            Column("new_or_amended_legislation", "New or amended laws", True),
            Column("source", "Source"),
        ),
        rows=rows,
        spec=law_enforcement_spec(series.points),
        sources=(series.dataset,),
        caveats=(
            "Figures are as governments reported them to the Department of State; a rise may "
            "reflect better reporting.",
        ),
        display=display,
    )


def victims_page(query: QueryDict) -> TrendsPage:
    region = bureau_param(query.get("region"))
    places = gazette()
    cube = unodc_cube(unodc_figures.VICTIMS)
    years = cube.years or [tier_record().last]
    year = _year(query, "year", range(years[0], years[-1] + 1), years[-1])
    figures = [
        unodc_figures.victims_by_sex(cube, places, region),
        unodc_figures.victims_by_age(cube, places, region),
        disclosed_figures.victims_sex_table(cube, places, year, region, threshold()),
    ]
    notices = []
    if breakdowns_loaded():
        forms = unodc_cube(unodc_figures.VICTIMS, FORM_DIMENSION)
        figures.append(unodc_figures.victims_by_form(forms, places, region))
    else:
        notices.append(
            "Victims by form of exploitation need UNODC's full export, which is not bundled. "
            "An operator imports it with `tipmon data import unodc FILE`."
        )
    return TrendsPage(
        "Victims detected",
        "Victims detected by the authorities, by sex, age and form of exploitation, from "
        "UNODC's country figures.",
        [_region_control(region), _year_control("year", "Year of the table", years, year)],
        figures,
        notices,
    )


def _countries(query: QueryDict) -> list[str]:
    places = gazette()
    codes: list[str] = []
    for raw in query.getlist("country"):
        code = raw.strip().upper()
        if not code:
            continue
        if code not in places.names:
            raise BadParameter("country", f"{raw!r} is not a known country code")
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_COMPARED:
        raise BadParameter("country", f"compare at most {MAX_COMPARED} countries")
    return codes


def compare_page(query: QueryDict) -> TrendsPage:
    places, record = gazette(), tier_record()
    codes = _countries(query)
    slug = _indicator(query.get("indicator"))
    chosen = codes + [""] * (MAX_COMPARED - len(codes))
    options = [("", "—"), *sorted(((c, n) for c, n in places.names.items()), key=lambda x: x[1])]
    controls = [
        Control("country", f"Country {i + 1}", options, [code]) for i, code in enumerate(chosen)
    ]
    controls.append(_indicator_control(slug))
    figures = []
    notices = []
    if codes:
        figures = [
            tier_figures.compare_tiers(record, places, codes),
            unodc_figures.compare_indicator(unodc_cube(INDICATOR_SLUGS[slug]), places, codes),
        ]
    else:
        notices.append(f"Choose up to {MAX_COMPARED} countries to compare.")
    return TrendsPage(
        "Compare countries",
        f"Tier histories and UNODC figures of up to {MAX_COMPARED} countries side by side.",
        controls,
        figures,
        notices,
    )


def coverage_page(query: QueryDict) -> TrendsPage:
    region = bureau_param(query.get("region"))
    places, record = gazette(), tier_record()
    cubes = {name: unodc_cube(name) for name in INDICATOR_SLUGS.values()}
    return TrendsPage(
        "Data coverage",
        "Which countries report what, and when: the UNODC indicators published for each "
        "country and data year, beside the years our tier record places it.",
        [_region_control(region)],
        [
            unodc_figures.coverage_summary(cubes, record, places, region),
            unodc_figures.coverage_grid(cubes, record, places, region),
        ],
    )


def forecast_page(query: QueryDict) -> TrendsPage:
    limit = int_param(query.get("limit"), "limit", minimum=1, maximum=200) or 25
    model = forecast_model()
    if model is None:
        return TrendsPage("Tier forecast", "No placement is recorded yet.", [], [])
    return TrendsPage(
        "Tier forecast",
        f"A statistical estimate of each country's tier in the {model.outlook.year} report "
        "from what was known a year earlier: its tier history, the Watch List clock and "
        "UNODC law-enforcement trends. It is checked against every report since 2010.",
        [],
        [
            forecast_figures.likely_moves(model, gazette(), limit),
            forecast_figures.backtest_by_year(model),
        ],
        [forecast_figures.ESTIMATE_CAVEAT],
    )


def map_page(query: QueryDict, map_url: str) -> TrendsPage:
    places, record = gazette(), tier_record()
    layer = query.get("layer") or "tiers"
    layers = [("tiers", "Tier placements"), *INDICATOR_SLUGS.items()]
    if layer not in dict(layers):
        raise BadParameter("layer", f"{layer!r} is not one of {', '.join(k for k, _ in layers)}")
    notices: list[str] = []
    asked = int_param(query.get("year"), "year", minimum=1900, maximum=2100)
    if layer == "tiers":
        years: list[int] = list(record.years)
    else:
        cube = unodc_cube(INDICATOR_SLUGS[layer])
        years = cube.years or [record.last]
    year = years[-1] if asked is None else min(years, key=lambda y: (abs(y - asked), -y))
    if asked is not None and asked != year:
        notices.append(f"No figures for {asked} on this layer; showing {year}, the nearest year.")
    if layer == "tiers":
        result = map_figures.tier_map(record, places, year, map_url)
    else:
        result = map_figures.indicator_map(cube, places, year, map_url)
    return TrendsPage(
        "Maps",
        "Tier placements in any report year, or any UNODC indicator in any data year.",
        [Control("layer", "Show", layers, [layer]), _year_control("year", "Year", years, year)],
        [result.figure],
        notices,
        extra={"unmapped": result.unmapped},
    )
