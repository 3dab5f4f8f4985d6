"""End to end in Debian chromium: a program officer runs a targeting scenario, sees the
allocation drawn, saves it, saves a second one and compares the two."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, Page

from browsing import debian_chromium
from personas import PASSWORD
from tipmon.assistance.access import EDITOR_GROUP

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def browser(bundled_data_transactional: None) -> Iterator[Browser]:
    officer = User.objects.create_user("officer", password=PASSWORD)
    officer.groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])
    with debian_chromium() as launched:
        yield launched


def run_and_save(page: Page, name: str, need: str) -> str:
    """Run from the form, check the chart, save; the saved scenario's id."""
    page.fill("#id_name", name)
    page.fill("#id_need", need)
    page.fill("#id_floor_AF", "3000000")
    page.click("#run")
    page.wait_for_selector("#result-summary")
    chart = page.locator("#chart-allocation")
    chart.locator("svg").first.wait_for()
    assert chart.get_attribute("data-rendered") == "true"
    page.click("#save-new")
    page.wait_for_url("**/targeting/scenarios/*/")
    assert f"Scenario '{name}' saved (version 1)." in page.inner_text("main")
    return page.url.rstrip("/").rsplit("/", 1)[1]


def test_a_program_officer_runs_saves_and_compares_two_scenarios(
    browser: Browser, live_server: object
) -> None:
    base = str(live_server)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/accounts/login/?next=/work/assistance/targeting/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/work/assistance/targeting/")
    a = run_and_save(page, "Need first", "0.9")
    page.goto(f"{base}/work/assistance/targeting/")
    b = run_and_save(page, "Balanced", "0.4")
    page.goto(f"{base}/work/assistance/targeting/scenarios/")
    page.select_option("#c-a", a)
    page.select_option("#c-b", b)
    page.click("#compare-form button[type=submit]")
    page.wait_for_url("**/targeting/compare?*")
    page.locator("#chart-comparison svg").first.wait_for()
    assert "Need first" in page.inner_text("h1")
    assert "B \u2212 A" in page.inner_text("#compare-bureaus")
    assert not errors
