from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tipmon.data.services import all_datasets
from tipmon.trends.maps import MAP_SOURCE


def sources(request: HttpRequest) -> HttpResponse:
    """Every bundled table and its provenance."""
    return render(
        request, "data/sources.html", {"datasets": all_datasets(), "map_source": MAP_SOURCE}
    )
