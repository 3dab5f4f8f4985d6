"""Trend pages: each is a page function from tipmon.trends.pages, rendered four ways.

``?format=csv`` or ``?format=json`` returns one figure's rows (``&figure=<slug>``, default
the first) with its sources; ``?format=svg`` the figure drawn on the server for readers
without JavaScript and for print.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from django.core.cache import cache as django_cache
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from tipmon.core.errors import NotFound, page_errors
from tipmon.core.params import BadParameter
from tipmon.trends import pages
from tipmon.trends.figures import Figure, find, spec_key, static_spec, to_csv, to_json
from tipmon.trends.maps import MAP_FILE, MAP_STATIC_PATH

FORMATS = ("html", "csv", "json", "svg")
TRENDS_NAV = (
    ("trends:index", "Tier trends"),
    ("trends:transitions", "Tier transitions"),
    ("trends:movers", "Improvers and decliners"),
    ("trends:law-enforcement", "Law enforcement"),
    ("trends:victims", "Victims detected"),
    ("trends:compare", "Compare countries"),
    ("trends:map", "Maps"),
    ("trends:forecast", "Tier forecast"),
    ("trends:coverage", "Data coverage"),
)
SVG_CACHE_SECONDS = 24 * 3600


class FigureNotFound(NotFound):
    pass


@cache
def _topology() -> Any:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def figure_svg(figure: Figure) -> str:
    """The figure drawn by vl-convert; cached by the spec's hash (drawing a map takes ~1 s)."""
    import vl_convert

    data = figure.spec.get("data", {})
    inline = None
    if "url" in data:
        inline = {"values": _topology(), "format": data.get("format", {})}
    spec = static_spec(figure.spec, inline)
    key = f"trends-svg:{spec_key(spec)}"
    svg: str | None = django_cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        django_cache.set(key, svg, SVG_CACHE_SECONDS)
    return svg


def _download_name(request: HttpRequest, figure: Figure, ext: str) -> str:
    page = request.resolver_match.url_name if request.resolver_match else "trends"
    return f"{page}-{figure.slug}.{ext}"


def _links(request: HttpRequest, figure: Figure) -> dict[str, str]:
    links = {}
    for fmt in ("csv", "json", "svg"):
        query = request.GET.copy()
        query["format"], query["figure"] = fmt, figure.slug
        links[fmt] = f"{request.path}?{query.urlencode()}"
    return links


def _respond(
    request: HttpRequest, build: Callable[[QueryDict], pages.TrendsPage], template: str
) -> HttpResponse:
    fmt = request.GET.get("format") or "html"
    if fmt not in FORMATS:
        raise BadParameter("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    page = build(request.GET)
    if fmt == "html":
        figures = [(f, _links(request, f)) for f in page.figures]
        return render(
            request, template, {"page": page, "figures": figures, "trends_nav": TRENDS_NAV}
        )
    figure = find(page.figures, request.GET.get("figure"))
    if figure is None:
        raise FigureNotFound(f"This page has no figure {request.GET.get('figure')!r}.")
    if fmt == "csv":
        response = HttpResponse(to_csv(figure), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{_download_name(request, figure, "csv")}"'
        )
        return response
    if fmt == "json":
        return JsonResponse(to_json(figure), json_dumps_params={"ensure_ascii": False})
    return HttpResponse(figure_svg(figure), content_type="image/svg+xml")


def _page_view(
    build: Callable[[QueryDict], pages.TrendsPage], template: str = "trends/page.html"
) -> Callable[[HttpRequest], HttpResponse]:
    """A view that renders one page function, in whichever format the query asks for."""

    @page_errors
    def view(request: HttpRequest) -> HttpResponse:
        return _respond(request, build, template)

    return view


index = _page_view(pages.tiers_page)
transitions = _page_view(pages.transitions_page, "trends/transitions.html")
movers = _page_view(pages.movers_page)
law_enforcement = _page_view(pages.law_enforcement_page)
victims = _page_view(pages.victims_page)
compare = _page_view(pages.compare_page)
coverage = _page_view(pages.coverage_page)
forecast = _page_view(pages.forecast_page)


@page_errors
def maps(request: HttpRequest) -> HttpResponse:
    map_url = static(MAP_STATIC_PATH)
    return _respond(request, lambda q: pages.map_page(q, map_url), "trends/map.html")


def legacy_law_enforcement(request: HttpRequest) -> HttpResponse:
    target = reverse("trends:law-enforcement")
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
