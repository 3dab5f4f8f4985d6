"""Country pages: the index and a country's profile."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tipmon.core.errors import page_errors
from tipmon.core.params import bureau_param, int_param, tier_param
from tipmon.countries.models import Bureau
from tipmon.countries.services import country_index, country_profile
from tipmon.tiers.rules import Tier
from tipmon.tiers.statute import statute_from_history
from tipmon.trends.charts import tier_history_spec, unodc_spec
from tipmon.trends.services import PROFILE_INDICATORS


@page_errors
def index(request: HttpRequest) -> HttpResponse:
    result = country_index(
        year=int_param(request.GET.get("year"), "year", minimum=1900, maximum=2100),
        bureau=bureau_param(request.GET.get("region")),
        tier=tier_param(request.GET.get("tier")),
        query=request.GET.get("q", "").strip()[:100],
    )
    return render(
        request,
        "countries/index.html",
        {"index": result, "bureaus": Bureau.choices, "tiers": list(Tier)},
    )


@page_errors
def profile(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        return redirect("countries:profile", code=code.upper(), permanent=True)
    result = country_profile(code)
    name = result.country.short_name
    return render(
        request,
        "countries/profile.html",
        {
            "profile": result,
            "statute": statute_from_history(
                result.country.iso3, result.history, result.tier_source
            ),
            "tier_spec": tier_history_spec(result.history, name),
            "unodc_spec": unodc_spec(result.unodc.points, name) if result.unodc.points else None,
            "unodc_indicators": PROFILE_INDICATORS,
        },
    )
