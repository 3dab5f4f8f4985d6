"""WCAG 2.1 A and AA rules checked by axe-core in headless chromium on the public pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browsing import debian_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v =>
    v.id + ' (' + v.nodes.length + '): ' + v.help + ' at '
    + v.nodes.map(n => n.target.join(' ')).slice(0, 4).join(' | '))"""
PAGES = ["/", "/countries", "/countries/THA", "/tiers/2024", "/tiers/2024/statute",
         "/trends/law-enforcement", "/trends/", "/trends/transitions", "/trends/movers",
         "/trends/victims", "/trends/compare?country=THA&country=NPL", "/trends/map",
         "/trends/coverage?region=SCA", "/trends/forecast", "/data/sources",
         "/accounts/login/", "/submissions/new"]  # fmt: skip


@pytest.fixture
def browser(bundled_data_transactional: None) -> Iterator[Browser]:
    with debian_chromium() as launched:
        yield launched


def test_public_pages_have_no_wcag_a_or_aa_violations(
    browser: Browser, live_server: object
) -> None:
    # The site's content security policy forbids injected scripts; only this test bypasses it.
    context = browser.new_context(bypass_csp=True)
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page = context.new_page()
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(AXE_RUN)
        if result:
            found[path] = result
        page.close()
    assert found == {}
