"""Program services: every write to programs, funding, results and progress reports.

Each function checks the role (``tipmon.assistance.access``), applies the rules
(``tipmon.assistance.award_rules``, ``tipmon.assistance.uploads``) before anything is written,
writes inside one transaction, and records an audit entry. A refused write raises
:class:`AssistanceError` with a message for the user; nothing is saved half-way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from tipmon.assessments.access import User
from tipmon.assessments.models import Recommendation
from tipmon.assistance import award_rules, uploads
from tipmon.assistance.access import require_editor, require_reader
from tipmon.assistance.models import (
    Attachment,
    Funding,
    Indicator,
    IndicatorValue,
    Program,
    ProgressReport,
    ReportingPeriod,
)
from tipmon.assistance.models.programs import OBJECTIVE_AREAS
from tipmon.core import audit
from tipmon.tiers.rules import CRITERIA, MINIMUM_STANDARDS

CRITERIA_CODES = tuple(s.id for s in (*MINIMUM_STANDARDS, *CRITERIA))
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
#: The fields a program form may change (recommendations are set apart: a many-to-many).
PROGRAM_FIELDS = (
    "code", "title", "implementer", "implementer_type", "partners", "channel", "country",
    "bureau", *OBJECTIVE_AREAS, "objective", "start_date", "end_date", "status",
    "program_officer", "criteria",
)  # fmt: skip


class AssistanceError(ValueError):
    """A write the rules refuse; the message names the rule and the figures."""


class ConcurrentEdit(AssistanceError):
    """Someone saved first; the user's input is kept and nothing is overwritten."""


def _conflict(what: str, current: int, expected: int) -> ConcurrentEdit:
    return ConcurrentEdit(
        f"Someone else saved {what} (now version {current}) after you opened version "
        f"{expected}. Your changes were not saved; they are still in the form. Reload the "
        "page in another tab to see theirs, then save again."
    )


def _program_problems(values: dict[str, Any], program: Program | None) -> list[str]:
    problems = []
    code = str(values.get("code") or "")
    if not CODE_PATTERN.match(code):
        problems.append(
            "The code takes letters, digits, '.', '_' and '-' (up to 40, starting with a "
            "letter or digit)."
        )
    if bool(values.get("country")) == bool(values.get("bureau")):
        problems.append("Choose either a country or a bureau (region or global), not both.")
    imported = program is not None and program.source_row is not None
    if not imported and not any(values.get(area) for area in OBJECTIVE_AREAS):
        problems.append("Choose at least one objective area (prosecution, protection, ...).")
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end <= start:
        problems.append(f"The award ends ({end}) on or before it starts ({start}).")
    unknown = award_rules.unknown_criteria(values.get("criteria") or [], CRITERIA_CODES)
    if unknown:
        problems.append(f"Unknown criteria codes: {', '.join(unknown)}.")
    if program is not None and start and end:
        span = award_rules.Span(start, end)
        for period in program.periods.all():
            if not span.contains(award_rules.Span(period.start, period.end)):
                problems.append(
                    f"Reporting period {period.label} ({period.start} to {period.end}) would "
                    "fall outside the new dates; change or remove it first."
                )
    return problems


def _check_recommendations(values: dict[str, Any], recs: Sequence[Recommendation]) -> None:
    country = values.get("country")
    iso3 = getattr(country, "pk", country)
    stray = [r for r in recs if r.assessment.country_id != iso3]
    if stray:
        raise AssistanceError(
            "Recommendations link only to the program's own country; these do not: "
            + "; ".join(f"{r.assessment.country_id} #{r.priority}" for r in stray)
        )


def _refuse(problems: list[str]) -> None:
    if problems:
        raise AssistanceError(" ".join(problems) + " Nothing was saved.")


@transaction.atomic
def create_program(
    values: dict[str, Any],
    user: User,
    request: HttpRequest | None = None,
    recommendations: Sequence[Recommendation] = (),
) -> Program:
    require_editor(user)
    _refuse(_program_problems(values, None))
    _check_recommendations(values, recommendations)
    if Program.objects.filter(code=values["code"]).exists():
        raise AssistanceError(f"A program with code {values['code']} exists already.")
    program = Program.objects.create(**{k: v for k, v in values.items() if k in PROGRAM_FIELDS})
    program.recommendations.set(recommendations)
    audit.record("program.create", program, user, request, code=program.code)
    return program


@transaction.atomic
def update_program(
    program: Program,
    changes: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
    recommendations: Sequence[Recommendation] | None = None,
) -> Program:
    """Save ``changes`` only if nobody saved the program since ``expected_version``."""
    require_editor(user)
    current = {name: getattr(program, name) for name in PROGRAM_FIELDS}
    merged = current | changes
    _refuse(_program_problems(merged, program))
    if recommendations is not None:
        _check_recommendations(merged, recommendations)
    fields = {k: v for k, v in changes.items() if k in PROGRAM_FIELDS}
    code = fields.get("code", program.code)
    if Program.objects.filter(code=code).exclude(pk=program.pk).exists():
        raise AssistanceError(f"Another program has the code {code}. Nothing was saved.")
    updated = Program.objects.filter(pk=program.pk, version=expected_version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        fresh = Program.objects.get(pk=program.pk)
        raise _conflict(f"program {fresh.code}", fresh.version, expected_version)
    fresh = Program.objects.get(pk=program.pk)
    if recommendations is not None:
        fresh.recommendations.set(recommendations)
    changed = sorted(k for k in fields if current.get(k) != fields[k])
    audit.record("program.update", fresh, user, request, version=fresh.version, fields=changed)
    return fresh


@transaction.atomic
def record_funding(
    program: Program,
    fiscal_year: int,
    obligated: Decimal,
    disbursed: Decimal,
    user: User,
    request: HttpRequest | None = None,
    expected_version: int = 0,
    note: str = "",
) -> Funding:
    """Add or change one fiscal year's obligation and disbursement.

    ``expected_version`` is 0 for a new year, else the version of the line the user edited.
    Refused when, by the end of any fiscal year, more would be disbursed than obligated.
    """
    require_editor(user)
    Program.objects.select_for_update().filter(pk=program.pk).first()  # one writer at a time
    lines = {f.fiscal_year: f for f in Funding.objects.filter(program=program)}
    existing = lines.get(fiscal_year)
    found = existing.version if existing else 0
    if found != expected_version:
        raise _conflict(f"the FY{fiscal_year} funding of {program.code}", found, expected_version)
    proposed = [
        award_rules.FundingLine(f.fiscal_year, f.obligated_usd, f.disbursed_usd)
        for f in lines.values()
        if f.fiscal_year != fiscal_year
    ] + [award_rules.FundingLine(fiscal_year, obligated, disbursed)]
    if obligated < 0 or disbursed < 0:
        raise AssistanceError("Amounts cannot be negative. Nothing was saved.")
    problem = award_rules.funding_problem(proposed)
    if problem is not None:
        raise AssistanceError(problem.message)
    if existing is None:
        line = Funding.objects.create(
            program=program, fiscal_year=fiscal_year, obligated_usd=obligated,
            disbursed_usd=disbursed, note=note,
        )  # fmt: skip
    else:
        existing.obligated_usd, existing.disbursed_usd, existing.note = obligated, disbursed, note
        existing.version += 1
        existing.save()
        line = existing
    audit.record(
        "funding.record", line, user, request, program=program.code, fiscal_year=fiscal_year,
        obligated=str(obligated), disbursed=str(disbursed), version=line.version,
    )  # fmt: skip
    return line


@transaction.atomic
def add_indicator(
    program: Program, values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> Indicator:
    require_editor(user)
    if program.indicators.filter(code=values["code"]).exists():
        raise AssistanceError(f"{program.code} already has an indicator {values['code']}.")
    indicator = Indicator.objects.create(program=program, **values)
    audit.record("indicator.add", indicator, user, request, program=program.code)
    return indicator


@transaction.atomic
def add_period(
    program: Program,
    label: str,
    start: date,
    end: date,
    user: User,
    request: HttpRequest | None = None,
) -> ReportingPeriod:
    require_editor(user)
    award = award_rules.Span(program.start_date, program.end_date)
    problem = award_rules.period_problem(award, award_rules.Span(start, end), f"Period {label}")
    _refuse([problem] if problem else [])
    if program.periods.filter(label=label).exists():
        raise AssistanceError(f"{program.code} already has a period labelled {label}.")
    period = ReportingPeriod.objects.create(program=program, label=label, start=start, end=end)
    audit.record("period.add", period, user, request, program=program.code, label=label)
    return period


@dataclass(frozen=True, slots=True)
class Cell:
    kind: str
    sex: str
    age: str


@transaction.atomic
def record_value(
    indicator: Indicator,
    period: ReportingPeriod,
    cell: Cell,
    value: Decimal,
    user: User,
    request: HttpRequest | None = None,
    expected_version: int = 0,
) -> IndicatorValue:
    """Record a target or an actual; refused for a period outside the award, a group the
    indicator is not disaggregated by, or a value its unit cannot take."""
    require_editor(user)
    program = indicator.program
    problems = []
    if period.program_id != program.pk:
        problems.append(f"Period {period.label} belongs to another program.")
    award = award_rules.Span(program.start_date, program.end_date)
    span = award_rules.Span(period.start, period.end)
    label = f"The {cell.kind} for {period.label}: the period"
    problems.append(award_rules.period_problem(award, span, label) or "")
    problems.append(award_rules.group_problem(indicator.disaggregation, cell.sex, cell.age) or "")
    problems.append(award_rules.value_problem(indicator.unit, value) or "")
    _refuse([p for p in problems if p])
    key = {"indicator": indicator, "period": period, "kind": cell.kind, "sex": cell.sex,
           "age": cell.age}  # fmt: skip
    row = IndicatorValue.objects.select_for_update().filter(**key).first()
    found = row.version if row else 0
    if found != expected_version:
        raise _conflict(f"this {cell.kind} of {indicator.code}", found, expected_version)
    actor = user.pk if user.is_authenticated else None
    try:
        with transaction.atomic():
            if row is None:
                row = IndicatorValue.objects.create(**key, value=value, recorded_by_id=actor)
            else:
                row.value, row.recorded_by_id = value, actor
                row.version += 1
                row.save()
    except IntegrityError as exc:  # a concurrent first entry of the same cell
        raise _conflict(f"this {cell.kind} of {indicator.code}", 1, expected_version) from exc
    audit.record(
        "indicator_value.record", row, user, request, indicator=indicator.code,
        period=period.label, kind=cell.kind, sex=cell.sex, age=cell.age, value=str(value),
    )  # fmt: skip
    return row


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as the form received it (name, declared size and a way to read it)."""

    name: str
    size: int
    read: Any


def submit_report(
    program: Program,
    period: ReportingPeriod,
    narrative: str,
    files: Sequence[Upload],
    user: User,
    request: HttpRequest | None = None,
) -> ProgressReport:
    """A progress report with its attachments: every file is checked before anything is
    written; a refused file refuses the whole report."""
    require_editor(user)
    if period.program_id != program.pk:
        raise AssistanceError(f"Period {period.label} belongs to another program.")
    if not narrative.strip():
        raise AssistanceError("A progress report needs a narrative. Nothing was saved.")
    limit = int(settings.TIPMON_UPLOAD_MAX_BYTES)
    checked = []
    for upload in files:
        uploads.check_size(upload.name, upload.size, limit)
        data = upload.read()
        checked.append((uploads.check_upload(upload.name, data, limit), data))
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                program=program,
                period=period,
                narrative=narrative,
                submitted_by_id=int(user.pk or 0),
            )
            for accepted, data in checked:
                attachment = Attachment(
                    report=report, original_name=accepted.name, size=accepted.size,
                    content_type=accepted.content_type, sha256=accepted.sha256,
                )  # fmt: skip
                attachment.file.save(accepted.name, ContentFile(data), save=False)
                stored.append(attachment)
                attachment.save()
            audit.record(
                "progress_report.submit", report, user, request, program=program.code,
                period=period.label, attachments=[a.sha256 for a in stored],
            )  # fmt: skip
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return report


def attachment_for(pk: int, user: User) -> Attachment | None:
    """An attachment, for a user who may read assistance data."""
    require_reader(user)
    return Attachment.objects.select_related("report__program").filter(pk=pk).first()
