"""End to end in Debian chromium: a desk officer uploads a report, reviews what the
pipeline proposes in one click, and finds the citation in the country's assessment. The
evidence pages pass axe's WCAG 2.1 A/AA rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browsing import debian_chromium
from personas import PASSWORD, member
from tipmon.assessments.models import ReportingCycle, Role
from tipmon.assessments.services import open_cycle

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v =>
    v.id + ' (' + v.nodes.length + '): ' + v.help)"""

REPORT = """Nepal: report on trafficking investigations

During the reporting period, Nepal Police investigated 45 trafficking cases,
compared with 30 the previous year, and the courts in Kathmandu convicted 12 traffickers.
A victim, Sita Rai (not her real name), can be reached at sita.rai@example.com.
"""


@pytest.fixture
def cycle(bundled_data_transactional: None) -> ReportingCycle:
    cycle = open_cycle(2026)
    member(cycle, "desk", Role.DESK_OFFICER, "SCA")
    return cycle


@pytest.fixture
def browser(cycle: ReportingCycle) -> Iterator[Browser]:
    with debian_chromium() as launched:
        yield launched


@pytest.fixture(autouse=True)
def _private_media(settings: object, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def sign_in(browser: Browser, base: str) -> Page:
    page = browser.new_page()
    page.goto(f"{base}/accounts/login/?next=/work/evidence/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/work/evidence/")
    return page


def test_a_desk_officer_uploads_reviews_and_files_evidence(
    browser: Browser, live_server: object, tmp_path: Path
) -> None:
    report = tmp_path / "nepal-police.txt"
    report.write_text(REPORT, encoding="utf-8")
    page = sign_in(browser, str(live_server))
    page.set_input_files("#id_documents", str(report))
    page.select_option("#id_source_kind", "government")
    page.click("text=Upload and read")
    page.wait_for_selector("#upload-results")
    results = page.inner_text("table.usa-table")
    assert "nepal-police.txt" in results
    assert "proposed evidence item" in results
    page.goto(f"{live_server}/work/evidence/review/")
    card = page.locator("article").first
    assert "Nepal" in card.locator("h3").inner_text()
    assert card.locator("mark", has_text="45").count() == 1
    assert "sita.rai@example.com" not in page.content()
    card.locator("button[value=accept]").click()
    assert "accept saved" in page.inner_text(".usa-alert")
    page.goto(f"{live_server}/work/2026/NPL/")
    assert "Evidence #" in page.content()
    assert "nepal-police.txt" in page.content()


def test_the_evidence_pages_have_no_wcag_a_or_aa_violations(
    browser: Browser, live_server: object, tmp_path: Path
) -> None:
    report = tmp_path / "nepal-police.txt"
    report.write_text(REPORT, encoding="utf-8")
    page = sign_in(browser, str(live_server))
    page.set_input_files("#id_documents", str(report))
    page.click("text=Upload and read")
    page.wait_for_selector("#upload-results")
    context = browser.new_context(bypass_csp=True)
    context.add_cookies(page.context.cookies())
    found = {}
    document = page.locator("#documents a").first.get_attribute("href")
    for path in ["/work/evidence/", "/work/evidence/review/", document]:
        tab = context.new_page()
        tab.goto(f"{live_server}{path}")
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate(AXE_RUN)
        if result:
            found[path] = result
        tab.close()
    assert found == {}
