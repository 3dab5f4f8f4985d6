from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from personas import PASSWORD
from tipmon.assessments.models import CountryAssessment, ReportingCycle, State
from tipmon.assessments.services import save_assessment

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(item: CountryAssessment, **overrides: Any) -> dict[str, Any]:
    """What the assessment page posts, built from the page's own forms."""
    data: dict[str, Any] = {"version": item.version, "proposed_tier": "", "narrative": ""}
    findings = list(item.findings.all())
    data |= {"f-TOTAL_FORMS": len(findings), "f-INITIAL_FORMS": len(findings)}
    for i, f in enumerate(findings):
        data |= {f"f-{i}-id": f.pk, f"f-{i}-rating": f.rating, f"f-{i}-text": f.text,
                 f"f-{i}-evidence": ""}  # fmt: skip
    data |= {"r-TOTAL_FORMS": 0, "r-INITIAL_FORMS": 0}
    return data | overrides


def nepal(cycle: ReportingCycle) -> CountryAssessment:
    return CountryAssessment.objects.get(cycle=cycle, country_id="NPL")


def test_the_workspace_asks_anonymous_users_to_sign_in(
    client: Client, cycle: ReportingCycle
) -> None:
    response = client.get("/work/2026/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_without_a_role_on_the_cycle_cannot_see_it(
    outsider: User, cycle: ReportingCycle
) -> None:
    client = signed_in(outsider)
    assert client.get("/work/2026/").status_code == 404
    assert client.get("/work/2026/NPL/").status_code == 404


def test_a_desk_officer_sees_the_dashboard_and_their_country(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    client = signed_in(desk_officer)
    dashboard = client.get("/work/2026/")
    assert dashboard.status_code == 200
    assert "Countries by workflow state" in dashboard.content.decode()
    page = client.get("/work/2026/NPL/")
    assert page.status_code == 200
    assert "Tier check against the statute" in page.content.decode()
    assert client.get("/work/2026/THA/").status_code == 404  # another bureau's country


def test_a_save_with_a_negative_count_is_refused_and_keeps_what_was_typed(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = nepal(cycle)
    response = signed_in(desk_officer).post(
        "/work/2026/NPL/", form_data(item, prosecutions_sex="-4", resources_note="My careful note")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A count cannot be negative" in html or "Ensure this value is greater" in html
    assert "My careful note" in html
    assert nepal(cycle).version == item.version


def test_a_stale_save_is_refused_with_a_message_and_the_text_kept(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = nepal(cycle)
    client = signed_in(desk_officer)
    stale = form_data(item, narrative="My unsaved paragraph about shelters.")
    save_assessment(item, {"resources_note": "someone else"}, item.version, desk_officer)
    response = client.post("/work/2026/NPL/", stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this assessment" in html
    assert "My unsaved paragraph about shelters." in html
    assert nepal(cycle).narrative == ""


def test_an_implausible_figure_needs_confirmation(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    previous_cycle = ReportingCycle.objects.create(
        report_year=2025, data_call="2024-12-01", drafts_due="2025-02-15",
        clearance_due="2025-04-15", approval_due="2025-05-31", release_by="2025-06-30",
        interim_due="2026-02-01",
    )  # fmt: skip
    CountryAssessment.objects.create(cycle=previous_cycle, country_id="NPL", prosecutions_sex=10)
    item = nepal(cycle)
    client = signed_in(desk_officer)
    flagged = client.post("/work/2026/NPL/", form_data(item, prosecutions_sex="5000"))
    assert flagged.status_code == 400
    assert "500 times last year" in flagged.content.decode()
    assert nepal(cycle).prosecutions_sex is None
    checked = form_data(item, prosecutions_sex="5000", confirm_figures="on")
    confirmed = client.post("/work/2026/NPL/", checked)
    assert confirmed.status_code == 302
    assert nepal(cycle).prosecutions_sex == 5000


def test_a_valid_save_then_a_draft_narrative(desk_officer: User, cycle: ReportingCycle) -> None:
    item = nepal(cycle)
    client = signed_in(desk_officer)
    response = client.post("/work/2026/NPL/", form_data(item, proposed_tier="Tier 2",
                                                        convictions_labor="3"))  # fmt: skip
    assert response.status_code == 302
    fresh = nepal(cycle)
    assert fresh.convictions_labor == 3
    client.post("/work/2026/NPL/narrative", {"version": fresh.version})
    assert nepal(cycle).narrative.startswith("NEPAL: TIER 2")
    diff = client.get("/work/2026/NPL/diff")
    assert diff.status_code == 200
    assert "NEPAL: TIER 2" in diff.content.decode()


def test_workflow_buttons_move_the_assessment_and_notify_the_next_role(
    desk_officer: User, reviewer: User, cycle: ReportingCycle
) -> None:
    signed_in(desk_officer).post("/work/2026/NPL/move", {"action": "submit"})
    assert nepal(cycle).state == State.REGIONAL_REVIEW
    home = signed_in(reviewer).get("/work/").content.decode()
    assert "Nepal: submit for regional review" in home


def test_an_engagement_is_recorded_against_recommendations(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = nepal(cycle)
    rec = item.recommendations.create(priority=1, text="Train labor inspectors")
    client = signed_in(desk_officer)
    response = client.post("/work/2026/NPL/engagement", follow=False, data={
        "kind": "action_plan", "held_on": "2026-01-15", "summary": "Presented the action plan",
        "outcome": "Ministry agreed to three steps", "recommendations": [rec.pk],
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get("/work/2026/NPL/").content.decode()
    assert "Presented the action plan" in page
    assert "Pursues: 1. Train labor inspectors" in page
    bad = client.post("/work/2026/NPL/engagement", {"kind": "action_plan", "held_on": "soon"})
    assert bad.status_code == 302
    assert "not recorded" in client.get("/work/2026/NPL/").content.decode()


def test_the_dashboard_shows_who_holds_the_pen(desk_officer: User, cycle: ReportingCycle) -> None:
    item = nepal(cycle)
    save_assessment(item, {"prosecutions_sex": 3}, item.version, desk_officer)
    html = signed_in(desk_officer).get("/work/2026/").content.decode()
    row = html.split('href="/work/2026/NPL/"')[1].split("</tr>")[0]
    assert "Desk officer: desk-sca" in row
