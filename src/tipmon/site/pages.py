"""Context for the CMS page templates: the data the editorial pages show beside their text."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.templatetags.static import static

from tipmon.core.params import int_param
from tipmon.site.programs import grants_summary
from tipmon.site.services import home_map
from tipmon.tiers.services import Placement
from tipmon.trends.charts import tier_map_spec
from tipmon.trends.maps import MAP_SOURCE, MAP_STATIC_PATH

LATEST = 3
PER_PAGE = 10


def tier_map_context(request: HttpRequest) -> dict[str, Any]:
    """The home page's tier map section (the same as before the CMS): map, spec, years."""
    year = int_param(request.GET.get("year"), "year", minimum=1900, maximum=2100)
    result = home_map(year)
    placements: dict[str, Placement] = {e.iso3: e.placement for e in result.tier_list.entries}
    spec = tier_map_spec(result.tier_list.year, placements, static(MAP_STATIC_PATH))
    return {
        "map": result,
        "map_spec": spec,
        "map_source": MAP_SOURCE,
        "years": range(result.tier_list.first_year, result.tier_list.last_year + 1),
    }


def home_context(home: Any, request: HttpRequest) -> dict[str, Any]:
    from tipmon.site.models import NewsPage

    latest = (
        NewsPage.objects.descendant_of(home)
        .live()
        .public()
        .order_by("-date", "-first_published_at")[:LATEST]
    )
    sections = home.get_children().live().public().in_menu().specific()
    return tier_map_context(request) | {
        "latest": list(latest),
        "programs": grants_summary(),
        "sections": list(sections),
    }


def news_listing(index: Any, request: HttpRequest) -> dict[str, Any]:
    """The Latest, newest first, optionally one tag's items; ten to a page."""
    items = index.live_news().prefetch_related("tagged_items__tag")
    tag = request.GET.get("tag", "").strip()[:100]
    if tag:
        items = items.filter(tags__name=tag)
    page_number = int_param(request.GET.get("page"), "page", minimum=1, maximum=10_000) or 1
    paginator = Paginator(items, PER_PAGE)
    return {"items": paginator.get_page(page_number), "tag": tag}
