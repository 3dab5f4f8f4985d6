"""RSS 2.0 and Atom 1.0 feeds of The Latest (news and press releases)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_ITEMS = 30


def news_feed(index: Any, request: HttpRequest, *, atom: bool) -> HttpResponse:
    """The newest live news pages under ``index`` as a feed (summaries only, no body HTML)."""
    feed_class: type[Atom1Feed | Rss201rev2Feed] = Atom1Feed if atom else Rss201rev2Feed
    link = request.build_absolute_uri(index.url)
    route = "atom" if atom else "rss"
    feed = feed_class(
        title=f"{index.title} | TIP Monitor",
        link=link,
        description=index.summary or "News and press releases from TIP Monitor.",
        language="en",
        feed_url=request.build_absolute_uri(index.url + index.reverse_subpage(route)),
    )
    for page in index.live_news()[:FEED_ITEMS]:
        url = request.build_absolute_uri(page.url)
        published = datetime.combine(page.date, time(12), tzinfo=UTC)
        feed.add_item(
            title=f"{page.get_kind_display()}: {page.title}",
            link=url,
            description=page.summary,
            unique_id=url,
            pubdate=published,
            updateddate=page.last_published_at or published,
            categories=[tag.name for tag in page.tags.all()],
        )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response
