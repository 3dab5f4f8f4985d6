"""Programs as IATI 2.03 activities: the mapping from our records to the pure writer.

One program is one activity. Its award code is the activity's own identifier (prefixed by
the office's IATI organisation identifier, setting ``TIPMON_IATI_REPORTING_ORG_REF``); its
funding lines become fiscal-year budgets, commitments (obligations) and disbursements; its
indicators, reporting periods and values become one result with sex and age dimensions.
See docs/iati.md for the whole mapping and the choices made.

Anything the standard cannot take (a country without a recorded alpha-2 code, text XML
cannot hold) stops the export with :class:`ExportRefused`, naming the program and the
field; nothing is written half-way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tipmon.assistance import iati
from tipmon.assistance.models import Funding, Indicator, IndicatorValue, Program
from tipmon.assistance.models.programs import (
    GLOBAL,
    Direction,
    ImplementerType,
    ProgramStatus,
    ReportingPeriod,
    Unit,
    ValueKind,
)
from tipmon.assistance.results import ProgramFilters, records_ref
from tipmon.core.provenance import DatasetRef

#: OECD DAC region codes (IATI Region code list, vocabulary 1) for programs that serve a
#: bureau's region rather than one country. East Asia and Pacific goes to "Asia, regional"
#: (its Pacific island programs are a small share); Global to "Developing countries,
#: unspecified".
BUREAU_REGIONS = {
    "AF": "298",  # Africa, regional
    "EAP": "798",  # Asia, regional
    "EUR": "89",  # Europe, regional
    "NEA": "589",  # Middle East, regional
    "SCA": "689",  # South & Central Asia, regional
    "WHA": "498",  # America, regional
    GLOBAL: "998",  # Developing countries, unspecified
}
STATUSES = {
    ProgramStatus.PLANNED: iati.ActivityStatus.PIPELINE,
    ProgramStatus.ACTIVE: iati.ActivityStatus.IMPLEMENTATION,
    ProgramStatus.CLOSED: iati.ActivityStatus.CLOSED,
}
#: An NGO is left without a type: we do not record whether it is national or international.
IMPLEMENTER_TYPES = {
    ImplementerType.INTERNATIONAL: iati.OrganisationType.MULTILATERAL,
    ImplementerType.GOVERNMENT: iati.OrganisationType.GOVERNMENT,
    ImplementerType.ACADEMIC: iati.OrganisationType.ACADEMIC_TRAINING_RESEARCH,
    ImplementerType.CONTRACTOR: iati.OrganisationType.PRIVATE_SECTOR,
}
#: Our (sex, age) groups as IATI dimension values; "total" is no dimension.
SEX_VALUES = {"female": "female", "male": "male", "other": "other or not recorded"}
AGE_VALUES = {"child": "under 18", "adult": "18 and over"}
NOT_STATED = "Not stated in the source"


class ExportRefused(ValueError):
    """A program cannot be written as valid IATI; the message names it and the field."""


class NothingToExport(ExportRefused):
    """No program was chosen: an IATI file needs at least one activity."""


Selection = QuerySet[Program]


def selection(filters: ProgramFilters) -> Selection:
    """The programs the program list's filters choose."""
    return Program.objects.filter(pk__in=Program.objects.filter(filters.query()).values("pk"))


def one(program: Program) -> Selection:
    return Program.objects.filter(pk=program.pk)


def for_country(iso3: str) -> Selection:
    """A country's own programs (not the regional ones that also serve it)."""
    return Program.objects.filter(country_id=iso3.upper())


def reporting_org() -> iati.ReportingOrg:
    """The office as publisher, from the settings."""
    return iati.ReportingOrg(
        ref=settings.TIPMON_IATI_REPORTING_ORG_REF, name=settings.TIPMON_IATI_REPORTING_ORG_NAME
    )


def programs_for_export(programs: Selection) -> Selection:
    """The programs with everything the mapping reads, in a fixed number of queries."""
    values = IndicatorValue.objects.select_related("period")
    indicators = Indicator.objects.prefetch_related(Prefetch("values", queryset=values))
    return (
        programs.select_related("country", "source_dataset")
        .prefetch_related("funding", Prefetch("indicators", queryset=indicators))
        .order_by("code")
    )


@dataclass(frozen=True, slots=True)
class Export:
    """The XML bytes of one file and what went into it."""

    xml: bytes
    activities: int
    generated: datetime


def export_programs(programs: Selection, generated: datetime | None = None) -> Export:
    """One IATI activity file holding every program given (at least one)."""
    when = generated or timezone.now()
    today = timezone.localdate(when)
    org = reporting_org()
    chosen = list(programs_for_export(programs))
    if not chosen:
        raise NothingToExport("No program matches: an IATI file needs at least one activity.")
    datasets = {d.pk: d for p in chosen if (d := p.source_dataset) is not None}
    sources = {pk: DatasetRef.of(d) for pk, d in datasets.items()}
    activities = [activity_for(p, org, today, sources) for p in chosen]
    try:
        xml = iati.write_activities(activities, generated=when)
    except ValueError as exc:
        raise ExportRefused(str(exc)) from exc
    return Export(xml, len(activities), when)


def activity_for(
    program: Program,
    org: iati.ReportingOrg,
    today: date,
    sources: dict[int, DatasetRef] | None = None,
) -> iati.Activity:
    """One program as an activity; ``ExportRefused`` names the program on a bad value."""
    try:
        return _activity(program, org, today, sources or {})
    except ExportRefused:
        raise
    except ValueError as exc:
        raise ExportRefused(f"Program {program.code}: {exc}") from exc


def _activity(
    program: Program, org: iati.ReportingOrg, today: date, sources: dict[int, DatasetRef]
) -> iati.Activity:
    started = program.status != ProgramStatus.PLANNED and program.start_date <= today
    ended = program.status == ProgramStatus.CLOSED and program.end_date <= today
    countries, regions = _recipient(program)
    funding = list(program.funding.all())
    result = _result(program)
    return iati.Activity(
        reporting_org=org,
        award_id=program.code,
        title=program.title,
        description=_description(program),
        implementer=iati.Organisation(
            name=program.implementer.strip() or NOT_STATED,
            type=IMPLEMENTER_TYPES.get(ImplementerType(program.implementer_type)),
        ),
        status=STATUSES[ProgramStatus(program.status)],
        planned_start=program.start_date,
        planned_end=program.end_date,
        actual_start=program.start_date if started else None,
        actual_end=program.end_date if ended else None,
        recipient_countries=countries,
        recipient_regions=regions,
        budgets=tuple(_budgets(funding)),
        transactions=tuple(_transactions(funding, program, today)),
        results=(result,) if result is not None else (),
        sources=_sources(program, today, sources),
        last_updated=program.updated_at,
    )


def _recipient(
    program: Program,
) -> tuple[tuple[iati.RecipientCountry, ...], tuple[iati.RecipientRegion, ...]]:
    country = program.country
    if country is not None:
        if not country.iso2:
            raise ExportRefused(
                f"Program {program.code}: {country.short_name} ({country.iso3}) has no ISO "
                "3166-1 alpha-2 code recorded, and IATI takes only alpha-2 codes. Record the "
                "country's iso2 code (countries data), then export again."
            )
        return (iati.RecipientCountry(country.iso2.upper()),), ()
    region = BUREAU_REGIONS.get(program.bureau)
    if region is None:
        raise ExportRefused(
            f"Program {program.code}: no IATI region for bureau {program.bureau!r}."
        )
    return (), (iati.RecipientRegion(region),)


def _description(program: Program) -> str:
    areas = program.objective_areas + (["research"] if program.research else [])
    parts = [program.objective.strip()] if program.objective.strip() else []
    parts.append(
        f"Objective areas: {', '.join(areas)}." if areas else "Objective areas: not stated."
    )
    if program.partners.strip():
        parts.append(f"Partners: {program.partners.strip()}")
    if program.source_note:
        parts.append(f"Record: {program.source_note}.")
    return "\n\n".join(parts)


def fiscal_year_end(fiscal_year: int) -> date:
    """The last day of a US federal fiscal year (30 September)."""
    return date(fiscal_year, 9, 30)


def _budgets(funding: Iterable[Funding]) -> list[iati.Budget]:
    return [
        iati.Budget.for_fiscal_year(line.fiscal_year, line.obligated_usd)
        for line in funding
        if line.obligated_usd > 0
    ]


def _transactions(
    funding: Iterable[Funding], program: Program, today: date
) -> list[iati.Transaction]:
    """Obligations as commitments and disbursements, each dated at its fiscal year's end,
    or today for the fiscal year still running (IATI wants no transaction in the future)."""
    receiver = iati.Organisation(name=program.implementer.strip() or NOT_STATED)
    items = []
    for line in funding:
        day = min(fiscal_year_end(line.fiscal_year), today)
        if line.obligated_usd > 0:
            items.append(
                iati.Transaction(
                    iati.TransactionType.COMMITMENT,
                    day,
                    line.obligated_usd,
                    description=f"FY{line.fiscal_year} obligation",
                    receiver=receiver,
                )
            )
        if line.disbursed_usd > 0:
            items.append(
                iati.Transaction(
                    iati.TransactionType.DISBURSEMENT,
                    day,
                    line.disbursed_usd,
                    description=f"FY{line.fiscal_year} disbursements",
                    receiver=receiver,
                )
            )
    return items


def _result(program: Program) -> iati.Result | None:
    indicators = [_indicator(i) for i in program.indicators.all()]
    if not indicators:
        return None
    return iati.Result(
        type=iati.ResultType.OUTPUT,
        title=f"Results reported for {program.code}",
        indicators=tuple(indicators),
        description="Indicators with baselines, targets and actuals by reporting period, "
        "as reported by the implementer and recorded by the office's program officers.",
    )


def dimensions(sex: str, age: str) -> tuple[iati.Dimension, ...]:
    """Our (sex, age) group as IATI dimensions; the total group has none."""
    found = []
    if sex in SEX_VALUES:
        found.append(iati.Dimension.sex(SEX_VALUES[sex]))
    if age in AGE_VALUES:
        found.append(iati.Dimension.age(AGE_VALUES[age]))
    return tuple(found)


def _indicator(indicator: Indicator) -> iati.Indicator:
    by_period: dict[int, list[IndicatorValue]] = defaultdict(list)
    periods: dict[int, ReportingPeriod] = {}
    for value in indicator.values.all():
        by_period[value.period_id].append(value)
        periods[value.period_id] = value.period
    baselines: tuple[iati.Baseline, ...] = ()
    if indicator.baseline_value is not None and indicator.baseline_year:
        baselines = (iati.Baseline(indicator.baseline_year, indicator.baseline_value),)
    return iati.Indicator(
        title=f"{indicator.code}: {indicator.title}",
        measure=iati.IndicatorMeasure.PERCENTAGE
        if indicator.unit == Unit.PERCENT
        else iati.IndicatorMeasure.UNIT,
        ascending=indicator.direction != Direction.DESCENDING,
        baselines=baselines,
        periods=tuple(
            _period(periods[pk], by_period[pk])
            for pk in sorted(periods, key=lambda pk: (periods[pk].start, periods[pk].end))
        ),
    )


def _period(period: ReportingPeriod, values: list[IndicatorValue]) -> iati.Period:
    def measurements(kind: str) -> tuple[iati.Measurement, ...]:
        chosen = sorted(
            (v for v in values if v.kind == kind),
            key=lambda v: (len(dimensions(v.sex, v.age)), v.sex, v.age),
        )
        return tuple(iati.Measurement(v.value, dimensions(v.sex, v.age)) for v in chosen)

    return iati.Period(
        start=period.start,
        end=period.end,
        targets=measurements(ValueKind.TARGET),
        actuals=measurements(ValueKind.ACTUAL),
    )


def _sources(
    program: Program, today: date, sources: dict[int, DatasetRef]
) -> tuple[iati.SourceNote, ...]:
    records = records_ref(today)
    notes = [
        iati.SourceNote(
            dataset=records.key,
            record=program.code,
            edition=f"version {program.version}, {records.edition}",
            note=records.attribution,
        )
    ]
    grant = sources.get(program.source_dataset_id or 0)
    if grant is not None and program.source_row is not None:
        notes.append(
            iati.SourceNote(
                dataset=grant.key,
                record=f"row {program.source_row}",
                edition=grant.edition,
                note=f"{grant.title}; {grant.producer}; licence: {grant.licence}",
            )
        )
    return tuple(notes)
