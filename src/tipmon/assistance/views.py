"""Assistance pages under /work/assistance/: programs, funding, results, progress reports,
country and objective roll-ups.

Every view: anonymous users are sent to sign in; a signed-in user without an assistance
role gets 403 (``NoAssistanceAccess`` is a ``PermissionDenied``); only program officers
reach the forms. Views parse, call a service and render; the rules are the services'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tipmon.assistance import compacts, results
from tipmon.assistance import programs as services
from tipmon.assistance.access import is_editor, require_editor, require_reader
from tipmon.assistance.forms import (
    FundingForm,
    IndicatorForm,
    PeriodForm,
    ProgramForm,
    ReportForm,
    ValueForm,
)
from tipmon.assistance.models import Program, ProgramStatus
from tipmon.assistance.models.programs import OBJECTIVE_AREAS, SCOPE_BUREAUS
from tipmon.assistance.uploads import UploadRefused
from tipmon.countries.models import Country
from tipmon.trends.figures import Figure, find, to_csv

PAGE_SIZE = 100


def _int(request: HttpRequest, name: str) -> int | None:
    """A whole-number query parameter; anything else is ignored (these are filters)."""
    value = request.GET.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _program(code: str) -> Program:
    return get_object_or_404(Program.objects.select_related("country"), code=code)


def _filters(request: HttpRequest) -> results.ProgramFilters:
    get = request.GET
    bureau = get.get("bureau", "")
    objective = get.get("objective", "")
    status = get.get("status", "")
    return results.ProgramFilters(
        country=get.get("country", "").strip().upper()[:3],
        bureau=bureau if bureau in dict(SCOPE_BUREAUS) else "",
        objective=objective if objective in OBJECTIVE_AREAS else "",
        status=status if status in ProgramStatus.values else "",
        fiscal_year=_int(request, "fy"),
    )


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    data = results.program_list(_filters(request))
    page = max(_int(request, "page") or 1, 1)
    shown = data.programs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/list.html",
        {
            "data": data, "shown": shown, "page": page, "query": query.urlencode(),
            "more": data.count > page * PAGE_SIZE, "bureaus": SCOPE_BUREAUS,
            "areas": OBJECTIVE_AREAS, "statuses": ProgramStatus.choices,
            "countries": Country.objects.filter(programs__isnull=False).distinct(),
            "can_edit": is_editor(request.user),
        },
    )  # fmt: skip


@login_required
def program_detail(request: HttpRequest, code: str) -> HttpResponse:
    require_reader(request.user)
    program = _program(code)
    detail = results.program_detail(program)
    return render(
        request,
        "assistance/program.html",
        {
            "detail": detail, "program": program, "can_edit": is_editor(request.user),
            "recommendations": program.recommendations.select_related("assessment__cycle"),
            "reports": program.reports.select_related("period", "submitted_by")
            .prefetch_related("attachments"),
        },
    )  # fmt: skip


def _form_page(
    request: HttpRequest, form: Any, title: str, program: Program | None, status: int = 200,
    **extra: Any,
) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "assistance/form.html",
        {"form": form, "title": title, "program": program, **extra},
        status=status,
    )


def _refused(form: Any, exc: services.AssistanceError) -> int:
    form.add_error(None, str(exc))
    return 409 if isinstance(exc, services.ConcurrentEdit) else 400


@login_required
def program_new(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = ProgramForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            values = {k: form.cleaned_data[k] for k in services.PROGRAM_FIELDS}
            try:
                program = services.create_program(
                    values, request.user, request, form.cleaned_data["recommendations"]
                )
                messages.success(request, f"Program {program.code} created.")
                return redirect("assistance:program", code=program.code)
            except services.AssistanceError as exc:
                status = _refused(form, exc)
    return _form_page(request, form, "New program", None, status)


@login_required
def program_edit(request: HttpRequest, code: str) -> HttpResponse:
    require_editor(request.user)
    program = _program(code)
    form = ProgramForm(request.POST or None, instance=program, initial={"version": program.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            changes = {k: form.cleaned_data[k] for k in services.PROGRAM_FIELDS}
            try:
                fresh = services.update_program(
                    program, changes, form.cleaned_data["version"], request.user, request,
                    form.cleaned_data["recommendations"],
                )  # fmt: skip
                messages.success(request, f"Saved as version {fresh.version}.")
                return redirect("assistance:program", code=fresh.code)
            except services.AssistanceError as exc:
                status = _refused(form, exc)
    return _form_page(request, form, f"Edit {program.code}", program, status)


def _save_to_program(
    request: HttpRequest, form: Any, program: Program, save: Callable[[dict[str, Any]], str]
) -> HttpResponse | int:
    """On a valid POST, run ``save`` (which returns the success message) and go back to the
    program; otherwise the status to render the form with, its errors shown."""
    if request.method != "POST":
        return 200
    if form.is_valid():
        try:
            messages.success(request, save(form.cleaned_data))
            return redirect("assistance:program", code=program.code)
        except services.AssistanceError as exc:
            return _refused(form, exc)
    return 400


@login_required
def funding(request: HttpRequest, code: str) -> HttpResponse:
    require_editor(request.user)
    program = _program(code)
    line = program.funding.filter(fiscal_year=_int(request, "fy") or 0).first()
    initial: dict[str, Any] = {"version": 0}
    if line is not None:
        initial = {"fiscal_year": line.fiscal_year, "obligated_usd": line.obligated_usd,
                   "disbursed_usd": line.disbursed_usd, "note": line.note,
                   "version": line.version}  # fmt: skip
    form = FundingForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.record_funding(
            program, data["fiscal_year"], data["obligated_usd"], data["disbursed_usd"],
            request.user, request, data["version"], data["note"],
        )  # fmt: skip
        return f"FY{data['fiscal_year']} funding saved."

    status = _save_to_program(request, form, program, save)
    if isinstance(status, HttpResponse):
        return status
    return _form_page(request, form, f"Funding of {program.code}", program, status)


@login_required
def indicator_new(request: HttpRequest, code: str) -> HttpResponse:
    require_editor(request.user)
    program = _program(code)
    form = IndicatorForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        services.add_indicator(program, data, request.user, request)
        return f"Indicator {data['code']} added."

    status = _save_to_program(request, form, program, save)
    if isinstance(status, HttpResponse):
        return status
    return _form_page(request, form, f"New indicator for {program.code}", program, status)


@login_required
def period_new(request: HttpRequest, code: str) -> HttpResponse:
    require_editor(request.user)
    program = _program(code)
    form = PeriodForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        services.add_period(
            program, data["label"], data["start"], data["end"], request.user, request
        )
        return f"Reporting period {data['label']} added."

    status = _save_to_program(request, form, program, save)
    if isinstance(status, HttpResponse):
        return status
    return _form_page(request, form, f"New reporting period for {program.code}", program, status)


def _value_initial(request: HttpRequest, program: Program) -> dict[str, Any]:
    """Prefill from ?indicator=&period=&kind=&sex=&age= (an edit link on the program page)."""
    keys = ("indicator", "period", "kind", "sex", "age")
    initial: dict[str, Any] = {k: request.GET[k] for k in keys if k in request.GET}
    indicator = program.indicators.filter(pk=_int(request, "indicator") or 0).first()
    if indicator is not None and len(initial) == len(keys):
        current = indicator.values.filter(
            period_id=_int(request, "period") or 0,
            kind=initial["kind"], sex=initial["sex"], age=initial["age"],
        ).first()  # fmt: skip
        if current is not None:
            initial |= {"value": current.value, "version": current.version}
    return {"version": 0} | initial


@login_required
def value_record(request: HttpRequest, code: str) -> HttpResponse:
    require_editor(request.user)
    program = _program(code)
    form = ValueForm(
        request.POST or None, program=program, initial=_value_initial(request, program)
    )

    def save(data: dict[str, Any]) -> str:
        cell = services.Cell(data["kind"], data["sex"], data["age"])
        services.record_value(
            data["indicator"], data["period"], cell, data["value"], request.user, request,
            data["version"],
        )  # fmt: skip
        return f"{data['kind'].capitalize()} recorded."

    status = _save_to_program(request, form, program, save)
    if isinstance(status, HttpResponse):
        return status
    return _form_page(request, form, f"Record a target or actual for {program.code}", program,
                      status)  # fmt: skip


@login_required
def report_new(request: HttpRequest, code: str) -> HttpResponse:
    require_editor(request.user)
    program = _program(code)
    form = ReportForm(request.POST or None, request.FILES or None, program=program)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            files = [
                services.Upload(f.name or "", f.size or 0, f.read) for f in data["attachments"]
            ]
            try:
                services.submit_report(
                    program, data["period"], data["narrative"], files, request.user, request
                )
                messages.success(request, "Progress report submitted.")
                return redirect("assistance:program", code=program.code)
            except (services.AssistanceError, UploadRefused) as exc:
                form.add_error(None, str(exc))
    return _form_page(request, form, f"Progress report for {program.code}", program, status,
                      multipart=True)  # fmt: skip


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = services.attachment_for(pk, request.user)
    if item is None:
        raise Http404("No such attachment.")
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name,
        content_type=item.content_type,
    )  # fmt: skip


def _csv(figures: list[Figure], slug: str) -> HttpResponse:
    figure = find(figures, slug)
    if figure is None:
        raise Http404("No such figure.")
    response = HttpResponse(to_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{figure.slug}.csv"'
    return response


@login_required
def program_csv(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    require_reader(request.user)
    return _csv(results.program_detail(_program(code)).figures, slug)


@login_required
def country(request: HttpRequest, iso3: str) -> HttpResponse:
    require_reader(request.user)
    place = get_object_or_404(Country, iso3=iso3.upper())
    data = results.country_rollup(place.iso3)
    return render(
        request,
        "assistance/rollup.html",
        {
            "data": data, "country": place, "title": f"Assistance in {place.short_name}",
            "regional": results.regional_programs(place.bureau)[:30],
            "csv_url": "assistance:country-csv", "csv_arg": place.iso3,
            "compacts": compacts.overview(timezone.localdate(), request.user, place.iso3),
        },
    )  # fmt: skip


@login_required
def country_csv(request: HttpRequest, iso3: str, slug: str) -> HttpResponse:
    require_reader(request.user)
    place = get_object_or_404(Country, iso3=iso3.upper())
    return _csv(results.country_rollup(place.iso3).figures, slug)


def _area(area: str) -> str:
    if area not in OBJECTIVE_AREAS:
        raise Http404("No such objective area.")
    return area


@login_required
def objective(request: HttpRequest, area: str) -> HttpResponse:
    require_reader(request.user)
    data = results.objective_rollup(_area(area))
    return render(
        request,
        "assistance/rollup.html",
        {
            "data": data, "title": f"Assistance for {area}", "area": area,
            "csv_url": "assistance:objective-csv", "csv_arg": area,
        },
    )  # fmt: skip


@login_required
def objective_csv(request: HttpRequest, area: str, slug: str) -> HttpResponse:
    require_reader(request.user)
    return _csv(results.objective_rollup(_area(area)).figures, slug)
