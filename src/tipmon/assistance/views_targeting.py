"""Targeting pages under /work/assistance/targeting/: run a scenario, save it, compare two.

Running is a GET (it writes nothing, so every assistance reader may run and link to a
run); saving is a POST that only program officers may make. Views parse, call
``tipmon.assistance.targeting_app`` and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tipmon.assistance import targeting_app as app
from tipmon.assistance import targeting_figures as figures
from tipmon.assistance.access import is_editor, require_editor, require_reader
from tipmon.assistance.forms_targeting import TargetingForm, initial_from
from tipmon.assistance.models import SavedScenario
from tipmon.assistance.targeting import ScenarioResult
from tipmon.assistance.targeting_inputs import build_inputs, tier3_choices
from tipmon.core.datastate import data_state
from tipmon.core.provenance import DatasetRef
from tipmon.trends.figures import to_csv

PAGE = "assistance/targeting/page.html"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _form(data: QueryDict | None, initial: dict[str, Any] | None = None) -> TargetingForm:
    return TargetingForm(data, initial=initial, tier3=tier3_choices())


def _replacing(data: QueryDict) -> tuple[SavedScenario | None, int | None]:
    pk = _int(data.get("replace"))
    saved = SavedScenario.objects.defer("result").filter(pk=pk).first() if pk else None
    return saved, _int(data.get("version"))


def _page(
    request: HttpRequest, form: TargetingForm, query: QueryDict, status: int = 200, **extra: Any
) -> HttpResponse:
    replace, version = _replacing(query)
    context = {
        "form": form, "query": query.urlencode(), "replace": replace, "version": version,
        "can_save": is_editor(request.user), **extra,
    }  # fmt: skip
    return render(request, PAGE, context, status=status)


def _result_bits(
    result: ScenarioResult, sources: tuple[DatasetRef, ...], notes: tuple[str, ...]
) -> dict[str, Any]:
    """What the results part of a page shows, for a fresh run or a saved one."""
    outcomes = sorted(result.allocation.countries, key=lambda o: (-o.total, -o.score, o.iso3))
    return {
        "result": result, "figure": figures.allocation_figure(result, sources),
        "bureaus": figures.bureau_totals(result), "program_totals": figures.program_totals(result),
        "binding": result.allocation.binding(), "outcomes": outcomes,
        "weights": [
            (name.replace("_", " "), w) for name, w in result.scenario.weights.normalised().items()
        ],
        "sources": sources, "notes": notes,
    }  # fmt: skip


@login_required
@require_GET
def page(request: HttpRequest) -> HttpResponse:
    """The form; with ``run`` in the query, the allocation it gives."""
    require_reader(request.user)
    query: QueryDict = request.GET
    if "run" not in query:
        saved = SavedScenario.objects.filter(pk=_int(query.get("from")) or 0).first()
        if saved is None:
            return _page(request, _form(None), query)
        opened = QueryDict(mutable=True)
        opened.update({"replace": str(saved.pk), "version": str(saved.version)})
        initial = initial_from(saved.scenario, saved.options)
        return _page(request, _form(None, initial), opened, opened_from=saved)
    form = _form(query)
    if not form.is_valid():
        return _page(request, form, query, 400)
    try:
        done = app.run_spec(form.spec)
    except app.TargetingRefused as exc:
        form.add_error(None, str(exc))
        return _page(request, form, query, 400, refused=exc)
    csv_url = f"{reverse('assistance:targeting-csv')}?{query.urlencode()}"
    bits = _result_bits(done.result, done.sources, done.inputs.notes)
    return _page(request, form, query, csv_url=csv_url, **bits)


@login_required
@require_GET
def allocation_csv(request: HttpRequest) -> HttpResponse:
    """The allocation of the scenario in the query, as CSV with its sources."""
    require_reader(request.user)
    form = _form(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    try:
        done = app.run_spec(form.spec)
    except app.TargetingRefused as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain")
    return _csv(to_csv(figures.allocation_figure(done.result, done.sources)), "allocation")


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save (or replace) the scenario whose form values are in ``query``; editors only."""
    require_editor(request.user)
    query = QueryDict(request.POST.get("query", ""))
    replace, _ = _replacing(request.POST)
    version = _int(request.POST.get("version"))
    as_new = request.POST.get("as") == "new"
    merged = query.copy()
    if replace and not as_new:
        merged.update({"replace": str(replace.pk), "version": str(version or 0)})
    form = _form(query)
    if not form.is_valid():
        return _page(request, form, merged, 400)
    try:
        saved = app.save_scenario(
            form.spec, request.user, request,
            replace=None if as_new else replace, expected_version=version or 0,
        )  # fmt: skip
    except app.ScenarioConflict as exc:
        form.add_error(None, str(exc))
        return _page(request, form, merged, 409)
    except app.TargetingRefused as exc:
        form.add_error(None, str(exc))
        return _page(request, form, merged, 400, refused=exc)
    messages.success(request, f"Scenario '{saved.name}' saved (version {saved.version}).")
    return redirect("assistance:targeting-scenario", pk=saved.pk)


@login_required
@require_GET
def scenarios(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    rows = SavedScenario.objects.defer("result", "scenario").select_related("created_by")
    return render(
        request,
        "assistance/targeting/list.html",
        {"scenarios": rows, "state": data_state(), "can_save": is_editor(request.user)},
    )


@login_required
@require_GET
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    saved = get_object_or_404(SavedScenario.objects.select_related("created_by"), pk=pk)
    kept = app.stored(saved)
    return render(
        request,
        "assistance/targeting/scenario.html",
        {
            "saved": saved, "changed": app.data_changed(saved), "options": kept.options,
            **_result_bits(kept.result, kept.sources, kept.notes),
        },
    )  # fmt: skip


@login_required
@require_GET
def scenario_csv(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    kept = app.stored(get_object_or_404(SavedScenario, pk=pk))
    return _csv(to_csv(figures.allocation_figure(kept.result, kept.sources)), f"scenario-{pk}")


def _pair(request: HttpRequest) -> tuple[SavedScenario, SavedScenario]:
    a = get_object_or_404(SavedScenario, pk=_int(request.GET.get("a")) or 0)
    b = get_object_or_404(SavedScenario, pk=_int(request.GET.get("b")) or 0)
    return a, b


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    a, b = _pair(request)
    both = app.compare_saved(a, b)
    return render(
        request,
        "assistance/targeting/compare.html",
        {
            "c": both,
            "figure": figures.comparison_figure(both.comparison, _sources(both)),
            "csv": f"{reverse('assistance:targeting-compare-csv')}?a={a.pk}&b={b.pk}",
        },
    )


def _sources(both: app.SavedComparison) -> tuple[DatasetRef, ...]:
    seen = {s.key: s for s in (*both.a.sources, *both.b.sources)}
    return tuple(seen.values())


@login_required
@require_GET
def compare_csv(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    a, b = _pair(request)
    both = app.compare_saved(a, b)
    return _csv(to_csv(figures.comparison_figure(both.comparison, _sources(both))), "comparison")


@login_required
@require_GET
def inputs(request: HttpRequest) -> HttpResponse:
    """The country inputs with the default options, each with its source."""
    require_reader(request.user)
    return render(request, "assistance/targeting/inputs.html", {"inputs": build_inputs()})
