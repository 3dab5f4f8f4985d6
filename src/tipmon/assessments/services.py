"""Assessment services: cycles, saving with optimistic locking, the tier check, workflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.http import HttpRequest

from tipmon.assessments import workflow
from tipmon.assessments.access import NoAccess, User, require_assessment_roles
from tipmon.assessments.models import (
    LAW_ENFORCEMENT_FIELDS,
    CountryAssessment,
    Finding,
    Implementation,
    Notification,
    Recommendation,
    ReportingCycle,
    Revision,
    Transition,
)
from tipmon.assessments.narrative import NarrativeInput, draft
from tipmon.core import audit
from tipmon.countries.models import Country
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import (
    CRITERIA,
    FIRST_REPORT_YEAR,
    MINIMUM_STANDARDS,
    Decision,
    EventKind,
    Findings,
    PolicyPattern,
    Tier,
    walk,
)
from tipmon.tiers.rules import decide as engine_decide
from tipmon.tiers.rules.clock import Clock, advance

STANDARD_IDS = tuple(s.id for s in (*MINIMUM_STANDARDS, *CRITERIA))
#: A figure this many times last year's is flagged as implausible until confirmed.
IMPLAUSIBLE_FACTOR = 100


class WorkflowError(ValueError):
    """A move or save the workflow does not allow, with a message for the user."""


class ConcurrentEdit(WorkflowError):
    """Someone saved a newer version first; the user's input is kept, nothing is overwritten."""


def milestones(year: int) -> dict[str, date]:
    """Default milestones; the reporting period runs 1 April (year-1) to 31 March (year)."""
    return {
        "data_call": date(year - 1, 12, 1),
        "drafts_due": date(year, 2, 15),
        "clearance_due": date(year, 4, 15),
        "approval_due": date(year, 5, 31),
        "release_by": date(year, 6, 30),
        "interim_due": date(year + 1, 2, 1),
    }


def reporting_period(year: int) -> tuple[date, date]:
    return date(year - 1, 4, 1), date(year, 3, 31)


@transaction.atomic
def open_cycle(year: int, user: User | None = None) -> ReportingCycle:
    """Create the cycle, an assessment per covered country, last year's recommendations
    carried over (status to be assessed) and an empty finding per standard and criterion."""
    cycle, created = ReportingCycle.objects.get_or_create(
        report_year=year, defaults=milestones(year)
    )
    if not created:
        return cycle
    CountryAssessment.objects.bulk_create(
        CountryAssessment(cycle=cycle, country=c) for c in Country.objects.filter(tip_covered=True)
    )
    assessments = {a.country_id: a for a in CountryAssessment.objects.filter(cycle=cycle)}
    Finding.objects.bulk_create(
        Finding(assessment=a, standard=s) for a in assessments.values() for s in STANDARD_IDS
    )
    _carry_over(year - 1, assessments)
    audit.record("cycle.open", cycle, user, year=year)
    return cycle


def _carry_over(previous_year: int, assessments: dict[str, CountryAssessment]) -> None:
    """Last year's recommendations, to be reassessed (status pending)."""
    old = Recommendation.objects.filter(
        assessment__cycle__report_year=previous_year,
        assessment__country_id__in=list(assessments),
    ).select_related("assessment")
    Recommendation.objects.bulk_create(
        Recommendation(
            assessment=assessments[r.assessment.country_id],
            priority=r.priority,
            text=r.text,
            pillar=r.pillar,
            carried_from=r,
            status=Implementation.PENDING,
        )
        for r in old
    )


def previous_assessment(assessment: CountryAssessment) -> CountryAssessment | None:
    return CountryAssessment.objects.filter(
        cycle__report_year=assessment.cycle.report_year - 1, country=assessment.country
    ).first()


@dataclass(frozen=True, slots=True)
class FigureRow:
    field: str
    label: str
    current: int | None
    previous: int | None

    @property
    def change(self) -> str:
        if self.current is None or self.previous is None:
            return ""
        delta = self.current - self.previous
        return f"{delta:+,}"


def figure_label(name: str) -> str:
    """'prosecutions_labor' -> 'Prosecutions: labor trafficking'."""
    head, _, kind = name.partition("_")
    kinds = {"sex": "sex trafficking", "labor": "labor trafficking",
             "unspecified": "form not specified", "identified": "identified",
             "referred": "referred to care", "investigated": "investigated for complicity",
             "prosecuted": "prosecuted for complicity",
             "convicted": "convicted for complicity"}  # fmt: skip
    return f"{head.capitalize()}: {kinds.get(kind, kind)}"


def figure_rows(assessment: CountryAssessment) -> list[FigureRow]:
    before = previous_assessment(assessment)
    return [
        FigureRow(
            name,
            figure_label(name),
            getattr(assessment, name),
            getattr(before, name) if before else None,
        )
        for name in LAW_ENFORCEMENT_FIELDS
    ]


def implausible_figures(values: dict[str, Any], before: CountryAssessment | None) -> list[str]:
    """Figures far out of line with last year's: flagged until the user confirms them."""
    if before is None:
        return []
    flagged = []
    for name in LAW_ENFORCEMENT_FIELDS:
        now, then = values.get(name), getattr(before, name)
        if now is not None and then and now >= IMPLAUSIBLE_FACTOR * then:
            flagged.append(
                f"{name.replace('_', ' ')}: {now:,} is {now // then} times last year's {then:,}"
            )
    return flagged


def snapshot(assessment: CountryAssessment) -> dict[str, Any]:
    data = model_to_dict(assessment)
    data["findings"] = {f.standard: [f.rating, f.text] for f in assessment.findings.all()}
    data["recommendations"] = [
        [r.priority, r.text, r.status] for r in assessment.recommendations.all()
    ]
    return data


@transaction.atomic
def save_assessment(
    assessment: CountryAssessment,
    changes: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
    note: str = "",
) -> CountryAssessment:
    """Save ``changes`` only if nobody saved since ``expected_version`` was read."""
    roles = require_assessment_roles(user, assessment)
    if not workflow.may_edit(assessment.state, roles):
        raise NoAccess("In this state another role holds the pen; you may comment instead.")
    updated = CountryAssessment.objects.filter(pk=assessment.pk, version=expected_version).update(
        version=F("version") + 1, holder_id=user.pk, **changes
    )
    if not updated:
        current = CountryAssessment.objects.get(pk=assessment.pk)
        raise ConcurrentEdit(
            f"Someone else saved this assessment (version {current.version}) after you opened "
            f"version {expected_version}. Your changes were not saved; they are still in the "
            "form. Open the latest version in another tab, then merge your changes."
        )
    fresh = CountryAssessment.objects.get(pk=assessment.pk)
    Revision.objects.create(
        assessment=fresh, version=fresh.version, snapshot=snapshot(fresh), user=user, note=note
    )  # type: ignore[misc]
    audit.record(
        "assessment.save", fresh, user, request, version=fresh.version, fields=sorted(changes)
    )
    return fresh


def tier_history_before(assessment: CountryAssessment) -> dict[int, Tier | None]:
    rows = TierPlacement.objects.filter(
        country=assessment.country, report_year__lt=assessment.cycle.report_year
    ).values_list("report_year", "tier")
    return {year: Tier(tier) for year, tier in rows}


def findings_of(assessment: CountryAssessment) -> Findings:
    return Findings(
        fully_meets=assessment.fully_meets,
        significant_efforts=assessment.significant_efforts,
        watch_list_criteria=assessment.watch_list_criteria,
        policy_or_pattern=frozenset(PolicyPattern(p) for p in assessment.policy_or_pattern),
        waiver_granted=assessment.waiver_granted,
        special_case=assessment.special_case,
    )


def tier_check(assessment: CountryAssessment, tier: str | None = None) -> Decision | None:
    """The engine's answer on the proposed (or given) tier; None when no tier is proposed."""
    chosen = tier or assessment.proposed_tier
    if not chosen:
        return None
    history = tier_history_before(assessment)
    year = assessment.cycle.report_year
    return engine_decide(history, year, Tier(chosen), findings_of(assessment))


def _notify(assessment: CountryAssessment, role: str, text: str) -> None:
    from tipmon.assessments.models import CycleMember

    members = CycleMember.objects.filter(cycle=assessment.cycle, role=role)
    Notification.objects.bulk_create(
        Notification(user_id=m.user_id, assessment=assessment, text=text)
        for m in members
        if not m.bureau or m.bureau == assessment.country.bureau
    )


@transaction.atomic
def move(
    assessment: CountryAssessment,
    action_name: str,
    user: User,
    reason: str = "",
    request: HttpRequest | None = None,
) -> CountryAssessment:
    """Apply a workflow action; approval needs a clean tier check or a recorded override."""
    action = workflow.ACTIONS_BY_NAME.get(action_name)
    if action is None:
        raise WorkflowError(f"Unknown action {action_name!r}.")
    roles = require_assessment_roles(user, assessment)
    locked = CountryAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.state != action.source or action.role not in roles:
        raise WorkflowError(
            f"'{action.label}' is not open to you while the assessment is "
            f"{locked.get_state_display().lower()}."
        )
    if action.needs_reason and not reason.strip():
        raise WorkflowError("Say why: a return needs a reason.")
    if action.name == "approve":
        _approve(locked, user)
    locked.state = action.target
    locked.holder = None
    locked.version += 1
    locked.save()
    Transition.objects.create(
        assessment=locked,
        from_state=action.source,
        to_state=action.target,
        user=user,
        reason=reason,
    )  # type: ignore[misc]
    next_role = workflow.EDITOR_OF_STATE.get(action.target)
    if next_role:
        _notify(
            locked,
            next_role,
            f"{locked.country.short_name}: {action.label.lower()}"
            + (f" ({reason})" if reason else ""),
        )
    audit.record(f"assessment.{action.name}", locked, user, request, reason=reason)
    return locked


def _approve(assessment: CountryAssessment, user: User) -> None:
    if not assessment.proposed_tier:
        raise WorkflowError("Propose a tier before approving.")
    decision = tier_check(assessment)
    if (
        decision is not None
        and not decision.allowed
        and not assessment.override_justification.strip()
    ):
        reasons = "; ".join(r.text for r in decision.blocking)
        raise WorkflowError(
            f"The statute does not allow {assessment.proposed_tier}: {reasons} "
            "Change the tier or record a justification for overriding."
        )
    assessment.final_tier = assessment.proposed_tier
    assessment.approved_by_id = user.pk


def narrative_input(assessment: CountryAssessment) -> NarrativeInput | None:
    """What the narrative templates need, taken from the assessment and the tier engine."""
    if not assessment.proposed_tier:
        return None
    tier = Tier(assessment.proposed_tier)
    year = assessment.cycle.report_year
    history = tier_history_before(assessment)
    walked = walk(history, FIRST_REPORT_YEAR, year - 1) if year > FIRST_REPORT_YEAR else []
    clock = walked[-1].clock if walked else Clock()
    previous = walked[-1].tier if walked else None
    status = advance(clock, year, tier, previous)
    before = previous_assessment(assessment)
    return NarrativeInput(
        country=assessment.country.short_name,
        year=year,
        tier=tier,
        previous=previous,
        watch_list_years=status.clock.run,
        waiver=status.has(EventKind.WAIVER) and assessment.waiver_granted is True,
        automatic_downgrade=status.has(EventKind.AUTO_DOWNGRADE),
        reentry=status.has(EventKind.REENTRY),
        special_case=assessment.special_case,
        recommendations=tuple(r.text for r in assessment.recommendations.all()),
        findings={f.standard: f.text for f in assessment.findings.all() if f.text},
        figures={
            name: (getattr(assessment, name), getattr(before, name) if before else None)
            for name in LAW_ENFORCEMENT_FIELDS
        },
        profile=assessment.profile_note,
    )


def draft_narrative(assessment: CountryAssessment) -> str:
    data = narrative_input(assessment)
    if data is None:
        raise WorkflowError("Propose a tier first: the narrative opens with the tier placement.")
    return draft(data)
