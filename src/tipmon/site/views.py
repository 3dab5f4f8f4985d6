"""The public home page. (Editorial pages move to Wagtail when the CMS lands.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static

from tipmon.core.errors import page_errors
from tipmon.core.params import int_param
from tipmon.site.services import home_map
from tipmon.tiers.services import Placement
from tipmon.trends.charts import tier_map_spec
from tipmon.trends.maps import MAP_SOURCE, MAP_STATIC_PATH


@page_errors
def home(request: HttpRequest) -> HttpResponse:
    year = int_param(request.GET.get("year"), "year", minimum=1900, maximum=2100)
    result = home_map(year)
    placements: dict[str, Placement] = {e.iso3: e.placement for e in result.tier_list.entries}
    spec = tier_map_spec(result.tier_list.year, placements, static(MAP_STATIC_PATH))
    return render(
        request,
        "site/home.html",
        {
            "map": result,
            "map_spec": spec,
            "map_source": MAP_SOURCE,
            "years": range(result.tier_list.first_year, result.tier_list.last_year + 1),
        },
    )
