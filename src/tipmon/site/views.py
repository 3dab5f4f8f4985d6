"""The public site's Django views: the home page and the fixed sections, both served by the
CMS, and site search. (The editorial pages themselves are Wagtail pages: site/models.py.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.views import serve

from tipmon.site.caching import not_shared
from tipmon.site.search import site_search


def home(request: HttpRequest) -> HttpResponse:
    """The site root: the CMS home page (mission, latest news, programs, the tier map)."""
    response: HttpResponse = serve(request, "")
    return response


def section(request: HttpRequest, path: str) -> HttpResponse:
    """A section the navigation names (The Latest, Policy issues...): its CMS page."""
    response: HttpResponse = serve(request, path)
    return response


def search(request: HttpRequest) -> HttpResponse:
    results = site_search(request.GET.get("q", ""))
    return not_shared(render(request, "site/search.html", {"results": results}))
