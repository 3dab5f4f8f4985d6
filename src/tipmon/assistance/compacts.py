"""Child Protection Compact partnerships: the rules on writes, and the status of each compact.

Every write checks the editor role (``tipmon.assistance.access``), validates the rules that
span rows (dates inside the compact, targets only for the years it runs), saves in one
transaction and is recorded in the audit log. Compact edits use optimistic locking on
``version``. "Today" is passed in by the caller; the rules never read a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Prefetch
from django.http import HttpRequest

from tipmon.assessments.access import User
from tipmon.assistance import compact_status as core
from tipmon.assistance.access import require_editor, require_reader
from tipmon.assistance.models import (
    Activity,
    Compact,
    CompactIndicator,
    CompactState,
    Contribution,
    IndicatorTarget,
    Milestone,
    Objective,
)
from tipmon.core import audit
from tipmon.core.errors import NotFound
from tipmon.core.provenance import DatasetRef

COMPACT_FIELDS = (
    "country",
    "title",
    "signed",
    "start",
    "end",
    "status",
    "us_commitment_usd",
    "summary",
)


class CompactRuleError(ValueError):
    """A write breaks a compact rule; the message says which. Nothing was saved."""


class ConcurrentEdit(Exception):
    """Someone saved the compact after the editor opened it."""


class CompactNotFound(NotFound):
    pass


def get_compact(pk: int, user: User) -> Compact:
    require_reader(user)
    found = Compact.objects.select_related("country").filter(pk=pk).first()
    if found is None:
        raise CompactNotFound(f"No compact {pk}.")
    return found


def _check_compact(values: dict[str, Any]) -> None:
    start, end, signed = values["start"], values["end"], values.get("signed")
    if end <= start:
        raise CompactRuleError(
            f"The compact ends ({end:%d %B %Y}) on or before it starts ({start:%d %B %Y})."
        )
    if signed is not None and signed > end:
        raise CompactRuleError(f"The signing date ({signed:%d %B %Y}) is after the compact ends.")
    if values.get("status") in (CompactState.ACTIVE, CompactState.CLOSED) and signed is None:
        raise CompactRuleError("An active or closed compact needs the date it was signed.")


def _outside(compact_pk: int, start: date, end: date) -> list[str]:
    """What already recorded under the compact would fall outside new dates."""
    years = core.compact_years(start, end)
    problems = [
        f"milestone '{m.title}' is due {m.due:%d %B %Y}"
        for m in Milestone.objects.filter(activity__objective__compact_id=compact_pk)
        if not start <= m.due <= end
    ]
    problems += [
        f"indicator '{t.indicator.title}' has a target for {t.year}"
        for t in IndicatorTarget.objects.select_related("indicator").filter(
            indicator__compact_id=compact_pk
        )
        if t.year not in years
    ]
    problems += [
        f"contribution '{c.description}' is for {c.year}"
        for c in Contribution.objects.filter(compact_id=compact_pk)
        if c.year not in years
    ]
    return problems


def create_compact(
    values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> Compact:
    require_editor(user)
    _check_compact(values)
    with transaction.atomic():
        compact = Compact.objects.create(**{k: values[k] for k in COMPACT_FIELDS if k in values})
        audit.record(
            "compact.create",
            compact,
            user,
            request,
            title=compact.title,
            country=compact.country_id,
        )
    return compact


def update_compact(
    compact: Compact,
    values: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
) -> Compact:
    """Save ``values`` only if nobody saved since ``expected_version`` was read."""
    require_editor(user)
    _check_compact(values)
    problems = _outside(compact.pk, values["start"], values["end"])
    if problems:
        raise CompactRuleError(
            "These would fall outside the new dates; change them first: " + "; ".join(problems)
        )
    changes = {k: values[k] for k in COMPACT_FIELDS if k in values}
    with transaction.atomic():
        updated = Compact.objects.filter(pk=compact.pk, version=expected_version).update(
            version=F("version") + 1, **changes
        )
        if not updated:
            current = Compact.objects.get(pk=compact.pk)
            raise ConcurrentEdit(
                f"Someone else saved this compact (version {current.version}) after you opened "
                f"version {expected_version}. Your changes were not saved; they are still in "
                "the form. Open the compact again in another tab and merge your changes."
            )
        fresh = Compact.objects.select_related("country").get(pk=compact.pk)
        audit.record(
            "compact.update", fresh, user, request, version=fresh.version, fields=sorted(changes)
        )
    return fresh


def _in_compact(compact: Compact, day: date, what: str) -> None:
    if not compact.start <= day <= compact.end:
        raise CompactRuleError(
            f"{what} ({day:%d %B %Y}) is outside the compact, which runs from "
            f"{compact.start:%d %B %Y} to {compact.end:%d %B %Y}."
        )


def _year_in_compact(compact: Compact, year: int, what: str) -> None:
    years = core.compact_years(compact.start, compact.end)
    if year not in years:
        raise CompactRuleError(
            f"{what} is for {year}, but the compact runs only in {years[0]}-{years[-1]}."
        )


def add_objective(
    compact: Compact, title: str, order: int, user: User, request: HttpRequest | None = None
) -> Objective:
    require_editor(user)
    with transaction.atomic():
        objective = Objective.objects.create(compact=compact, title=title, order=order)
        audit.record("compact.objective.add", objective, user, request, compact=compact.pk)
    return objective


def add_activity(
    objective: Objective, title: str, user: User, request: HttpRequest | None = None
) -> Activity:
    require_editor(user)
    with transaction.atomic():
        activity = Activity.objects.create(objective=objective, title=title)
        audit.record("compact.activity.add", activity, user, request, compact=objective.compact_id)
    return activity


def _check_milestone(compact: Compact, due: date, completed: date | None, today: date) -> None:
    _in_compact(compact, due, "The due date")
    if completed is not None:
        if completed > today:
            raise CompactRuleError(
                f"The completion date ({completed:%d %B %Y}) is in the future; record it once "
                "the milestone is done."
            )
        if completed < compact.start:
            raise CompactRuleError(
                f"The completion date ({completed:%d %B %Y}) is before the compact starts."
            )


def add_milestone(
    activity: Activity,
    values: dict[str, Any],
    today: date,
    user: User,
    request: HttpRequest | None = None,
) -> Milestone:
    require_editor(user)
    compact = activity.objective.compact
    _check_milestone(compact, values["due"], values.get("completed"), today)
    with transaction.atomic():
        milestone = Milestone.objects.create(
            activity=activity,
            title=values["title"],
            due=values["due"],
            completed=values.get("completed"),
            evidence=values.get("evidence", ""),
        )
        audit.record(
            "compact.milestone.add", milestone, user, request, compact=compact.pk, due=milestone.due
        )
    return milestone


def complete_milestone(
    milestone: Milestone,
    completed: date | None,
    evidence: str,
    today: date,
    user: User,
    request: HttpRequest | None = None,
) -> Milestone:
    """Record (or, with ``completed=None``, withdraw) a milestone's completion."""
    require_editor(user)
    compact = milestone.activity.objective.compact
    _check_milestone(compact, milestone.due, completed, today)
    with transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(completed=completed, evidence=evidence)
        milestone.refresh_from_db()
        audit.record(
            "compact.milestone.complete",
            milestone,
            user,
            request,
            compact=compact.pk,
            completed=completed,
        )
    return milestone


def add_indicator(
    compact: Compact, values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> CompactIndicator:
    require_editor(user)
    objective = values.get("objective")
    if objective is not None and objective.compact_id != compact.pk:
        raise CompactRuleError("That objective belongs to another compact.")
    with transaction.atomic():
        indicator = CompactIndicator.objects.create(
            compact=compact,
            objective=objective,
            title=values["title"],
            unit=values["unit"],
            baseline_value=values.get("baseline_value"),
            baseline_year=values.get("baseline_year"),
        )
        audit.record("compact.indicator.add", indicator, user, request, compact=compact.pk)
    return indicator


def set_target(
    indicator: CompactIndicator,
    year: int,
    target: Decimal,
    actual: Decimal | None,
    today: date,
    user: User,
    request: HttpRequest | None = None,
) -> IndicatorTarget:
    """Set an indicator's target (and actual, once known) for one year of the compact."""
    require_editor(user)
    _year_in_compact(indicator.compact, year, "The target")
    if actual is not None and year > today.year:
        raise CompactRuleError(f"An actual for {year} cannot be known before {year} begins.")
    with transaction.atomic():
        row, created = IndicatorTarget.objects.update_or_create(
            indicator=indicator, year=year, defaults={"target": target, "actual": actual}
        )
        audit.record(
            "compact.target.set",
            row,
            user,
            request,
            compact=indicator.compact_id,
            year=year,
            target=target,
            actual=actual,
            created=created,
        )
    return row


def add_contribution(
    compact: Compact, values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> Contribution:
    require_editor(user)
    _year_in_compact(compact, values["year"], "The contribution")
    with transaction.atomic():
        item = Contribution.objects.create(
            compact=compact,
            year=values["year"],
            kind=values["kind"],
            description=values["description"],
            committed_usd=values.get("committed_usd") or Decimal(0),
            delivered_usd=values.get("delivered_usd"),
            evidence=values.get("evidence", ""),
        )
        audit.record(
            "compact.contribution.add",
            item,
            user,
            request,
            compact=compact.pk,
            committed=item.committed_usd,
            delivered=item.delivered_usd,
        )
    return item


def record_delivery(
    item: Contribution,
    delivered: Decimal | None,
    evidence: str,
    user: User,
    request: HttpRequest | None = None,
) -> Contribution:
    require_editor(user)
    with transaction.atomic():
        Contribution.objects.filter(pk=item.pk).update(delivered_usd=delivered, evidence=evidence)
        item.refresh_from_db()
        audit.record(
            "compact.contribution.delivery",
            item,
            user,
            request,
            compact=item.compact_id,
            delivered=delivered,
        )
    return item


# Reading: the plan and the status.


@dataclass(frozen=True, slots=True)
class CompactView:
    compact: Compact
    objectives: list[Objective]
    indicators: list[CompactIndicator]
    contributions: list[Contribution]
    status: core.CompactStatus
    source: DatasetRef


def record_source(compact: Compact | None, today: date) -> DatasetRef:
    """The office's own compact records, cited like a dataset (they are not published)."""
    edition = f"version {compact.version}, " if compact is not None else ""
    return DatasetRef(
        key="compact-records",
        title=f"Compact records: {compact.title}" if compact else "Compact records",
        producer="The office's program officers, from partner governments' reports",
        edition=f"{edition}as of {today:%d %B %Y}",
        accessed=today,
        licence="Internal record, not for publication",
        attribution="TIP Monitor compact records",
        caveats="In-kind contributions are valued estimates. A delivery left empty is not yet "
        "reported, and counts as nothing delivered.",
        source_url="",
    )


def _as_input(compact: Compact) -> core.CompactIn:
    milestones = [
        core.MilestoneIn(m.pk, m.title, m.due, m.completed, o.title, a.title)
        for o in compact.objectives.all()
        for a in o.activities.all()
        for m in a.milestones.all()
    ]
    indicators = [
        core.IndicatorIn(
            i.pk, i.title, tuple(core.TargetIn(t.year, t.target, t.actual) for t in i.targets.all())
        )
        for i in compact.indicators.all()
    ]
    contributions = [
        core.ContributionIn(c.pk, c.year, c.kind, c.committed_usd, c.delivered_usd, c.description)
        for c in compact.contributions.all()
    ]
    return core.CompactIn(
        compact.pk,
        compact.title,
        compact.country.short_name,
        compact.start,
        compact.end,
        tuple(milestones),
        tuple(indicators),
        tuple(contributions),
    )


def _with_plan() -> Any:
    return Compact.objects.select_related("country").prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.prefetch_related("activities__milestones"),
        ),
        Prefetch("indicators", queryset=CompactIndicator.objects.prefetch_related("targets")),
        "contributions",
    )


def compact_view(pk: int, today: date, user: User) -> CompactView:
    require_reader(user)
    compact = _with_plan().filter(pk=pk).first()
    if compact is None:
        raise CompactNotFound(f"No compact {pk}.")
    return CompactView(
        compact=compact,
        objectives=list(compact.objectives.all()),
        indicators=list(compact.indicators.all()),
        contributions=list(compact.contributions.all()),
        status=core.status(_as_input(compact), today),
        source=record_source(compact, today),
    )


@dataclass(frozen=True, slots=True)
class OverviewRow:
    compact: Compact
    status: core.CompactStatus


@dataclass(frozen=True, slots=True)
class Overview:
    rows: list[OverviewRow]
    totals: dict[str, int]
    today: date


def overview(today: date, user: User, country: str = "") -> Overview:
    """Every compact (or one partner country's) with its gaps, and the gaps summed."""
    require_reader(user)
    chosen = _with_plan().filter(country_id=country.upper()) if country else _with_plan()
    rows = [OverviewRow(c, core.status(_as_input(c), today)) for c in chosen]
    totals: dict[str, int] = {}
    for row in rows:
        for key, count in row.status.health.items():
            totals[key] = totals.get(key, 0) + count
    return Overview(rows, totals, today)
