"""Read-side data functions: the program list, a program's page, country and objective
roll-ups. Each returns dataclasses; pages render them and the CSV routes export the same
figures (one data function, two renderings).

Roll-ups add up only count indicators that share a code (the office's standard indicator
codes); percentages are listed but never summed. Money by objective area counts a program
once in each area it serves, so those columns do not add up to the total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from tipmon.assistance import award_rules
from tipmon.assistance.models import Funding, Indicator, IndicatorValue, Program
from tipmon.assistance.models.programs import OBJECTIVE_AREAS, SCOPE_BUREAUS
from tipmon.assistance.services import GRANTS_KEY
from tipmon.core.provenance import DatasetRef
from tipmon.data.services import dataset_ref
from tipmon.trends.charts import CHART_CONFIG, VEGA_LITE_SCHEMA
from tipmon.trends.figures import Column, Figure

ZERO = Decimal("0.00")
MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=15, decimal_places=2)


def records_ref(as_of: date | None = None) -> DatasetRef:
    """The office's own records as a citation for figures drawn from them."""
    today = as_of or date.today()
    return DatasetRef(
        key="assistance_records",
        title="Assistance programs, funding and results recorded in TIP Monitor",
        producer="The office's program officers",
        edition=f"as recorded on {today.isoformat()}",
        accessed=today,
        licence="Internal working data, not for publication",
        attribution="Program, funding and results records kept by the office's program "
        "officers in TIP Monitor (awards, obligations, disbursements, indicator values).",
        caveats="Values are as reported by implementers and entered by program officers; "
        "historical grants (FY2001-2014) carry one funding line each, obligated equal to "
        "disbursed, from the bundled grant records.",
        source_url="",
    )


def _sources(programs: QuerySet[Program] | list[Program]) -> tuple[DatasetRef, ...]:
    refs = [records_ref()]
    if any(p.source_dataset_id for p in programs):
        refs.append(dataset_ref(GRANTS_KEY))
    return tuple(refs)


@dataclass(frozen=True, slots=True)
class ProgramFilters:
    country: str = ""
    bureau: str = ""
    objective: str = ""
    status: str = ""
    fiscal_year: int | None = None

    def query(self) -> Q:
        q = Q()
        if self.country:
            q &= Q(country_id=self.country.upper())
        if self.bureau:
            q &= Q(bureau=self.bureau) | Q(country__bureau=self.bureau)
        if self.objective in OBJECTIVE_AREAS:
            q &= Q(**{self.objective: True})
        if self.status:
            q &= Q(status=self.status)
        if self.fiscal_year:
            q &= Q(funding__fiscal_year=self.fiscal_year)
        return q


def _with_money(programs: QuerySet[Program], fiscal_year: int | None) -> QuerySet[Program]:
    only = Q(funding__fiscal_year=fiscal_year) if fiscal_year else Q()
    obligated = Sum("funding__obligated_usd", filter=only)
    disbursed = Sum("funding__disbursed_usd", filter=only)
    return programs.annotate(
        obligated=Coalesce(obligated, Value(ZERO), output_field=MONEY),
        disbursed=Coalesce(disbursed, Value(ZERO), output_field=MONEY),
    )


@dataclass(frozen=True, slots=True)
class ProgramList:
    programs: QuerySet[Program]
    count: int
    obligated: Decimal
    disbursed: Decimal
    filters: ProgramFilters
    sources: tuple[DatasetRef, ...]


def program_list(filters: ProgramFilters) -> ProgramList:
    ids = Program.objects.filter(filters.query()).values("pk").distinct()
    chosen = Program.objects.filter(pk__in=ids)
    money = Funding.objects.filter(program__in=ids)
    if filters.fiscal_year:
        money = money.filter(fiscal_year=filters.fiscal_year)
    totals = money.aggregate(o=Sum("obligated_usd"), d=Sum("disbursed_usd"))
    programs = _with_money(chosen, filters.fiscal_year).select_related("country")
    imported = chosen.filter(source_dataset__isnull=False).exists()
    sources = (records_ref(), dataset_ref(GRANTS_KEY)) if imported else (records_ref(),)
    return ProgramList(
        programs.order_by("-start_date", "code"), chosen.count(), totals["o"] or ZERO,
        totals["d"] or ZERO, filters, sources,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    indicator: Indicator
    rows: list[award_rules.Comparison]
    figure: Figure


@dataclass(frozen=True, slots=True)
class ProgramDetail:
    program: Program
    funding: list[Funding]
    obligated: Decimal
    disbursed: Decimal
    indicators: list[IndicatorResult]
    values: list[IndicatorValue]
    sources: tuple[DatasetRef, ...]
    figures: list[Figure] = field(default_factory=list)


def _cells(values: list[IndicatorValue]) -> list[award_rules.Cell]:
    return [
        award_rules.Cell(v.indicator.code, v.period.label, v.period.end, v.kind, v.sex, v.age,
                         v.value)
        for v in values
    ]  # fmt: skip


def _number(value: Decimal | None) -> int | float | None:
    """Whole amounts as integers (shown without decimals), others as floats."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_figure(
    program: Program, indicator: Indicator, rows: list[award_rules.Comparison],
    sources: tuple[DatasetRef, ...],
) -> Figure:  # fmt: skip
    unit = "percent" if indicator.unit == "percent" else "count"
    values = [
        {"period": r.period, "order": i, "kind": kind, "value": _number(amount)}
        for i, r in enumerate(rows)
        for kind, amount in (("Target", r.target), ("Actual", r.actual))
        if amount is not None
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"{indicator.code} {indicator.title}: target and actual by period",
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "period", "type": "nominal", "title": "Reporting period",
                  "sort": {"field": "order"}},
            "xOffset": {"field": "kind", "sort": ["Target", "Actual"]},
            "y": {"field": "value", "type": "quantitative",
                  "title": "Percent" if unit == "percent" else "Count"},
            "color": {"field": "kind", "type": "nominal", "title": None,
                      "scale": {"domain": ["Target", "Actual"], "range": ["#a9aeb1", "#1a4480"]}},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    baseline = (
        f" Baseline {indicator.baseline_value} ({indicator.baseline_year})."
        if indicator.baseline_value is not None
        else ""
    )
    table = [
        {"period": r.period, "period_end": r.period_end.isoformat(),
         "target": _number(r.target), "actual": _number(r.actual),
         "achieved": _number(r.achieved)}
        for r in rows
    ]  # fmt: skip
    return Figure(
        slug=f"indicator-{slugify(indicator.code)}",
        title=f"{indicator.code}: {indicator.title}",
        description=f"Target against actual by reporting period ({indicator.get_unit_display()},"
        f" {indicator.get_direction_display().lower()}).{baseline}",
        columns=(
            Column("period", "Period"),
            Column("period_end", "Period ends"),
            Column("target", "Target", numeric=True),
            Column("actual", "Actual", numeric=True),
            Column("achieved", "Actual / target", numeric=True, percent=True),
        ),
        rows=table,
        spec=spec,
        sources=sources,
        caveats=(
            "Totals are the recorded total, or for counts the sum of one complete breakdown "
            "(by sex, else by age); percentages are never summed.",
        ),
    )


def program_detail(program: Program) -> ProgramDetail:
    funding = list(program.funding.all())
    values = list(
        IndicatorValue.objects.filter(indicator__program=program).select_related(
            "indicator", "period"
        )
    )
    sources = _sources([program])
    by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in values:
        by_indicator[v.indicator_id].append(v)
    results = []
    for indicator in program.indicators.all():
        rows = award_rules.compare(_cells(by_indicator[indicator.pk]), indicator.unit)
        results.append(
            IndicatorResult(indicator, rows, indicator_figure(program, indicator, rows, sources))
        )
    money = funding_figure(
        funding_by_year(Program.objects.filter(pk=program.pk)),
        f"funding-{slugify(program.code)}", program.code, sources,
    )  # fmt: skip
    return ProgramDetail(
        program, funding, sum((f.obligated_usd for f in funding), ZERO),
        sum((f.disbursed_usd for f in funding), ZERO), results, values, sources,
        [money, *(r.figure for r in results)],
    )  # fmt: skip


# Roll-ups


@dataclass(frozen=True, slots=True)
class YearMoney:
    fiscal_year: int
    obligated: Decimal
    disbursed: Decimal


def funding_by_year(programs: QuerySet[Program]) -> list[YearMoney]:
    rows = (
        Funding.objects.filter(program__in=programs)
        .values("fiscal_year")
        .annotate(o=Sum("obligated_usd"), d=Sum("disbursed_usd"))
        .order_by("fiscal_year")
    )
    return [YearMoney(r["fiscal_year"], r["o"] or ZERO, r["d"] or ZERO) for r in rows]


def funding_figure(
    years: list[YearMoney], slug: str, subject: str, sources: tuple[DatasetRef, ...]
) -> Figure:
    values = [
        {"fiscal_year": str(y.fiscal_year), "measure": measure, "usd": float(amount)}
        for y in years
        for measure, amount in (("Obligated", y.obligated), ("Disbursed", y.disbursed))
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"{subject}: US dollars obligated and disbursed by fiscal year",
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "fiscal_year", "type": "ordinal", "title": "Fiscal year"},
            "xOffset": {"field": "measure", "sort": ["Obligated", "Disbursed"]},
            "y": {"field": "usd", "type": "quantitative", "title": "US dollars"},
            "color": {"field": "measure", "type": "nominal", "title": None,
                      "scale": {"domain": ["Obligated", "Disbursed"],
                                "range": ["#73b3e7", "#1a4480"]}},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug=slug,
        title=f"Funding by fiscal year: {subject}",
        description="US dollars obligated and disbursed in each US fiscal year (October to "
        "September).",
        columns=(
            Column("fiscal_year", "Fiscal year"),
            Column("obligated_usd", "Obligated (USD)", numeric=True),
            Column("disbursed_usd", "Disbursed (USD)", numeric=True),
        ),
        rows=[
            {
                "fiscal_year": str(y.fiscal_year),
                "obligated_usd": _number(y.obligated),
                "disbursed_usd": _number(y.disbursed),
            }
            for y in years
        ],
        spec=spec,
        sources=sources,
    )


@dataclass(frozen=True, slots=True)
class AreaMoney:
    area: str
    programs: int
    obligated: Decimal
    disbursed: Decimal


def funding_by_area(programs: QuerySet[Program]) -> list[AreaMoney]:
    out = []
    for area in OBJECTIVE_AREAS:
        serving = programs.filter(**{area: True})
        money = Funding.objects.filter(program__in=serving).aggregate(
            o=Sum("obligated_usd"), d=Sum("disbursed_usd")
        )
        out.append(AreaMoney(area, serving.count(), money["o"] or ZERO, money["d"] or ZERO))
    return out


def results_of(programs: QuerySet[Program]) -> list[award_rules.ProgramResult]:
    values = IndicatorValue.objects.filter(indicator__program__in=programs).select_related(
        "indicator__program", "period"
    )
    cells: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in values:
        cells[v.indicator_id].append(v)
    out = []
    for indicator in Indicator.objects.filter(program__in=programs).select_related("program"):
        rows = award_rules.compare(_cells(cells[indicator.pk]), indicator.unit)
        out.append(
            award_rules.ProgramResult(
                indicator.program.code,
                indicator.code,
                indicator.title,
                indicator.unit,
                tuple(rows),
            )
        )
    return out


def results_figure(
    rolled: list[award_rules.RolledIndicator], slug: str, sources: tuple[DatasetRef, ...]
) -> Figure:
    values = [
        {"label": f"{r.code} {r.year}", "kind": kind, "value": _number(amount)}
        for r in rolled
        for kind, amount in (("Target", r.target), ("Actual", r.actual))
        if amount is not None
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": "Count indicators summed across programs: target and actual by year",
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "label", "type": "nominal", "title": "Indicator and year",
                  "sort": None},
            "xOffset": {"field": "kind", "sort": ["Target", "Actual"]},
            "y": {"field": "value", "type": "quantitative", "title": "Count"},
            "color": {"field": "kind", "type": "nominal", "title": None,
                      "scale": {"domain": ["Target", "Actual"], "range": ["#a9aeb1", "#1a4480"]}},
        },
        "config": CHART_CONFIG,
    }  # fmt: skip
    return Figure(
        slug=slug,
        title="Results rolled up: count indicators summed across programs",
        description="Targets and actuals of count indicators that share a code, summed by the "
        "year their reporting period ends.",
        columns=(
            Column("code", "Indicator"),
            Column("title", "Title"),
            Column("year", "Year"),
            Column("target", "Target", numeric=True),
            Column("actual", "Actual", numeric=True),
            Column("programs", "Programs", numeric=True),
        ),
        rows=[
            {
                "code": r.code,
                "title": r.title,
                "year": r.year,
                "target": _number(r.target),
                "actual": _number(r.actual),
                "programs": r.programs,
            }
            for r in rolled
        ],
        spec=spec,
        sources=sources,
        caveats=("Percentage indicators are listed on the page but never summed.",),
    )


@dataclass(frozen=True, slots=True)
class Rollup:
    """All programs in a country, or serving an objective area, with money and results."""

    subject: str
    programs: QuerySet[Program]
    count: int
    obligated: Decimal
    disbursed: Decimal
    areas: list[AreaMoney]
    rolled: list[award_rules.RolledIndicator]
    not_summed: list[str]
    figures: list[Figure]
    sources: tuple[DatasetRef, ...]
    extra: dict[str, Any] = field(default_factory=dict)


def rollup(programs: QuerySet[Program], subject: str, slug: str) -> Rollup:
    years = funding_by_year(programs)
    rolled, not_summed = award_rules.roll_up(results_of(programs))
    imported = programs.filter(source_dataset__isnull=False).exists()
    sources = (records_ref(), dataset_ref(GRANTS_KEY)) if imported else (records_ref(),)
    figures = [
        funding_figure(years, f"{slug}-funding", subject, sources),
        results_figure(rolled, f"{slug}-results", sources),
    ]
    return Rollup(
        subject, _with_money(programs, None).select_related("country").order_by("-start_date"),
        programs.count(), sum((y.obligated for y in years), ZERO),
        sum((y.disbursed for y in years), ZERO), funding_by_area(programs), rolled, not_summed,
        figures, sources,
    )  # fmt: skip


def country_rollup(iso3: str) -> Rollup:
    return rollup(Program.objects.filter(country_id=iso3), iso3, f"country-{iso3.lower()}")


def regional_programs(bureau: str) -> QuerySet[Program]:
    """Programs for the country's region as a whole (not counted in its roll-up)."""
    return Program.objects.filter(bureau=bureau).order_by("-start_date")


def objective_rollup(area: str) -> Rollup:
    chosen = Program.objects.filter(**{area: True})
    result = rollup(chosen, area.capitalize(), f"objective-{area}")
    by_place = (
        Funding.objects.filter(program__in=chosen)
        .values("program__country__bureau", "program__bureau")
        .annotate(o=Sum("obligated_usd"), d=Sum("disbursed_usd"), n=Count("program", distinct=True))
    )
    names = dict(SCOPE_BUREAUS)
    places: dict[str, list[Decimal]] = {}
    for row in by_place:
        key = names.get(row["program__country__bureau"] or row["program__bureau"], "Unknown")
        o, d = places.setdefault(key, [ZERO, ZERO])
        places[key] = [o + (row["o"] or ZERO), d + (row["d"] or ZERO)]
    result.extra["by_region"] = sorted(places.items())
    return result


@dataclass(frozen=True, slots=True)
class CountrySummary:
    iso3: str
    programs: int
    active: int
    obligated: Decimal


def country_summary(iso3: str) -> CountrySummary:
    """The short line the assessment page shows ("Assistance in this country")."""
    chosen = Program.objects.filter(country_id=iso3)
    money = Funding.objects.filter(program__in=chosen).aggregate(o=Sum("obligated_usd"))
    return CountrySummary(
        iso3, chosen.count(), chosen.filter(status="active").count(), money["o"] or ZERO
    )
