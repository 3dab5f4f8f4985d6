"""Tier list pages: one report year, grouped by tier."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tipmon.core.errors import page_errors
from tipmon.core.params import bureau_param
from tipmon.countries.models import Bureau
from tipmon.tiers.services import report_year_range, tier_list


def latest(request: HttpRequest) -> HttpResponse:
    _, last = report_year_range()
    return redirect("tiers:year", year=last)


@page_errors
def year(request: HttpRequest, year: int) -> HttpResponse:
    bureau = bureau_param(request.GET.get("region"))
    result = tier_list(year, bureau=bureau)
    return render(
        request,
        "tiers/year.html",
        {
            "tier_list": result,
            "bureau": bureau,
            "bureaus": Bureau.choices,
            "years": range(result.first_year, result.last_year + 1),
        },
    )
