"""Compact pages under /work/assistance/compacts/: overview, status, plan and the forms.

Views parse, call ``tipmon.assistance.compacts`` and render. Anonymous users are sent to
sign in; a signed-in user without an assistance role gets 403 (``NoAssistanceAccess`` is a
``PermissionDenied``); only program officers may POST. A form with errors is shown again,
with what was typed, and status 400; a conflicting edit gives 409.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, ParamSpec

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tipmon.assistance import compacts
from tipmon.assistance import forms_compacts as f
from tipmon.assistance.access import is_editor, require_editor, require_reader
from tipmon.assistance.models import Contribution, Milestone
from tipmon.assistance.resource_figures import contributions_figure
from tipmon.core.errors import page_errors
from tipmon.trends.figures import Figure, find, to_csv, to_json

P = ParamSpec("P")
NOT_SAVED = "Nothing was saved: correct the fields marked below."


def reader_required(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Signed in (else the sign-in page) and an assistance reader (else 403), in that order,
    before anything else about the request is looked at."""

    @login_required
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request = args[0]
        assert isinstance(request, HttpRequest)
        require_reader(request.user)
        return view(*args, **kwargs)

    return page_errors(wrapper)


def today() -> date:
    return timezone.localdate()


def figure_links(request: HttpRequest, figure: Figure) -> dict[str, str]:
    links = {}
    for fmt in ("csv", "json", "svg"):
        query = request.GET.copy()
        query["format"], query["figure"] = fmt, figure.slug
        links[fmt] = f"{request.path}?{query.urlencode()}"
    return links


def figure_download(request: HttpRequest, figures: list[Figure], stem: str) -> HttpResponse | None:
    """The response for ``?format=csv|json|svg&figure=slug``, or None for the HTML page."""
    fmt = request.GET.get("format") or "html"
    if fmt == "html":
        return None
    figure = find(figures, request.GET.get("figure"))
    if figure is None or fmt not in ("csv", "json", "svg"):
        return HttpResponse("No such figure or format.", status=404, content_type="text/plain")
    if fmt == "csv":
        response = HttpResponse(to_csv(figure), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}-{figure.slug}.csv"'
        return response
    if fmt == "json":
        return JsonResponse(to_json(figure), json_dumps_params={"ensure_ascii": False})
    from tipmon.trends.views import figure_svg

    return HttpResponse(figure_svg(figure), content_type="image/svg+xml")


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    data = compacts.overview(today(), request.user)
    return render(
        request,
        "assistance/compacts/index.html",
        {"overview": data, "can_edit": is_editor(request.user)},
    )


@reader_required
def new(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = f.CompactForm(request.POST or None, initial={"status": "negotiating"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                compact = compacts.create_compact(form.cleaned_data, request.user, request)
                messages.success(request, "Compact created. Now add its plan and indicators.")
                return redirect("assistance:compact", pk=compact.pk)
            except compacts.CompactRuleError as exc:
                form.add_error(None, str(exc))
        messages.error(request, NOT_SAVED)
        status = 400
    return render(
        request, "assistance/compacts/form.html", {"form": form, "compact": None}, status=status
    )


@reader_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_editor(request.user)
    compact = compacts.get_compact(pk, request.user)
    initial = {name: getattr(compact, name) for name in compacts.COMPACT_FIELDS}
    form = f.CompactForm(request.POST or None, initial={**initial, "version": compact.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            expected = form.cleaned_data.get("version") or 0
            try:
                fresh = compacts.update_compact(
                    compact, form.cleaned_data, expected, request.user, request
                )
                messages.success(request, f"Saved as version {fresh.version}.")
                return redirect("assistance:compact", pk=pk)
            except compacts.ConcurrentEdit as exc:
                messages.error(request, str(exc))
                status = 409
            except compacts.CompactRuleError as exc:
                form.add_error(None, str(exc))
                messages.error(request, NOT_SAVED)
        else:
            messages.error(request, NOT_SAVED)
    return render(
        request,
        "assistance/compacts/form.html",
        {"form": form, "compact": compact},
        status=status,
    )


def _editor_forms(view: compacts.CompactView) -> dict[str, Any]:
    c = view.compact
    milestones = [
        m for o in view.objectives for a in o.activities.all() for m in a.milestones.all()
    ]
    return {
        "objective_form": f.ObjectiveForm(initial={"order": len(view.objectives) + 1}),
        "activity_form": f.ActivityForm(compact=c),
        "milestone_form": f.MilestoneForm(compact=c),
        "indicator_form": f.IndicatorForm(compact=c),
        "target_form": f.TargetForm(compact=c),
        "contribution_form": f.ContributionForm(),
        "complete_forms": {
            m.pk: f.CompleteMilestoneForm(
                initial={"completed": m.completed, "evidence": m.evidence}, prefix=f"m{m.pk}"
            )
            for m in milestones
        },
        "delivery_forms": {
            x.pk: f.DeliveryForm(
                initial={"delivered_usd": x.delivered_usd, "evidence": x.evidence},
                prefix=f"c{x.pk}",
            )
            for x in view.contributions
        },
    }


def _render_detail(
    request: HttpRequest, view: compacts.CompactView, bound: dict[str, Any], status: int = 200
) -> HttpResponse:
    figure = contributions_figure(view.status, view.source)
    can_edit = is_editor(request.user)
    context: dict[str, Any] = {
        "view": view,
        "compact": view.compact,
        "status": view.status,
        "figure": figure,
        "links": figure_links(request, figure),
        "can_edit": can_edit,
        "buckets": {m.milestone.id: m for m in view.status.milestones},
    }
    if can_edit:
        editor = _editor_forms(view)
        for key, value in bound.items():
            if isinstance(value, dict):
                editor[key] = {**editor[key], **value}
            else:
                editor[key] = value
        context.update(editor)
    return render(request, "assistance/compacts/detail.html", context, status=status)


@reader_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = compacts.compact_view(pk, today(), request.user)
    download = figure_download(
        request, [contributions_figure(view.status, view.source)], f"compact-{pk}"
    )
    return download or _render_detail(request, view, {})


def _post(
    request: HttpRequest,
    pk: int,
    key: str,
    form: forms.BaseForm | Callable[[compacts.CompactView], forms.BaseForm],
    act: Callable[[compacts.CompactView, dict[str, Any]], str],
    anchor: str,
    item: int | None = None,
) -> HttpResponse:
    """Validate ``form``, run ``act`` (which returns a success message), or show the page
    again with the form as typed and what went wrong."""
    require_editor(request.user)
    view = compacts.compact_view(pk, today(), request.user)
    bound = form(view) if callable(form) else form
    if bound.is_valid():
        try:
            messages.success(request, act(view, bound.cleaned_data))
            return redirect(reverse("assistance:compact", kwargs={"pk": pk}) + f"#{anchor}")
        except compacts.CompactRuleError as exc:
            bound.add_error(None, str(exc))
    messages.error(request, NOT_SAVED)
    return _render_detail(request, view, {key: {item: bound} if item else bound}, status=400)


@reader_required
@require_POST
def add_objective(request: HttpRequest, pk: int) -> HttpResponse:
    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.add_objective(view.compact, data["title"], data["order"], request.user, request)
        return "Objective added."

    return _post(request, pk, "objective_form", f.ObjectiveForm(request.POST), act, "plan")


@reader_required
@require_POST
def add_activity(request: HttpRequest, pk: int) -> HttpResponse:
    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.add_activity(data["objective"], data["title"], request.user, request)
        return "Activity added."

    def form(view: compacts.CompactView) -> forms.BaseForm:
        return f.ActivityForm(request.POST, compact=view.compact)

    return _post(request, pk, "activity_form", form, act, "plan")


@reader_required
@require_POST
def add_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.add_milestone(data["activity"], data, today(), request.user, request)
        return "Milestone added."

    def form(view: compacts.CompactView) -> forms.BaseForm:
        return f.MilestoneForm(request.POST, compact=view.compact)

    return _post(request, pk, "milestone_form", form, act, "plan")


@reader_required
@require_POST
def complete_milestone(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    milestone = get_object_or_404(
        Milestone.objects.select_related("activity__objective__compact"),
        pk=mid,
        activity__objective__compact_id=pk,
    )

    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.complete_milestone(
            milestone, data["completed"], data["evidence"], today(), request.user, request
        )
        return "Milestone updated."

    bound = f.CompleteMilestoneForm(request.POST, prefix=f"m{mid}")
    return _post(request, pk, "complete_forms", bound, act, f"milestone-{mid}", mid)


@reader_required
@require_POST
def add_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.add_indicator(view.compact, data, request.user, request)
        return "Indicator added. Give it a target for every year the compact runs."

    def form(view: compacts.CompactView) -> forms.BaseForm:
        return f.IndicatorForm(request.POST, compact=view.compact)

    return _post(request, pk, "indicator_form", form, act, "indicators")


@reader_required
@require_POST
def set_target(request: HttpRequest, pk: int) -> HttpResponse:
    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.set_target(
            data["indicator"],
            data["year"],
            data["target"],
            data["actual"],
            today(),
            request.user,
            request,
        )
        return f"Target for {data['year']} saved."

    def form(view: compacts.CompactView) -> forms.BaseForm:
        return f.TargetForm(request.POST, compact=view.compact)

    return _post(request, pk, "target_form", form, act, "indicators")


@reader_required
@require_POST
def add_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.add_contribution(view.compact, data, request.user, request)
        return "Contribution recorded."

    bound = f.ContributionForm(request.POST)
    return _post(request, pk, "contribution_form", bound, act, "contributions")


@reader_required
@require_POST
def record_delivery(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    item = get_object_or_404(Contribution, pk=cid, compact_id=pk)

    def act(view: compacts.CompactView, data: dict[str, Any]) -> str:
        compacts.record_delivery(
            item, data["delivered_usd"], data["evidence"], request.user, request
        )
        return "Delivery recorded."

    bound = f.DeliveryForm(request.POST, prefix=f"c{cid}")
    return _post(request, pk, "delivery_forms", bound, act, f"contribution-{cid}", cid)
