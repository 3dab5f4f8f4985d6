"""The public site's CMS pages, as an anonymous reader gets them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from lxml import etree

from tipmon.assistance.models import Compact, Contribution, Objective
from tipmon.site.seed import SeedReport, seed_site

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_home_page_is_the_cms_page_with_mission_news_programs_and_the_tier_map(
    client: Client, seeded: SeedReport
) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We assess how every government confronts trafficking" in html
    assert "The country record is now open data" in html
    assert "Tier placements in the 2025 report" in html
    assert 'id="tier-map-spec"' in html
    assert "US anti-trafficking grants in" in html
    for section in ("/news/", "/international-programs/", "/advisory-councils/"):
        assert f'href="{section}"' in html


def test_seeding_again_creates_no_page_and_keeps_an_editors_change(seeded: SeedReport) -> None:
    assert len(seeded.created) == 1 + 6 + 3 + 3  # home text, sections, news, policy issues
    news = page_at("/home/news/")
    news.title = "Latest news"
    news.save_revision().publish()
    again = seed_site()
    assert again.created == []
    assert again.setup.created == []
    assert page_at("/home/news/").title == "Latest news"


def page_at(url_path: str):  # type: ignore[no-untyped-def]
    from wagtail.models import Page

    return Page.objects.get(url_path=url_path).specific


def test_the_latest_lists_news_newest_first_and_filters_by_tag(
    client: Client, seeded: SeedReport
) -> None:
    html = client.get("/news/").content.decode()
    first = html.index("The country record is now open data")
    second = html.index("Model documents for domestic workers")
    third = html.index("Survivor advisory council: call for members")
    assert first < second < third
    tagged = client.get("/news/", {"tag": "councils"}).content.decode()
    assert "Survivor advisory council" in tagged
    assert "The country record is now open data" not in tagged


def test_the_rss_and_atom_feeds_carry_the_news_with_dates_and_tags(
    client: Client, seeded: SeedReport
) -> None:
    rss = client.get("/news/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = etree.fromstring(rss.content).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert items[0].findtext("title") == ("Press release: The country record is now open data")
    assert "02 Mar 2026" in (items[0].findtext("pubDate") or "")
    assert {c.text for c in items[0].findall("category")} == {"open data", "tiers"}
    atom = client.get("/news/feed/atom/")
    feed = etree.fromstring(atom.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == "http://testserver/news/country-record-open-data/"


def test_a_news_item_shows_its_kind_date_and_tags(client: Client, seeded: SeedReport) -> None:
    html = client.get("/news/model-documents-domestic-workers/").content.decode()
    assert "10 February 2026" in html
    assert '<span class="usa-tag">News</span>' in html
    assert "/news/?tag=domestic%20workers" in html


def test_the_policy_issues_page_lists_its_issues(client: Client, seeded: SeedReport) -> None:
    html = client.get("/policy-issues/").content.decode()
    for title in ("Forced labour", "Recruitment fees and debt bondage", "Child soldiers"):
        assert title in html
    assert client.get("/policy-issues/forced-labour/").status_code == 200


def test_the_programs_page_sums_the_grants_with_their_source(
    client: Client, seeded: SeedReport
) -> None:
    from tipmon.assistance.models import Grant

    html = client.get("/international-programs/").content.decode()
    grants = Grant.objects.count()
    first = Grant.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True)[0]
    assert grants > 0
    assert f"{grants:,} grants from fiscal year {first} to 2014" in html
    assert "Grants and known amounts by fiscal year" in html
    assert "Source" in html
    assert "Edition:" in html


def test_only_signed_compacts_and_their_public_terms_are_shown(
    client: Client, seeded: SeedReport
) -> None:
    signed = Compact.objects.create(
        country_id="GHA",
        title="Ghana Child Protection Compact",
        signed=date(2024, 6, 1),
        start=date(2024, 7, 1),
        end=date(2028, 6, 30),
        status="active",
        us_commitment_usd=Decimal(5_000_000),
        summary="Shelters and prosecutions.",
    )
    Objective.objects.create(compact=signed, title="Prosecute child traffickers", order=1)
    Contribution.objects.create(
        compact=signed,
        year=2025,
        kind="financial",
        description="Secret shelter budget line",
        committed_usd=Decimal(200_000),
        delivered_usd=Decimal(0),
    )
    Compact.objects.create(
        country_id="PHL",
        title="Draft compact still in talks",
        start=date(2026, 1, 1),
        end=date(2029, 12, 31),
        status="negotiating",
    )
    html = client.get("/compact-partnerships/").content.decode()
    assert "Ghana Child Protection Compact" in html
    assert "Prosecute child traffickers" in html
    assert "5,000,000" in html
    assert "Draft compact still in talks" not in html
    assert "Secret shelter budget line" not in html
    assert "Internal record" not in html


def test_the_councils_and_domestic_workers_pages_link_to_their_apps(
    client: Client, seeded: SeedReport
) -> None:
    assert 'href="/councils/"' in client.get("/advisory-councils/").content.decode()
    html = client.get("/domestic-workers-protections/").content.decode()
    assert 'href="/domestic-workers/"' in html


def test_the_navigation_links_the_cms_sections_and_the_django_views(
    client: Client, seeded: SeedReport
) -> None:
    html = client.get("/news/").content.decode()
    for href in (
        "/news/",
        "/policy-issues/",
        "/international-programs/",
        "/countries",
        "/tiers",
        "/trends/",
        "/search",
    ):
        assert f'href="{href}"' in html
    assert 'aria-current="page"' in html


def test_the_home_page_stands_before_any_seed(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "Tier placements in the 2025 report" in html


def test_a_published_edit_reaches_anonymous_readers_at_once_through_the_public_cache(
    seeded: SeedReport, settings: object
) -> None:
    """CMS pages are kept in the shared public cache; a publish (logged by Wagtail) changes
    the cache's state, so the next reader gets the new page, never the stored copy."""
    from tipmon.site.models import HomePage

    settings.TIPMON_CACHE_ENTRIES = 64  # type: ignore[attr-defined]
    reader = Client()
    first = reader.get("/")
    assert "private" not in first.get("Cache-Control", "")
    again = reader.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    home = HomePage.objects.get()
    home.mission = "A new mission statement, published just now."
    home.save_revision().publish()
    fresh = Client().get("/")
    assert fresh.status_code == 200
    assert "A new mission statement, published just now." in fresh.content.decode()
    assert fresh["ETag"] != first["ETag"]
