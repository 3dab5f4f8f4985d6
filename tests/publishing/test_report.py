"""The published report: embargoed before publication, HTML and PDF after."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pypdf import PdfReader

from tipmon.assessments.models import CountryAssessment, ReportingCycle, State
from tipmon.assessments.publication import publish_cycle
from tipmon.assessments.services import draft_narrative

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cycle: ReportingCycle, approver: User) -> ReportingCycle:
    items = list(CountryAssessment.objects.filter(cycle=cycle).select_related("country", "cycle"))
    for item in items:
        item.proposed_tier = "Tier 2"
        item.narrative = draft_narrative(item)
        item.state = State.APPROVED
        item.final_tier = "Tier 2"
    CountryAssessment.objects.bulk_update(
        items, ["proposed_tier", "narrative", "state", "final_tier"]
    )
    publish_cycle(cycle, approver)
    return cycle


def test_no_report_exists_before_publication(client: Client, cycle: ReportingCycle) -> None:
    for url in ("/reports/2026/", "/reports/2026/NPL", "/reports/2026/report.pdf"):
        assert client.get(url).status_code == 404
    assert "2026 report" not in client.get("/reports").content.decode()


def test_the_published_report_has_tier_lists_and_every_narrative(
    client: Client, published: ReportingCycle
) -> None:
    html = client.get("/reports/2026/").content.decode()
    assert 'id="special-watch-list"' in html
    assert "Global law enforcement data" in html
    assert html.count('class="country"') == published.assessments.count()
    page = client.get("/reports/2026/NPL").content.decode()
    assert "NEPAL: TIER 2" in page
    assert "PROSECUTION" in page


def test_the_pdf_holds_the_tier_lists_and_narratives(
    client: Client, published: ReportingCycle
) -> None:
    response = client.get("/reports/2026/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    countries = published.assessments.count()
    assert countries + 4 <= len(reader.pages) <= countries * 3 + 20
    text = "\n".join(page.extract_text() or "" for page in reader.pages[:8])
    assert "Tier placements" in text
    assert "Contents" in text
    narrative = "\n".join(page.extract_text() or "" for page in reader.pages[-40:])
    assert "TIER 2" in narrative
