from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from tipmon.tiers.models import TierPlacement

pytestmark = pytest.mark.django_db


def get_json(client: Client, url: str, status: int = 200, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def assert_sourced(body: dict[str, Any], *datasets: str) -> None:
    assert body["ok"] is True
    sources = {s["dataset"] for s in body["meta"]["source"]}
    assert set(datasets) <= sources
    for source in body["meta"]["source"]:
        assert source["attribution"]
        assert source["edition"]
        assert source["licence"]


def test_thailands_tier_history_is_json_with_every_year(client: Client) -> None:
    body = get_json(client, "/api/v1/countries/THA/tiers")
    assert_sourced(body, "tier_placements")
    years = [p["year"] for p in body["data"]]
    assert years == list(range(2001, 2026))
    by_year = {p["year"]: p for p in body["data"]}
    assert by_year[2014]["tier"] == "Tier 3"
    assert by_year[2014]["basis"] == "transcribed panel"


def test_a_year_without_a_placement_is_json_not_recorded(
    client: Client, unrecorded: tuple[str, int]
) -> None:
    iso3, year = unrecorded
    by_year = {p["year"]: p for p in get_json(client, f"/api/v1/countries/{iso3}/tiers")["data"]}
    assert by_year[year] == {
        "year": year, "tier": None, "recorded": False, "basis": None, "source": "",
        "second_source": "", "note": "", "source_row": None,
    }  # fmt: skip


def test_the_tier_history_downloads_as_csv_with_provenance(
    client: Client, unrecorded: tuple[str, int]
) -> None:
    iso3, year = unrecorded
    response = client.get(f"/api/v1/countries/{iso3}/tiers", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 25
    assert rows[0]["dataset"] == "tier_placements"
    assert {r["report_year"]: r["tier"] for r in rows}[str(year)] == "Not recorded"


def test_a_country_profile_has_tiers_unodc_and_grants_with_three_sources(client: Client) -> None:
    body = get_json(client, "/api/v1/countries/NPL")
    assert_sourced(body, "tier_placements", "unodc_glotip_totals", "us_antitip_grants_fy2001_2014")
    data = body["data"]
    assert data["country"]["iso3"] == "NPL"
    assert data["country"]["bureau"] == "SCA"
    assert len(data["tier_history"]) == 25
    assert data["unodc"]
    assert data["grants"]["count"] > 0


def test_suppressed_unodc_values_stay_censored_in_json(client: Client) -> None:
    body = get_json(client, "/api/v1/countries/NPL/unodc", sex="Male", age="0 to 17 years")
    suppressed = [p for p in body["data"] if p["value"] is None]
    assert suppressed, "expected at least one '<5' cell for boys in Nepal"
    assert all(p["suppressed_below"] == 5 and p["display"] == "<5" for p in suppressed)


def test_an_unknown_code_gives_a_json_404(client: Client) -> None:
    body = get_json(client, "/api/v1/countries/XXX", status=404)
    assert body == {
        "ok": False,
        "error": {"code": "not_found", "message": "No country or territory with the code 'XXX'.",
                  "details": None},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/countries/TOOLONG", {}),
        ("/api/v1/countries", {"page": "0"}),
        ("/api/v1/countries", {"page_size": "10000"}),
        ("/api/v1/countries", {"year": "soon"}),
        ("/api/v1/countries", {"region": "MARS"}),
        ("/api/v1/countries", {"tier": "7"}),
        ("/api/v1/countries", {"format": "xml"}),
        ("/api/v1/law-enforcement", {"first_year": "x"}),
    ],
)
def test_a_malformed_parameter_gives_a_400_with_a_message(
    client: Client, url: str, params: dict[str, str]
) -> None:
    body = get_json(client, url, status=400, **params)
    assert body["ok"] is False
    assert body["error"]["code"] == "bad_parameter"
    assert body["error"]["message"]


@pytest.mark.parametrize("url", ["/api/v1/no-such-thing", "/api/v1/tiers/abc"])
def test_an_unknown_api_path_answers_in_the_envelope(client: Client, url: str) -> None:
    body = get_json(client, url, status=404)
    assert body["ok"] is False
    assert body["error"]["code"] == "not_found"


def test_the_country_list_is_paginated(client: Client) -> None:
    first = get_json(client, "/api/v1/countries", page_size="50")
    assert first["meta"]["page"]["page"] == 1
    total = first["meta"]["page"]["total"]
    assert total > 180
    assert len(first["data"]) == 50
    last = get_json(
        client, "/api/v1/countries", page_size="50", page=str(first["meta"]["page"]["pages"])
    )
    assert len(last["data"]) == total - 50 * (first["meta"]["page"]["pages"] - 1)
    codes = {c["iso3"] for c in first["data"]} & {c["iso3"] for c in last["data"]}
    assert not codes


def test_the_tier_list_of_a_year_filters_and_downloads(client: Client) -> None:
    body = get_json(client, "/api/v1/tiers/2024", tier="3")
    assert_sourced(body, "tier_placements")
    codes = {e["iso3"] for e in body["data"]["entries"]}
    expected = set(
        TierPlacement.objects.filter(report_year=2024, tier="Tier 3").values_list(
            "country_id", flat=True
        )
    )
    assert codes == expected
    response = client.get("/api/v1/tiers/2024", {"format": "csv", "tier": "3"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["iso3"] for r in rows} == expected


def test_report_years_list_counts_per_tier(client: Client) -> None:
    body = get_json(client, "/api/v1/tiers")
    years = {item["year"]: item["counts"] for item in body["data"]}
    assert sorted(years) == list(range(2001, 2026))
    assert sum(years[2015].values()) == TierPlacement.objects.filter(report_year=2015).count()


def test_a_missing_report_year_is_a_404(client: Client) -> None:
    body = get_json(client, "/api/v1/tiers/1990", status=404)
    assert body["error"]["details"] == {"first_year": 2001, "last_year": 2025}


def test_the_law_enforcement_series_keeps_labor_subsets_and_editions(client: Client) -> None:
    body = get_json(client, "/api/v1/law-enforcement", first_year="2011", last_year="2011")
    assert_sourced(body, "global_law_enforcement")
    [row] = body["data"]
    assert (row["prosecutions"], row["prosecutions_labor"]) == (7907, 456)
    assert "2007 and 2016 editions" in row["source"]


def test_the_resolver_is_on_the_api(client: Client) -> None:
    body = get_json(client, "/api/v1/countries/resolve", name="Korea, North")
    assert body["data"]["iso3"] == "PRK"
    unknown = get_json(client, "/api/v1/countries/resolve", status=404, name="Nigerr")
    assert unknown["error"]["code"] == "unknown_country_name"
    assert {"NER", "NGA"} & {c["iso3"] for c in unknown["error"]["details"]["candidates"]}
    assert get_json(client, "/api/v1/countries/resolve", status=400)["ok"] is False


def test_the_datasets_route_lists_provenance(client: Client) -> None:
    body = get_json(client, "/api/v1/datasets")
    keys = {d["dataset"] for d in body["data"]}
    assert keys == {
        "tier_placements", "global_law_enforcement", "unodc_glotip_totals",
        "us_antitip_grants_fy2001_2014", "stated_totals",
    }  # fmt: skip
    assert all(d["rows"] > 0 for d in body["data"])


def test_the_openapi_document_describes_every_route(client: Client) -> None:
    body = get_json(client, "/api/v1/openapi.json")
    paths = set(body["paths"])
    assert {
        "/api/v1/countries", "/api/v1/countries/resolve", "/api/v1/countries/{iso3}",
        "/api/v1/countries/{iso3}/tiers", "/api/v1/countries/{iso3}/unodc", "/api/v1/tiers",
        "/api/v1/tiers/{year}", "/api/v1/law-enforcement", "/api/v1/datasets",
    } <= paths  # fmt: skip
