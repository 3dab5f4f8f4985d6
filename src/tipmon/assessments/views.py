"""The staff workspace: cycle dashboard, assessment page, workflow moves, publication.

Every view requires a signed-in user with a role on the cycle; without one the cycle does
not exist for them (404), so nothing of an embargoed cycle leaks.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tipmon.assessments import interim as interim_service
from tipmon.assessments import narrative, services, workflow
from tipmon.assessments.access import NoAccess, cycles_for, roles_on, visible_bureaus
from tipmon.assessments.forms import (
    AssessmentForm,
    CommentForm,
    EngagementForm,
    FindingFormSet,
    MoveForm,
    RecommendationFormSet,
)
from tipmon.assessments.models import (
    LAW_ENFORCEMENT_FIELDS,
    Comment,
    CountryAssessment,
    Engagement,
    Notification,
    ReportingCycle,
    Role,
    State,
)
from tipmon.assessments.publication import publish_cycle
from tipmon.assistance import access as assistance_access
from tipmon.assistance.results import country_summary
from tipmon.core import audit


def _cycle(request: HttpRequest, year: int) -> tuple[ReportingCycle, set[str]]:
    cycle = ReportingCycle.objects.filter(report_year=year).first()
    roles = roles_on(request.user, cycle) if cycle else set()
    if cycle is None or not roles:
        raise Http404("No cycle for that year that you have a role on.")
    return cycle, roles


def _assessment(request: HttpRequest, year: int, code: str) -> tuple[CountryAssessment, set[str]]:
    cycle, _ = _cycle(request, year)
    assessment = (
        CountryAssessment.objects.select_related("cycle", "country")
        .filter(cycle=cycle, country_id=code.upper())
        .first()
    )
    roles = roles_on(request.user, cycle, assessment.country.bureau) if assessment else set()
    if assessment is None or not roles:
        raise Http404("No assessment there that you have a role on.")
    return assessment, roles


@login_required
def home(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(user_id=request.user.pk or 0, read=False)[:20]
    return render(
        request,
        "assessments/home.html",
        {
            "cycles": cycles_for(request.user),
            "notifications": notes,
            "assistance": assistance_access.is_reader(request.user),
        },
    )


OVERDUE_AFTER = {
    State.DRAFT: "drafts_due",
    State.REGIONAL_REVIEW: "clearance_due",
    State.EDITING: "clearance_due",
    State.APPROVAL: "approval_due",
}


@login_required
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    cycle, roles = _cycle(request, year)
    bureaus = visible_bureaus(request.user, cycle)
    rows = [
        a
        for a in cycle.assessments.select_related("country", "holder")
        if bureaus is None or a.country.bureau in bureaus
    ]
    state = request.GET.get("state", "")
    today = date.today()
    overdue = {
        a.pk
        for a in rows
        if a.state in OVERDUE_AFTER and getattr(cycle, OVERDUE_AFTER[State(a.state)]) < today
    }
    shown = [a for a in rows if not state or a.state == state]
    return render(
        request,
        "assessments/dashboard.html",
        {
            "cycle": cycle,
            "roles": roles,
            "rows": shown,
            "overdue": overdue,
            "counts": Counter(a.state for a in rows),
            "states": State.choices,
            "state": state,
            "can_publish": "approver" in roles and not cycle.published,
            "pen": {state: Role(role).label for state, role in workflow.EDITOR_OF_STATE.items()},
        },
    )


def _figure_warning(form: AssessmentForm, assessment: CountryAssessment) -> list[str]:
    values = {n: form.cleaned_data.get(n) for n in LAW_ENFORCEMENT_FIELDS}
    return services.implausible_figures(values, services.previous_assessment(assessment))


@login_required
def assessment(request: HttpRequest, year: int, code: str) -> HttpResponse:
    item, roles = _assessment(request, year, code)
    editable = workflow.may_edit(item.state, roles)
    form = AssessmentForm(request.POST or None, instance=item, initial={"version": item.version})
    findings = FindingFormSet(request.POST or None, queryset=item.findings.all(), prefix="f")
    recs = RecommendationFormSet(request.POST or None, instance=item, prefix="r")
    status = 200
    if request.method == "POST":
        outcome = _save(request, item, roles, form, findings, recs)
        if outcome is None:
            return redirect("assessments:assessment", year=year, code=item.country_id)
        status = outcome
    return render(
        request,
        "assessments/assessment.html",
        {
            **_context(item, roles),
            "form": form,
            "findings": findings,
            "recs": recs,
            "editable": editable,
        },
        status=status,
    )


def _save(
    request: HttpRequest,
    item: CountryAssessment,
    roles: set[str],
    form: AssessmentForm,
    findings: Any,
    recs: Any,
) -> int | None:
    """Save all three forms, or none; return an HTTP status to re-render with, or None."""
    if not (form.is_valid() and findings.is_valid() and recs.is_valid()):
        messages.error(request, "Nothing was saved: correct the fields marked below.")
        return 400
    flagged = _figure_warning(form, item)
    if flagged and not form.cleaned_data["confirm_figures"]:
        messages.warning(
            request,
            "Nothing was saved. Check these figures, then tick the "
            "confirmation box: " + "; ".join(flagged),
        )
        return 400
    changes = {name: form.cleaned_data[name] for name in AssessmentForm.Meta.fields}
    try:
        with transaction.atomic():
            fresh = services.save_assessment(
                item, changes, form.cleaned_data["version"], request.user, request
            )
            findings.save()
            recs.instance = fresh
            recs.save()
    except services.ConcurrentEdit as exc:
        messages.error(request, str(exc))
        return 409
    except NoAccess as exc:
        messages.error(request, str(exc))
        return 403
    messages.success(request, f"Saved as version {fresh.version}.")
    return None


def _context(item: CountryAssessment, roles: set[str]) -> dict[str, Any]:
    before = services.previous_assessment(item)
    return {
        "item": item,
        "cycle": item.cycle,
        "roles": roles,
        "figures": services.figure_rows(item),
        "check": services.tier_check(item),
        "actions": workflow.actions_for(item.state, roles),
        "comments": item.comments.select_related("author"),
        "transitions": item.transitions.select_related("user"),
        "revisions": item.revisions.select_related("user")[:10],
        "previous": before,
        "period": services.reporting_period(item.cycle.report_year),
        "comment_form": CommentForm(),
        "move_form": MoveForm(),
        "engagement_form": EngagementForm(assessment=item),
        "assistance": country_summary(item.country_id),
        "engagements": Engagement.objects.filter(country=item.country)
        .select_related("cycle")
        .prefetch_related("recommendations")[:30],
    }


@login_required
@require_POST
def move(request: HttpRequest, year: int, code: str) -> HttpResponse:
    item, _ = _assessment(request, year, code)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move(
                item,
                form.cleaned_data["action"],
                request.user,
                form.cleaned_data["reason"],
                request,
            )
            messages.success(request, "Done.")
        except (services.WorkflowError, NoAccess) as exc:
            messages.error(request, str(exc))
    return redirect("assessments:assessment", year=year, code=item.country_id)


@login_required
@require_POST
def comment(request: HttpRequest, year: int, code: str) -> HttpResponse:
    item, _ = _assessment(request, year, code)
    form = CommentForm(request.POST)
    if form.is_valid():
        note = Comment.objects.create(
            assessment=item,
            author=request.user,  # type: ignore[misc]
            **form.cleaned_data,
        )
        audit.record("assessment.comment", item, request=request, comment=note.pk)
    else:
        messages.error(request, "A comment needs a section and some text.")
    return redirect("assessments:assessment", year=year, code=item.country_id)


@login_required
@require_POST
def engagement(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """Record a démarche, meeting, commitment or action plan, linked to recommendations."""
    item, _ = _assessment(request, year, code)
    form = EngagementForm(request.POST, assessment=item)
    if not form.is_valid():
        messages.error(
            request,
            "The engagement was not recorded: "
            + "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items()),
        )
        return redirect("assessments:assessment", year=year, code=item.country_id)
    record = form.save(commit=False)
    record.country, record.cycle = item.country, item.cycle
    record.recorded_by_id = int(request.user.pk or 0)
    record.save()
    form.save_m2m()
    audit.record("engagement.add", record, request=request, kind=record.kind)
    messages.success(request, "Engagement recorded.")
    return redirect("assessments:assessment", year=year, code=item.country_id)


@login_required
@require_POST
def draft_narrative(request: HttpRequest, year: int, code: str) -> HttpResponse:
    item, _ = _assessment(request, year, code)
    try:
        text = services.draft_narrative(item)
        services.save_assessment(
            item,
            {"narrative": text},
            int(request.POST.get("version", 0)),
            request.user,
            request,
            note="narrative drafted from the assessment",
        )
        messages.success(
            request, "A draft narrative was written from the assessment; edit it below."
        )
    except (services.WorkflowError, NoAccess, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("assessments:assessment", year=year, code=item.country_id)


@login_required
def narrative_diff(request: HttpRequest, year: int, code: str) -> HttpResponse:
    item, _ = _assessment(request, year, code)
    before = services.previous_assessment(item)
    lines = narrative.diff(before.narrative if before else "", item.narrative)
    return render(
        request, "assessments/diff.html", {"item": item, "lines": lines, "before": before}
    )


@login_required
@require_POST
def publish(request: HttpRequest, year: int) -> HttpResponse:
    cycle, _ = _cycle(request, year)
    try:
        count = publish_cycle(cycle, request.user, request)
        messages.success(request, f"Published: {count} countries are now in the tier history.")
    except (services.WorkflowError, NoAccess) as exc:
        messages.error(request, f"Nothing was published. {exc}")
    return redirect("assessments:dashboard", year=year)


@login_required
def interim(request: HttpRequest, year: int) -> HttpResponse:
    """Progress notes for the Special Watch List countries; the approver publishes them."""
    cycle, roles = _cycle(request, year)
    status = 200
    try:
        if request.method == "POST" and request.POST.get("publish"):
            interim_service.publish_interim(cycle, request.user)
            messages.success(request, "The interim assessment is published.")
            return redirect("assessments:interim", year=year)
        if request.method == "POST":
            notes = {
                key.removeprefix("note-"): str(request.POST.get(key, ""))
                for key in request.POST
                if key.startswith("note-")
            }
            count = interim_service.save_interim(cycle, notes, request.user)
            messages.success(request, f"Saved {count} progress notes.")
            return redirect("assessments:interim", year=year)
        entries = interim_service.interim_entries(cycle)
    except (services.WorkflowError, NoAccess) as exc:
        messages.error(request, str(exc))
        entries = interim_service.interim_entries(cycle) if cycle.published else []
        if request.method == "POST":  # a refused write is never answered with a 2xx
            status = 403 if isinstance(exc, NoAccess) else 400
    context = {"cycle": cycle, "roles": roles, "entries": entries}
    return render(request, "assessments/interim.html", context, status=status)
