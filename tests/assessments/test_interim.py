from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from personas import PASSWORD
from tipmon.assessments.access import NoAccess
from tipmon.assessments.interim import interim_entries, publish_interim, save_interim
from tipmon.assessments.models import CountryAssessment, ReportingCycle
from tipmon.assessments.publication import publish_cycle
from tipmon.assessments.services import WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cycle: ReportingCycle, approver: User) -> ReportingCycle:
    items = CountryAssessment.objects.filter(cycle=cycle)
    items.update(state="approved", final_tier="Tier 2")
    items.filter(country_id__in=["NPL", "THA"]).update(final_tier="Tier 2 Watch List")
    publish_cycle(cycle, approver)
    cycle.refresh_from_db()
    return cycle


def test_the_interim_assessment_covers_the_special_watch_list(published: ReportingCycle) -> None:
    codes = {e.iso3 for e in interim_entries(published)}
    assert {"NPL", "THA"} <= codes


def test_it_is_published_only_when_every_country_has_a_note(
    published: ReportingCycle, editor: User, approver: User
) -> None:
    entries = interim_entries(published)
    with pytest.raises(NoAccess):
        publish_interim(published, editor)
    save_interim(published, {entries[0].iso3: "Prosecutions rose."}, editor)
    with pytest.raises(WorkflowError, match="no progress note yet"):
        publish_interim(published, approver)
    save_interim(published, {e.iso3: f"Progress in {e.name}." for e in entries[1:]}, editor)
    assert Client().get("/reports/2026/interim").status_code == 404
    publish_interim(published, approver)
    page = Client().get("/reports/2026/interim")
    assert page.status_code == 200
    assert "Prosecutions rose." in page.content.decode()


def test_the_staff_page_saves_notes(published: ReportingCycle, editor: User) -> None:
    client = Client()
    client.login(username=editor.username, password=PASSWORD)
    assert client.get("/work/2026/interim").status_code == 200
    client.post("/work/2026/interim", {"note-NPL": "A new shelter opened."})
    assert "A new shelter opened." in client.get("/work/2026/interim").content.decode()
