"""End to end in Debian's headless chromium, driven by Playwright (no downloaded browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, ConsoleMessage, Page

from browsing import debian_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def browser(bundled_data_transactional: None) -> Iterator[Browser]:
    # The home page is the CMS's: its page tree, emptied by the flush, is made again.
    call_command("site", "seed", verbosity=0)
    with debian_chromium() as launched:
        yield launched


def wait_for_chart(page: Page, element_id: str) -> None:
    """Wait until charts.js has finished with the chart: drawn, or failed with a message."""
    done = f"#{element_id}[data-rendered=true], #{element_id}[data-rendered=error]"
    page.wait_for_selector(done, state="attached", timeout=60_000)


def open_page(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    response = page.goto(url)
    assert response is not None
    assert response.status == 200
    return page, problems


def test_the_home_page_draws_the_tier_map(browser: Browser, live_server: object) -> None:
    page, problems = open_page(browser, f"{live_server}/")
    wait_for_chart(page, "tier-map")
    assert page.get_attribute("#tier-map", "data-rendered") == "true"
    shapes = page.locator("#tier-map svg path").count()
    assert shapes > 150, f"only {shapes} shapes drawn"
    assert page.locator("table caption", has_text="Countries per tier").count() == 1
    assert problems == [], problems


def test_a_country_profile_draws_its_charts(browser: Browser, live_server: object) -> None:
    page, problems = open_page(browser, f"{live_server}/countries/THA")
    wait_for_chart(page, "tier-history-chart")
    wait_for_chart(page, "unodc-chart")
    assert page.get_attribute("#tier-history-chart", "data-rendered") == "true"
    assert page.get_attribute("#unodc-chart", "data-rendered") == "true"
    assert page.locator("#tier-history-chart svg").count() >= 1
    assert page.locator("#tier-history-table tbody tr").count() == 25
    assert problems == [], problems


def test_the_country_filter_works_on_a_small_screen(browser: Browser, live_server: object) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{live_server}/countries")
    page.select_option("#region", "SCA")
    page.wait_for_url("**/countries?*region=SCA*")
    rows = page.locator("#country-table tbody tr")
    assert rows.count() > 5
    assert page.locator("#country-table", has_text="Nepal").count() == 1
    assert page.locator("#country-table", has_text="Thailand").count() == 0


PUBLIC_PAGES = [
    "/trends/", "/trends/transitions", "/trends/movers", "/trends/law-enforcement",
    "/trends/victims", "/trends/compare?country=THA&country=NPL", "/trends/map",
    "/trends/map?layer=victims&year=2020", "/trends/forecast", "/trends/coverage?region=SCA",
    "/data/open", "/data/open/dictionary", "/data/sources", "/tiers/2024", "/countries",
]  # fmt: skip


def test_every_public_page_draws_its_charts_without_a_console_error(
    browser: Browser, live_server: object
) -> None:
    """Includes CSP violations, which chromium reports as console errors."""
    failures = {}
    for path in PUBLIC_PAGES:
        page, problems = open_page(browser, f"{live_server}{path}")
        for element_id in page.eval_on_selector_all(
            "[data-vega-spec]", "els => els.map(e => e.id)"
        ):
            wait_for_chart(page, element_id)
            if page.get_attribute(f"#{element_id}", "data-rendered") != "true":
                problems.append(f"chart {element_id} not drawn")
        if problems:
            failures[path] = problems
        page.close()
    assert failures == {}, failures
