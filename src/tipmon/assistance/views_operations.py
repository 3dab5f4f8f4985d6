"""The operations page, /work/assistance/operations?fy=YYYY, and its forms.

Views parse, call ``tipmon.assistance.operations`` and render; a form with errors is shown
again with what was typed (status 400). The page's figures download as CSV, JSON or SVG.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tipmon.assistance import operations
from tipmon.assistance import resource_figures as figs
from tipmon.assistance.access import is_editor, require_editor
from tipmon.assistance.forms_operations import (
    AssignmentForm,
    BudgetLineForm,
    DeskOfficerImportForm,
    FiscalYearForm,
    PriorityForm,
)
from tipmon.assistance.models import StaffAssignment
from tipmon.assistance.views_compacts import (
    NOT_SAVED,
    figure_download,
    figure_links,
    reader_required,
    today,
)


def _fiscal_year(request: HttpRequest) -> int:
    form = FiscalYearForm(request.GET)
    if not form.is_valid():
        raise BadRequest("fy: give a fiscal year such as 2026.")
    return form.cleaned_data["fy"] or operations.fiscal_year_of(today())


def _render(
    request: HttpRequest, fiscal_year: int, bound: dict[str, Any], status: int = 200
) -> HttpResponse:
    view = operations.operations_view(fiscal_year, today(), request.user)
    figures = [
        figs.need_bureau_figure(view),
        figs.need_country_figure(view),
        figs.budget_figure(view),
        figs.staff_figure(view),
    ]
    download = figure_download(request, figures, f"operations-fy{fiscal_year}")
    if download is not None:
        return download
    fy = {"fiscal_year": fiscal_year}
    context: dict[str, Any] = {
        "view": view,
        "figures": [(fig, figure_links(request, fig)) for fig in figures],
        "can_edit": is_editor(request.user),
        "priority_form": PriorityForm(),
        "budget_form": BudgetLineForm(initial=fy),
        "assignment_form": AssignmentForm(initial=fy),
        "years": (fiscal_year - 1, fiscal_year + 1),
        **bound,
    }
    return render(request, "assistance/operations/page.html", context, status=status)


@reader_required
def page(request: HttpRequest) -> HttpResponse:
    return _render(request, _fiscal_year(request), {})


def _back(fiscal_year: int, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('assistance:operations')}?fy={fiscal_year}#{anchor}")


def _year_of(request: HttpRequest) -> int:
    try:
        return int(str(request.POST.get("fiscal_year", "")))
    except ValueError:
        return operations.fiscal_year_of(today())


@reader_required
@require_POST
def add_priority(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = PriorityForm(request.POST)
    year = _year_of(request)
    if form.is_valid():
        try:
            operations.add_priority(form.cleaned_data, request.user, request)
            messages.success(request, "Strategic priority added.")
            return _back(year, "budget")
        except operations.OperationsRuleError as exc:
            form.add_error(None, str(exc))
    messages.error(request, NOT_SAVED)
    return _render(request, year, {"priority_form": form}, status=400)


@reader_required
@require_POST
def add_budget_line(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = BudgetLineForm(request.POST)
    if form.is_valid():
        line = operations.add_budget_line(form.cleaned_data, request.user, request)
        messages.success(request, "Budget line added.")
        return _back(line.fiscal_year, "budget")
    messages.error(request, NOT_SAVED)
    return _render(request, _year_of(request), {"budget_form": form}, status=400)


@reader_required
@require_POST
def add_assignment(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            item = operations.add_assignment(form.cleaned_data, request.user, request)
            messages.success(request, "Assignment added.")
            return _back(item.fiscal_year, "staff")
        except operations.OperationsRuleError as exc:
            form.add_error(None, str(exc))
    messages.error(request, NOT_SAVED)
    return _render(request, _year_of(request), {"assignment_form": form}, status=400)


@reader_required
@require_POST
def remove_assignment(request: HttpRequest, aid: int) -> HttpResponse:
    require_editor(request.user)
    item = get_object_or_404(StaffAssignment, pk=aid)
    year = item.fiscal_year
    operations.remove_assignment(item, request.user, request)
    messages.success(request, "Assignment removed.")
    return _back(year, "staff")


@reader_required
@require_POST
def import_desk_officers(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = DeskOfficerImportForm(request.POST)
    if not form.is_valid():
        raise BadRequest("fiscal_year: give a fiscal year such as 2026.")
    result = operations.import_desk_officers(
        form.cleaned_data["fiscal_year"], request.user, request
    )
    if result.cycle_year is None:
        messages.warning(request, "No reporting cycle up to that year: nothing imported.")
    else:
        text = (
            f"From the {result.cycle_year} cycle: {len(result.created)} desk-officer "
            f"assignments added, {result.already} already there."
        )
        if result.skipped:
            text += " Not added: " + "; ".join(result.skipped) + "."
        messages.success(request, text)
    return _back(result.fiscal_year, "staff")
