"""The public cache keys its entries on the negotiated language: a page kept for one language
is never served in another, and a reader holding only the language cookie is still served
from memory."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from tipmon.core.publiccache import PublicCacheMiddleware

PAGE = "/countries/THA"


def lang_of(response: HttpResponse) -> str:
    html = response.content.decode()
    return html[html.index('<html lang="') + 12 :].split('"', 1)[0]


@pytest.mark.django_db
def test_a_page_kept_in_english_is_never_served_to_a_spanish_reader(client: Client) -> None:
    english = client.get(PAGE)
    assert (english["X-Cache"], lang_of(english)) == ("miss", "en")
    assert client.get(PAGE)["X-Cache"] == "hit"
    spanish = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="es")
    assert (spanish["X-Cache"], lang_of(spanish)) == ("miss", "es")
    again = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="es")
    assert (again["X-Cache"], lang_of(again), again["Content-Language"]) == ("hit", "es", "es")
    assert again["ETag"] != english["ETag"]
    back = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en-US")
    assert (back["X-Cache"], lang_of(back)) == ("hit", "en")


@pytest.mark.django_db
def test_browsers_asking_for_the_same_language_share_one_entry(client: Client) -> None:
    client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    other = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr-CA")
    assert (other["X-Cache"], lang_of(other)) == ("hit", "fr")
    unknown = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="de")
    assert (unknown["X-Cache"], lang_of(unknown)) == ("miss", "en")
    assert client.get(PAGE)["X-Cache"] == "hit"  # German falls back to the English entry


@pytest.mark.django_db
def test_a_reader_with_only_the_language_cookie_is_served_from_memory(client: Client) -> None:
    client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr")  # kept in French
    client.cookies["django_language"] = "es"
    first = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr")
    second = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr")
    assert (first["X-Cache"], lang_of(first)) == ("miss", "es")
    assert (second["X-Cache"], lang_of(second)) == ("hit", "es")


@pytest.mark.django_db
def test_the_language_cookie_beside_any_other_cookie_bypasses_the_cache(client: Client) -> None:
    client.cookies["django_language"] = "es"
    client.get(PAGE)
    client.cookies["sessionid"] = "anything"
    assert "X-Cache" not in client.get(PAGE)


def middleware_answering(language: str) -> PublicCacheMiddleware:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(f"<p>{language}</p>")
        response["Vary"] = "Accept-Language"
        response["Content-Language"] = language
        return response

    return PublicCacheMiddleware(view)


@pytest.mark.django_db
def test_an_answer_in_another_language_than_the_negotiated_one_is_never_kept() -> None:
    middleware = middleware_answering("ar")
    middleware(RequestFactory().get("/somewhere", HTTP_ACCEPT_LANGUAGE="ar"))
    assert len(middleware.cache) == 0
    matching = middleware_answering("es")
    matching(RequestFactory().get("/somewhere", HTTP_ACCEPT_LANGUAGE="es"))
    assert len(matching.cache) == 1
