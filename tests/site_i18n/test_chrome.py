"""The public site's chrome (skip link, header, navigation, footer, title suffix, error pages)
in the reader's language: the language cookie, else the browser's Accept-Language, else
English. The pages' own text stays English and is marked so."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from tipmon.core.views import server_error

PAGE = "/countries/THA"

#: What the chrome says, per language: skip link, a navigation label, the footer, the title.
CHROME = {
    "en": ("Skip to main content", "<span>Countries</span>", "data sources", "| TIP Monitor"),
    "es": (
        "Saltar al contenido principal",
        "<span>Países</span>",
        "fuentes de datos",
        "| Monitor TIP",
    ),
    "fr": (
        "Aller au contenu principal",
        "<span>Pays</span>",
        "sources des données",
        "| Observatoire TIP",
    ),
}


def html_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "language"),
    [("es-ES,es;q=0.9,en;q=0.5", "es"), ("fr-CA,fr;q=0.8", "fr"), ("en-GB", "en")],
)
def test_a_reader_gets_the_chrome_in_the_language_of_their_browser(
    client: Client, accept: str, language: str
) -> None:
    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE=accept)
    html = html_of(response)
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in html
    for text in CHROME[language]:
        assert text in html, text
    for other, texts in CHROME.items():
        if other != language:
            assert texts[0] not in html


@pytest.mark.django_db
def test_the_pages_own_english_text_is_marked_as_english_inside_translated_chrome(
    client: Client,
) -> None:
    html = html_of(client.get(PAGE, HTTP_ACCEPT_LANGUAGE="es"))
    assert re.search(r'<main id="main-content"[^>]* lang="en"', html)


@pytest.mark.django_db
def test_a_browser_asking_for_a_language_the_site_lacks_gets_english(client: Client) -> None:
    html = html_of(client.get(PAGE, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9"))
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_the_chosen_language_wins_over_the_browsers(client: Client) -> None:
    client.cookies["django_language"] = "fr"
    html = html_of(client.get(PAGE, HTTP_ACCEPT_LANGUAGE="es"))
    assert '<html lang="fr">' in html
    assert "Aller au contenu principal" in html


@pytest.mark.django_db
def test_the_switcher_links_the_other_languages_back_to_this_page(client: Client) -> None:
    html = html_of(client.get(PAGE, HTTP_ACCEPT_LANGUAGE="es"))
    switcher = html[html.index('<nav aria-label="Idioma">') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert '<span lang="es" class="text-bold" aria-current="true">Español</span>' in switcher
    assert f'href="/language/en/?next={PAGE}" lang="en" hreflang="en"' in switcher
    assert ">English</a>" in switcher
    assert f'href="/language/fr/?next={PAGE}" lang="fr" hreflang="fr"' in switcher
    assert ">Français</a>" in switcher


@pytest.mark.django_db
def test_the_not_found_page_is_in_the_readers_language(client: Client) -> None:
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="es")
    html = html_of(response)
    assert response.status_code == 404
    assert "<title>No encontrada | Monitor TIP</title>" in html
    assert "<h1>Página no encontrada</h1>" in html
    assert re.search(r'<main id="main-content"[^>]* lang="es"', html)
    assert '<p class="usa-alert__text">No hay ninguna página en esta dirección.</p>' in html
    assert 'href="/countries">índice de países</a>' in html


@pytest.mark.django_db
def test_an_untranslated_error_message_is_shown_in_english_and_marked_so(client: Client) -> None:
    html = html_of(client.get("/tiers/1800", HTTP_ACCEPT_LANGUAGE="fr"))
    assert "<h1>Page introuvable</h1>" in html
    assert '<p class="usa-alert__text" lang="en">No report year 1800' in html


@pytest.mark.django_db
def test_an_untranslated_message_with_quotes_is_escaped_once_and_marked_english(
    client: Client,
) -> None:
    html = html_of(client.get("/countries/ZZZ", HTTP_ACCEPT_LANGUAGE="fr"))
    assert (
        '<p class="usa-alert__text" lang="en">No country or territory with the code '
        "&#x27;ZZZ&#x27;.</p>"
    ) in html


def test_the_server_error_page_is_in_the_readers_language() -> None:
    request = RequestFactory().get("/somewhere")
    with translation.override("fr"):
        html = server_error(request).content.decode()
    assert '<html lang="fr">' in html
    assert "Un problème est survenu de notre côté" in html
    assert "<title>Erreur du serveur | Observatoire TIP</title>" in html
