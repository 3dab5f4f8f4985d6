"""Published reports: the whole report, a page per country, and the PDF."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tipmon.assessments.models import ReportingCycle
from tipmon.publishing import services
from tipmon.publishing.pdf import report_pdf

P = ParamSpec("P")


def embargoed(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except services.ReportNotPublished as exc:
            raise Http404(str(exc)) from exc

    return wrapper


def index(request: HttpRequest) -> HttpResponse:
    cycles = ReportingCycle.objects.filter(published_at__isnull=False)
    return render(request, "publishing/index.html", {"cycles": cycles})


@embargoed
def whole(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "publishing/report.html", {"report": services.report(year)})


@embargoed
def country(request: HttpRequest, year: int, code: str) -> HttpResponse:
    return render(request, "publishing/country.html",
                  {"chapter": services.chapter(year, code), "year": year})  # fmt: skip


@embargoed
def pdf(request: HttpRequest, year: int) -> HttpResponse:
    body = report_pdf(services.report(year))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tip-report-{year}.pdf"'
    return response


@embargoed
def interim(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "publishing/interim.html", {"interim": services.interim(year)})
