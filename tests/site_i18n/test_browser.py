"""The language switcher in a real browser: a Spanish browser sees Spanish chrome, one click
on "Français" gives French chrome on the same page, and the choice holds on the next page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browsing import debian_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
#: Set to a folder to keep screenshots of each step for a person to look at.
SHOTS = os.environ.get("TIPMON_SCREENSHOTS", "")


@pytest.fixture
def browser(bundled_data_transactional: None) -> Iterator[Browser]:
    with debian_chromium() as launched:
        yield launched


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_a_reader_switches_the_chrome_to_french_and_it_stays_french(
    browser: Browser, live_server: object
) -> None:
    page = browser.new_context(locale="es-ES").new_page()
    page.goto(f"{live_server}/countries/THA")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Saltar al contenido principal").count() == 1
    assert page.locator("main").get_attribute("lang") == "en"
    shot(page, "countries-es")

    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="Français").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server}/countries/THA"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.title().endswith("| Observatoire TIP")
    nav = page.get_by_role("navigation", name="Navigation principale")
    assert nav.get_by_role("link", name="Listes par catégorie").count() == 1
    shot(page, "countries-fr")

    nav.get_by_role("link", name="Listes par catégorie").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Chaque chiffre indique sa source" in page.locator("footer").inner_text()
    page.goto(f"{live_server}/no/such/page/")
    assert page.locator("h1").inner_text() == "Page introuvable"
    shot(page, "not-found-fr")
