"""A NUL character in the query string is refused with 400 and a message, on the API and on
pages, before it can reach a database that cannot store it (PostgreSQL)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.mark.django_db
def test_the_api_answers_a_nul_in_a_search_with_its_error_envelope(client: Client) -> None:
    response = client.get("/api/v1/countries", {"q": "ab\x00c", "region": "NEA"})
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == "bad_request"
    assert "NUL" in body["error"]["message"]


@pytest.mark.django_db
def test_a_page_answers_a_nul_with_400_and_keeps_its_security_headers(client: Client) -> None:
    response = client.get("/countries/", {"q": "\x00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "NUL" in page
    assert "This request could not be answered" in page  # the site's own 400 page
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_a_nul_in_a_parameter_name_is_refused_too(client: Client) -> None:
    assert client.get("/api/v1/countries?a%00b=1").status_code == 400


@pytest.mark.django_db
def test_a_query_without_nul_passes_through(client: Client) -> None:
    assert client.get("/api/v1/countries", {"q": "chad"}).status_code == 200


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=st.text(max_size=8), after=st.text(max_size=8))
def test_any_search_holding_nul_is_refused(client: Client, before: str, after: str) -> None:
    response = client.get("/api/v1/countries", {"q": before + "\x00" + after})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_nul_in_the_path_is_refused_on_the_api_and_on_pages(client: Client) -> None:
    api = client.get("/api/v1/countries/TH%00A")
    assert api.status_code == 400
    assert api.json()["error"]["code"] == "bad_request"
    assert client.get("/countries/TH%00A/").status_code == 400


def _string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = [schema] if schema.get("type") == "string" else []
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, ()):
            found += _string_schemas(option)
    if isinstance(schema.get("items"), dict):
        found += _string_schemas(schema["items"])
    return found


@pytest.mark.django_db
def test_the_openapi_document_says_no_string_parameter_may_hold_nul(client: Client) -> None:
    """So that a client (and the schemathesis run) knows a NUL is not a valid value."""
    document = client.get("/api/v1/openapi.json").json()
    strings = [
        s
        for operations in document["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", ())
        for s in _string_schemas(parameter["schema"])
    ]
    assert len(strings) > 20
    for schema in strings:
        assert "enum" in schema or "pattern" in schema, schema
        if "pattern" in schema:
            assert not re.fullmatch(schema["pattern"], "ab\x00c"), schema
