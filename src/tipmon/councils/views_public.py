"""Public pages: /councils/ (the two councils, consented member profiles, announced meetings,
recommendations and their status, the annual progress report) and /interagency/.

Every answer is ``never_cache``: consent can be withdrawn and records corrected without any
dataset changing, so the shared cache of public pages (tipmon.core.publiccache) must not
keep a copy that would outlive a withdrawal.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from tipmon.core.errors import page_errors
from tipmon.councils import queries
from tipmon.councils.models import Council, RecommendationStatus
from tipmon.councils.report import progress_pdf


@never_cache
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "councils/public/index.html",
        {"councils": Council.objects.all(), "years": queries.report_years()},
    )


@never_cache
@page_errors
def council(request: HttpRequest, slug: str) -> HttpResponse:
    data = queries.public_council(slug, timezone.localdate())
    recs = queries.public_recommendations(slug)
    return render(request, "councils/public/council.html", {"data": data, "recs": recs})


@never_cache
@page_errors
def member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    profile = queries.public_member(slug, pk)
    return render(request, "councils/public/member.html", {"profile": profile})


@never_cache
@page_errors
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    body, content_type = queries.public_photo(pk)
    response = HttpResponse(body, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@page_errors
def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return render(
        request, "councils/public/meeting.html", {"data": queries.public_meeting(slug, pk)}
    )


@never_cache
def recommendations(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("council", "")
    slug = slug if Council.objects.filter(slug=slug).exists() else ""
    return render(
        request,
        "councils/public/recommendations.html",
        {
            "recs": queries.public_recommendations(slug or None),
            "councils": Council.objects.all(),
            "chosen": slug,
            "statuses": RecommendationStatus.choices,
        },
    )


@never_cache
@page_errors
def progress(request: HttpRequest, year: int) -> HttpResponse:
    report = queries.progress(year, timezone.localdate())
    return render(request, "councils/public/progress.html", {"report": report})


@never_cache
@page_errors
def progress_pdf_view(request: HttpRequest, year: int) -> HttpResponse:
    report = queries.progress(year, timezone.localdate())
    response = HttpResponse(progress_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="councils-progress-{year}.pdf"'
    return response


@never_cache
def interagency(request: HttpRequest) -> HttpResponse:
    data = queries.interagency_summary(timezone.localdate())
    return render(request, "councils/public/interagency.html", {"data": data})


@never_cache
def interagency_csv(request: HttpRequest) -> HttpResponse:
    body = queries.commitments_csv(timezone.localdate())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interagency-commitments.csv"'
    return response
