"""Trend pages over the bundled statistics."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tipmon.core.errors import page_errors
from tipmon.trends.charts import law_enforcement_spec
from tipmon.trends.services import law_enforcement_series


@page_errors
def law_enforcement(request: HttpRequest) -> HttpResponse:
    series = law_enforcement_series()
    return render(
        request,
        "trends/law_enforcement.html",
        {"series": series, "spec": law_enforcement_spec(series.points)},
    )
