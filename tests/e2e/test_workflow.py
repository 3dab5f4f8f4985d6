"""End to end in Debian chromium: a desk officer drafts, the assessment is cleared, an
approver approves and publishes, and the public sees the new tier."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from browsing import debian_chromium
from personas import PASSWORD, member
from tipmon.assessments.models import CountryAssessment, ReportingCycle, Role, State
from tipmon.assessments.services import open_cycle

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def staffed_cycle(bundled_data_transactional: None) -> ReportingCycle:
    """An open 2026 cycle where every country but Nepal is already approved."""
    cycle = open_cycle(2026)
    member(cycle, "desk", Role.DESK_OFFICER, "SCA")
    member(cycle, "reviewer", Role.REGIONAL_REVIEWER)
    member(cycle, "editor", Role.REPORT_EDITOR)
    member(cycle, "approver", Role.APPROVER)
    CountryAssessment.objects.filter(cycle=cycle).exclude(country_id="NPL").update(
        state=State.APPROVED, final_tier="Tier 2", narrative="A narrative."
    )
    return cycle


@pytest.fixture
def browser(staffed_cycle: ReportingCycle) -> Iterator[Browser]:
    with debian_chromium() as launched:
        yield launched


def sign_in(browser: Browser, base: str, name: str) -> Page:
    page = browser.new_page()
    page.goto(f"{base}/accounts/login/?next=/work/2026/NPL/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/work/2026/NPL/")
    return page


def act(page: Page, action: str) -> None:
    page.click(f"button[name=do][value={action}]")
    page.wait_for_load_state()


def test_a_desk_officer_drafts_and_an_approver_approves_and_publishes(
    browser: Browser, live_server: object
) -> None:
    base = str(live_server)
    desk = sign_in(browser, base, "desk")
    desk.fill("#id_prosecutions_sex", "14")
    desk.fill("#id_convictions_labor", "-2")
    desk.select_option("#id_significant_efforts", "true")
    desk.select_option("#id_fully_meets", "false")
    desk.select_option("#id_watch_list_criteria", "false")
    desk.select_option("#id_proposed_tier", "Tier 2")
    desk.fill("#id_resources_note", "The anti-trafficking unit has twelve staff.")
    desk.click("#save")
    assert "Nothing was saved" in desk.content()
    assert desk.input_value("#id_resources_note") == "The anti-trafficking unit has twelve staff."
    desk.fill("#id_convictions_labor", "2")
    desk.click("#save")
    assert "Saved as version" in desk.content()
    assert "allowed" in desk.inner_text("#tier-check")
    desk.click("#draft-narrative")
    assert desk.input_value("#id_narrative").startswith("NEPAL: TIER 2")
    act(desk, "submit")
    assert desk.inner_text("#state") == "Regional review"

    act(sign_in(browser, base, "reviewer"), "clear")
    act(sign_in(browser, base, "editor"), "send_for_approval")
    approver = sign_in(browser, base, "approver")
    act(approver, "approve")
    assert approver.inner_text("#state") == "Approved"
    approver.goto(f"{base}/work/2026/")
    approver.click("#publish")
    assert "Published: " in approver.content()

    public = browser.new_page()
    public.goto(f"{base}/api/v1/countries/NPL/tiers")
    tiers = json.loads(public.inner_text("body"))["data"]
    assert {p["year"]: p["tier"] for p in tiers}[2026] == "Tier 2"
    public.goto(f"{base}/reports/2026/NPL")
    assert "NEPAL: TIER 2" in public.content()
