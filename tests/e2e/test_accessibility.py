"""WCAG 2.1 A and AA rules checked by axe-core in headless chromium on the public pages, in
English and, for a sample, with the chrome in Spanish and French (docs/languages.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext

from browsing import debian_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v =>
    v.id + ' (' + v.nodes.length + '): ' + v.help + ' at '
    + v.nodes.map(n => n.target.join(' ')).slice(0, 4).join(' | '))"""
MISSING = "/no/such/page/"
PAGES = [
    "/",
    "/countries",
    "/countries/THA",
    "/tiers/2024",
    "/tiers/2024/statute",
    "/trends/law-enforcement",
    "/trends/",
    "/trends/transitions",
    "/trends/movers",
    "/trends/victims",
    "/trends/compare?country=THA&country=NPL",
    "/trends/map",
    "/trends/coverage?region=SCA",
    "/trends/forecast",
    "/data/sources",
    "/accounts/login/",
    "/submissions/new",
    # The public website (issue 9): CMS sections, councils, interagency, model documents.
    "/news/",
    "/news/country-record-open-data/",
    "/policy-issues/",
    "/international-programs/",
    "/compact-partnerships/",
    "/advisory-councils/",
    "/domestic-workers-protections/",
    "/search?q=trafficking",
    "/councils/",
    "/councils/survivors/",
    "/councils/recommendations/",
    "/interagency/",
    "/domestic-workers/",
    # The error page's chrome.
    MISSING,
]
#: Pages checked again with the chrome in another language (the browser's Accept-Language).
TRANSLATED = {
    "es-ES": ["/", "/countries/THA", "/domestic-workers/", MISSING],
    "fr-FR": ["/data/sources", "/submissions/new", "/news/"],
}


@pytest.fixture
def browser(bundled_data_transactional: None) -> Iterator[Browser]:
    # A transactional test's flush removes the CMS's page tree, which the migrations made;
    # the seed makes it again (tipmon.site.setup.home_page) and fills in the sections.
    call_command("site", "seed", verbosity=0)
    call_command("councils", "seed", verbosity=0)
    with debian_chromium() as launched:
        yield launched


def violations(context: BrowserContext, base: object, paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        page = context.new_page()
        response = page.goto(f"{base}{path}")
        # A page that is missing would only check the error page again.
        assert response is not None
        assert response.status == (404 if path == MISSING else 200), path
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(AXE_RUN)
        if result:
            found[path] = result
        page.close()
    return found


def test_public_pages_have_no_wcag_a_or_aa_violations(
    browser: Browser, live_server: object
) -> None:
    # The site's content security policy forbids injected scripts; only this test bypasses it.
    context = browser.new_context(bypass_csp=True, locale="en-US")
    assert violations(context, live_server, PAGES) == {}


@pytest.mark.parametrize("locale", sorted(TRANSLATED))
def test_pages_with_translated_chrome_have_no_wcag_a_or_aa_violations(
    browser: Browser, live_server: object, locale: str
) -> None:
    context = browser.new_context(bypass_csp=True, locale=locale)
    page = context.new_page()
    page.goto(f"{live_server}/countries/THA")
    assert page.locator("html").get_attribute("lang") == locale[:2]
    page.close()
    assert violations(context, live_server, TRANSLATED[locale]) == {}
