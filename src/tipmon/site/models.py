# mypy: disable-error-code="var-annotated"
"""The public website's editorial pages (Wagtail page types).

Every editorial page has a plain-text summary (for cards, search results and feeds) and a
rich-text body. Rich text is put through Wagtail's own editor conversion on every save, so
whatever was pasted or posted, only the editor's features survive (no script, no ``on*``
attribute, no ``javascript:`` link). Pages that show data (the tier map, programs, compacts)
take it from the domain services at render time, each figure with its source.
"""

from __future__ import annotations

from typing import Any, ClassVar

from bs4 import BeautifulSoup
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.rich_text.converters.contentstate import (
    ContentstateConverter,
)
from wagtail.contrib.routable_page.models import (
    RoutablePageMixin,
    path,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from tipmon.site import feeds

#: Elements whose text is not content either: removed before the conversion.
DROPPED_WITH_CONTENT = ["script", "style", "template", "iframe", "object", "embed", "noscript"]
RICH_TEXT_FEATURES: list[str] = settings.WAGTAILADMIN_RICH_TEXT_EDITORS["default"]["OPTIONS"][
    "features"
]


def sanitise_rich_text(html: str) -> str:
    """Rich text as the editor would store it: through Draft.js content state and back.

    The conversion keeps only the configured features (headings, lists, links to pages,
    documents or http(s)/mailto addresses...), so script, style, event handlers and
    ``javascript:`` links are dropped whatever path the HTML came in by."""
    if not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(DROPPED_WITH_CONTENT):
        element.decompose()
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    return str(converter.to_database_format(converter.from_database_format(str(soup))))


class EditorialPage(Page):  # type: ignore[misc]
    """The fields every editorial page shares."""

    summary = models.TextField(
        max_length=600, blank=True, help_text="One or two plain sentences for cards and search."
    )
    body = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, "summary", "body"]
    search_fields: ClassVar[list[Any]] = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        self.body = sanitise_rich_text(self.body)


class LineOfEffortBlock(blocks.StructBlock):  # type: ignore[misc]
    name = blocks.CharBlock(max_length=60)
    summary = blocks.TextBlock(max_length=400)

    class Meta:
        icon = "list-ul"


class HomePage(EditorialPage):
    """The site's root: mission, lines of effort, the latest news, programs, the tier map."""

    mission = models.TextField(blank=True, help_text="The office's mission, in a paragraph.")
    lines_of_effort = StreamField([("line", LineOfEffortBlock())], blank=True, use_json_field=True)
    programs_intro = models.TextField(
        blank=True, help_text="A sentence above the programs summary."
    )

    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        "summary",
        "mission",
        "lines_of_effort",
        "programs_intro",
        "body",
    ]
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    max_count = 1
    template = "site/home_page.html"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tipmon.site import pages

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context.update(pages.home_context(self, request))
        return context


class NewsKind(models.TextChoices):
    NEWS = "news", "News"
    PRESS_RELEASE = "press", "Press release"


class NewsIndexPage(RoutablePageMixin, EditorialPage):  # type: ignore[misc]
    """The Latest: news and press releases, newest first, with RSS and Atom feeds."""

    subpage_types: ClassVar[list[str]] = ["site.NewsPage"]
    template = "site/news_index_page.html"

    def live_news(self) -> Any:
        return (
            NewsPage.objects.child_of(self).live().public().order_by("-date", "-first_published_at")
        )

    @path("")  # type: ignore[untyped-decorator]
    def listing(self, request: HttpRequest) -> HttpResponse:
        from tipmon.site import pages

        response: HttpResponse = self.render(
            request, context_overrides=pages.news_listing(self, request)
        )
        return response

    @path("feed/rss/", name="rss")  # type: ignore[untyped-decorator]
    def rss(self, request: HttpRequest) -> HttpResponse:
        return feeds.news_feed(self, request, atom=False)

    @path("feed/atom/", name="atom")  # type: ignore[untyped-decorator]
    def atom(self, request: HttpRequest) -> HttpResponse:
        return feeds.news_feed(self, request, atom=True)


class NewsPageTag(TaggedItemBase):  # type: ignore[misc]
    content_object = ParentalKey(
        "site.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(EditorialPage):
    date = models.DateField("Date shown", help_text="The date readers see, and the feed's.")
    kind = models.CharField(max_length=8, choices=NewsKind.choices, default=NewsKind.NEWS)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("tags")], "About"),
        "summary",
        "body",
    ]
    search_fields: ClassVar[list[Any]] = [
        *EditorialPage.search_fields,
        index.FilterField("date"),
    ]
    parent_page_types: ClassVar[list[str]] = ["site.NewsIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    template = "site/news_page.html"


class StandardPage(EditorialPage):
    """A plain page (about, policy issues index...); it lists its live child pages."""

    template = "site/standard_page.html"


class PolicyIssuePage(EditorialPage):
    """One policy issue (forced labour, child soldiers, ...) the office works on."""

    subpage_types: ClassVar[list[str]] = []
    template = "site/standard_page.html"


class InternationalProgramsPage(EditorialPage):
    """Foreign assistance: the editor's text, then the program figures with their source."""

    max_count = 1
    subpage_types: ClassVar[list[str]] = []
    template = "site/international_programs_page.html"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tipmon.site import programs

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["programs"] = programs.grants_summary()
        return context


class CompactPartnershipsPage(EditorialPage):
    """Child Protection Compact partnerships: the public terms of signed compacts only."""

    max_count = 1
    subpage_types: ClassVar[list[str]] = []
    template = "site/compact_partnerships_page.html"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tipmon.site import programs

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["compacts"] = programs.public_compacts()
        return context


class CouncilsPage(EditorialPage):
    """The two advisory councils: the editor's text and links to the councils' own pages."""

    max_count = 1
    subpage_types: ClassVar[list[str]] = []
    template = "site/link_out_page.html"
    link_url = "/councils/"
    link_label = "The advisory councils: members, meetings and recommendations"


class DomesticWorkersPage(EditorialPage):
    """Protections for domestic workers, linking to the model documents form."""

    max_count = 1
    subpage_types: ClassVar[list[str]] = []
    template = "site/link_out_page.html"
    link_url = "/domestic-workers/"
    link_label = "Make a set of model documents (contract, statement of rights, pay record)"
