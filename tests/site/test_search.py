"""Site search: live CMS pages and the narratives of published reports, nothing else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tipmon.assessments.models import CountryAssessment, ReportingCycle
from tipmon.assessments.services import open_cycle
from tipmon.site.models import NewsIndexPage, NewsPage
from tipmon.site.seed import SeedReport

pytestmark = pytest.mark.django_db


def _narrative(year: int, iso3: str, text: str, *, published: bool) -> ReportingCycle:
    cycle = open_cycle(year)
    CountryAssessment.objects.filter(cycle=cycle, country_id=iso3).update(narrative=text)
    if published:
        ReportingCycle.objects.filter(pk=cycle.pk).update(published_at="2026-06-30T12:00Z")
    return cycle


def test_search_finds_published_pages_by_their_words(client: Client, seeded: SeedReport) -> None:
    html = client.get("/search", {"q": "debt bondage"}).content.decode()
    assert "Recruitment fees and debt bondage" in html
    assert 'href="/policy-issues/recruitment-fees/"' in html


def test_a_draft_page_is_never_found(client: Client, seeded: SeedReport) -> None:
    index = NewsIndexPage.objects.get()
    draft = NewsPage(
        title="Zanzibar quokka draft",
        slug="zq",
        summary="Zanzibar quokka.",
        date="2026-05-01",
        live=False,
    )
    index.add_child(instance=draft)
    draft.save_revision()
    assert "Zanzibar quokka" not in client.get("/search", {"q": "quokka"}).content.decode()


def test_an_unpublished_narrative_never_appears_whoever_searches(
    client: Client, seeded: SeedReport, admin_user: User
) -> None:
    _narrative(2026, "NPL", "Brick kilns in Nepal held workers by debt.", published=True)
    _narrative(2027, "THA", "Embargoed finding about brick kilns in Thailand.", published=False)
    staff = Client()
    staff.force_login(admin_user)
    for reader in (client, staff):
        html = reader.get("/search", {"q": "brick kilns"}).content.decode()
        assert "Nepal: 2026 report" in html
        assert 'href="/reports/2026/NPL"' in html
        assert "Embargoed finding" not in html
        assert "Thailand" not in html
        assert "/reports/2027/" not in html


def test_an_empty_or_punctuation_query_finds_nothing(client: Client, seeded: SeedReport) -> None:
    for q in ("", "   ", "!!!", "a"):
        response = client.get("/search", {"q": q})
        assert response.status_code == 200
        assert "Country narrative" not in response.content.decode()
        assert "usa-collection__item" not in response.content.decode()
