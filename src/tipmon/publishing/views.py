"""Published reports: the whole report, a page per country, and the PDF. Before publication
every one of them is a 404 (``ReportNotPublished`` is a ``NotFound``): the embargo."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tipmon.assessments.models import ReportingCycle
from tipmon.core.errors import page_errors
from tipmon.publishing import services
from tipmon.publishing.pdf import report_pdf


def index(request: HttpRequest) -> HttpResponse:
    cycles = ReportingCycle.objects.filter(published_at__isnull=False)
    return render(request, "publishing/index.html", {"cycles": cycles})


@page_errors
def whole(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "publishing/report.html", {"report": services.report(year)})


@page_errors
def country(request: HttpRequest, year: int, code: str) -> HttpResponse:
    return render(request, "publishing/country.html",
                  {"chapter": services.chapter(year, code), "year": year})  # fmt: skip


@page_errors
def pdf(request: HttpRequest, year: int) -> HttpResponse:
    body = report_pdf(services.report(year))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tip-report-{year}.pdf"'
    return response


@page_errors
def interim(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "publishing/interim.html", {"interim": services.interim(year)})
