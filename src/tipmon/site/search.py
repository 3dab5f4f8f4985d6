"""Site search: the live, public CMS pages (Wagtail's search index) and the country
narratives of published reports. A narrative of a cycle not yet published is never
searched, whoever asks: the search is public and runs the same for everyone."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Page

from tipmon.assessments.models import CountryAssessment
from tipmon.site.digest import excerpt, query_words

MAX_QUERY = 200
LIMIT = 20


@dataclass(frozen=True, slots=True)
class Hit:
    title: str
    url: str
    excerpt: str
    kind: str


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    pages: list[Hit] = field(default_factory=list)
    narratives: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.pages) + len(self.narratives)


def _page_hits(query: str) -> list[Hit]:
    found = Page.objects.live().public().filter(depth__gt=1).specific().search(query)[:LIMIT]
    hits = []
    for page in found:
        text = getattr(page, "summary", "") or strip_tags(getattr(page, "body", "") or "")
        kind = str(page.specific_class._meta.verbose_name).removesuffix(" page").capitalize()
        hits.append(Hit(page.title, page.url or "", excerpt(text, query), kind))
    return hits


def published_narratives(query: str) -> list[Hit]:
    """Country chapters of published reports holding every word of the query."""
    words = query_words(query)
    if not words:
        return []
    matches = reduce(and_, (Q(narrative__icontains=w) for w in words))
    rows = (
        CountryAssessment.objects.filter(cycle__published_at__isnull=False)
        .exclude(narrative="")
        .filter(matches)
        .select_related("country", "cycle")
        .order_by("-cycle__report_year", "country__short_name")[:LIMIT]
    )
    return [
        Hit(
            f"{item.country.short_name}: {item.cycle.report_year} report",
            reverse("publishing:country", args=[item.cycle.report_year, item.country_id]),
            excerpt(item.narrative, query),
            "Country narrative",
        )
        for item in rows
    ]


def site_search(raw: str) -> SearchResults:
    query = " ".join(raw.split())[:MAX_QUERY]
    if not query_words(query):
        return SearchResults(query)
    return SearchResults(query, _page_hits(query), published_narratives(query))
