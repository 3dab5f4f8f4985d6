"""IATI downloads: every program (or those the list page's filters choose) and one program.

Readers only: anonymous users are sent to sign in, a signed-in user without an assistance
role gets 403, and only GET (or HEAD) is answered. The mapping is
``tipmon.assistance.iati_export``; a program it cannot write gives a plain-text answer
naming the program and the field, and no file.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from tipmon.assistance import iati_export, results
from tipmon.assistance.access import require_reader
from tipmon.assistance.models import Program, ProgramStatus
from tipmon.assistance.models.programs import OBJECTIVE_AREAS, SCOPE_BUREAUS

TEXT = "text/plain; charset=utf-8"


def list_filters(request: HttpRequest) -> results.ProgramFilters:
    """The program list's filters (country, bureau, objective, status, fiscal year)."""
    get = request.GET
    bureau, objective = get.get("bureau", ""), get.get("objective", "")
    status, year = get.get("status", ""), get.get("fy", "").strip()
    return results.ProgramFilters(
        country=get.get("country", "").strip().upper()[:3],
        bureau=bureau if bureau in dict(SCOPE_BUREAUS) else "",
        objective=objective if objective in OBJECTIVE_AREAS else "",
        status=status if status in ProgramStatus.values else "",
        fiscal_year=int(year) if year.isdigit() and len(year) < 10 else None,
    )


def _download(selection: iati_export.Selection, filename: str) -> HttpResponse:
    try:
        export = iati_export.export_programs(selection)
    except iati_export.NothingToExport as exc:
        return HttpResponse(f"No IATI file was made. {exc}\n", status=404, content_type=TEXT)
    except iati_export.ExportRefused as exc:
        return HttpResponse(f"No IATI file was made. {exc}\n", status=409, content_type=TEXT)
    response = HttpResponse(export.xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def activities(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    selection = iati_export.selection(list_filters(request))
    return _download(selection, "tipmon-iati-activities.xml")


@login_required
@require_safe
def program_activity(request: HttpRequest, code: str) -> HttpResponse:
    require_reader(request.user)
    program = get_object_or_404(Program, code=code)
    return _download(iati_export.one(program), f"tipmon-iati-{program.code}.xml")
