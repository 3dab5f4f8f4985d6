"""The per-process cache of anonymous reads, on the API: hits, ETags, staleness, and who
bypasses it (tests/core/test_pagecache.py covers public pages)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement

pytestmark = pytest.mark.django_db
URL = "/api/v1/tiers/placements?country=THA"


def test_a_repeated_anonymous_read_is_served_from_memory_unchanged(client: Client) -> None:
    first = client.get(URL)
    second = client.get(URL)
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_a_client_holding_the_etag_gets_not_modified(client: Client) -> None:
    etag = client.get(URL)["ETag"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_a_change_to_the_data_makes_every_answer_stale_at_once(client: Client) -> None:
    before = client.get(URL).json()
    row = TierPlacement.objects.filter(country_id="THA").order_by("report_year").first()
    assert row is not None
    row.pk = None
    row.report_year = 1999  # a year no report has: added, so the state changes
    row.save()
    after = client.get(URL)
    assert after["X-Cache"] == "miss"
    assert after.json()["meta"]["page"]["total"] == before["meta"]["page"]["total"] + 1


def test_a_reload_of_a_dataset_makes_answers_stale(client: Client) -> None:
    etag = client.get("/api/v1/law-enforcement")["ETag"]
    Dataset.objects.filter(key="global_law_enforcement").update(loaded_at=timezone.now())
    again = client.get("/api/v1/law-enforcement", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["X-Cache"] == "miss"


def test_requests_with_a_cookie_or_credentials_bypass_the_cache(client: Client) -> None:
    client.get(URL)
    client.cookies["sessionid"] = "anything"
    with_cookie = client.get(URL)
    assert "X-Cache" not in with_cookie
    bare = Client()
    bare.get(URL)
    assert "X-Cache" not in bare.get(URL, HTTP_AUTHORIZATION="Bearer x")


def test_errors_and_the_api_description_are_never_cached(client: Client) -> None:
    assert client.get("/api/v1/countries/XXX").status_code == 404
    assert "X-Cache" not in client.get("/api/v1/countries/XXX")
    client.get("/api/v1/openapi.json")
    assert "X-Cache" not in client.get("/api/v1/openapi.json")


@override_settings(TIPMON_CACHE_ENTRIES=0)
def test_the_cache_can_be_turned_off() -> None:
    fresh = Client()
    fresh.get(URL)
    assert "X-Cache" not in fresh.get(URL)


@override_settings(TIPMON_CACHE_ENTRIES=2)
def test_the_oldest_entry_goes_first_when_the_cache_is_full() -> None:
    fresh = Client()
    for code in ("THA", "NPL", "IND"):
        fresh.get(f"/api/v1/tiers/placements?country={code}")
    assert fresh.get("/api/v1/tiers/placements?country=IND")["X-Cache"] == "hit"
    assert fresh.get("/api/v1/tiers/placements?country=THA")["X-Cache"] == "miss"
