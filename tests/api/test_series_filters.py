"""/api/v1/unodc and /api/v1/tiers/placements: filters return exactly the rows a plain
Python filter over all rows picks, bad values are 400s naming the parameter, and every
answer carries its sources."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.countries.models import Country
from tipmon.tiers.models import TierPlacement
from tipmon.trends.importers.services import import_unodc_export
from tipmon.trends.models import UnodcFigure
from trends.unodc_exports import csv_file, export_rows, figure

pytestmark = pytest.mark.django_db
PROPERTY = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
REGIONS = ["AF", "EAP", "EUR", "NEA", "SCA", "WHA"]
#: A few countries with many UNODC rows, one with few, and one with none.
COUNTRIES = ["THA", "NPL", "USA", "MEX", "NGA", "TUV"]
INDICATORS = ["Detected trafficking victims", "Persons prosecuted", "Persons convicted"]
SEXES = ["Total", "Female", "Male"]
AGES = ["Total", "0 to 17 years", "18 years or over"]
TIERS = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"]


def subset(items: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), max_size=3, unique=True)


years = st.one_of(st.none(), st.integers(2001, 2025))


def csv_source_rows(client: Client, url: str, params: dict[str, Any]) -> list[int]:
    response = client.get(url, {**params, "format": "csv"})
    assert response.status_code == 200, response.content[:300]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    return [int(r["source_row"]) for r in rows]


def within(year: int, first: int | None, last: int | None) -> bool:
    return (first is None or year >= first) and (last is None or year <= last)


@pytest.fixture
def unodc_all(db: None) -> list[dict[str, Any]]:
    rows = UnodcFigure.objects.filter(dataset__key="unodc_glotip_totals").values(
        "pk", "country_id", "country__bureau", "year", "indicator", "sex", "age", "source_row"
    )
    # By country (rows without one first), year, then file order.
    return sorted(
        rows, key=lambda r: (r["country_id"] is not None, r["country_id"] or "", r["year"], r["pk"])
    )


@PROPERTY
@given(
    countries=subset(COUNTRIES),
    regions=subset(REGIONS),
    first=years,
    last=years,
    indicators=subset(INDICATORS),
    sexes=subset(SEXES),
    ages=subset(AGES),
)
def test_unodc_filters_return_exactly_the_matching_rows(
    client: Client,
    unodc_all: list[dict[str, Any]],
    countries: list[str],
    regions: list[str],
    first: int | None,
    last: int | None,
    indicators: list[str],
    sexes: list[str],
    ages: list[str],
) -> None:
    expected = [
        r["source_row"]
        for r in unodc_all
        if (not countries or r["country_id"] in countries)
        and (not regions or r["country__bureau"] in regions)
        and within(r["year"], first, last)
        and (not indicators or r["indicator"] in indicators)
        and (not sexes or r["sex"] in sexes)
        and (not ages or r["age"] in ages)
    ]
    params = {
        "country": countries,
        "region": regions,
        "indicator": indicators,
        "sex": sexes,
        "age": ages,
        "dataset": "unodc_glotip_totals",
    } | {k: v for k, v in (("first_year", first), ("last_year", last)) if v is not None}
    assert csv_source_rows(client, "/api/v1/unodc", params) == expected
    body = client.get("/api/v1/unodc", {**params, "page_size": 50}).json()
    assert body["meta"]["page"]["total"] == len(expected)
    assert [r["source_row"] for r in body["data"]] == expected[:50]
    assert body["meta"]["source"][0]["dataset"] == "unodc_glotip_totals"


@pytest.fixture
def placements_all(db: None) -> list[dict[str, Any]]:
    return list(
        TierPlacement.objects.order_by("report_year", "country_id").values(
            "country_id", "country__bureau", "report_year", "tier", "source_row"
        )
    )


@PROPERTY
@given(
    countries=subset(COUNTRIES),
    regions=subset(REGIONS),
    first=years,
    last=years,
    tiers=subset(TIERS),
)
def test_placement_filters_return_exactly_the_matching_rows(
    client: Client,
    placements_all: list[dict[str, Any]],
    countries: list[str],
    regions: list[str],
    first: int | None,
    last: int | None,
    tiers: list[str],
) -> None:
    expected = [
        r["source_row"]
        for r in placements_all
        if (not countries or r["country_id"] in countries)
        and (not regions or r["country__bureau"] in regions)
        and within(r["report_year"], first, last)
        and (not tiers or r["tier"] in tiers)
    ]
    params = {"country": countries, "region": regions, "tier": tiers} | {
        k: v for k, v in (("first_year", first), ("last_year", last)) if v is not None
    }
    assert csv_source_rows(client, "/api/v1/tiers/placements", params) == expected
    body = client.get("/api/v1/tiers/placements", {**params, "page_size": 20}).json()
    assert body["meta"]["page"]["total"] == len(expected)
    assert [r["source_row"] for r in body["data"]] == expected[:20]
    assert body["meta"]["source"]


def test_tier_slugs_filter_like_tier_labels(client: Client) -> None:
    by_slug = client.get("/api/v1/tiers/placements", {"tier": ["3", "2wl"]}).json()
    by_label = client.get(
        "/api/v1/tiers/placements", {"tier": ["Tier 3", "Tier 2 Watch List"]}
    ).json()
    assert by_slug["meta"]["page"]["total"] == by_label["meta"]["page"]["total"] > 0


def test_the_form_of_exploitation_filter_reads_the_imported_export(
    client: Client, tmp_path: Path
) -> None:
    rows = export_rows(
        figure(),
        figure(dimension="by form of exploitation", category="Sexual exploitation", value="40"),
        figure(dimension="by form of exploitation", category="Forced labour", value="<5"),
        figure(
            "NPL", "Nepal", dimension="by form of exploitation", category="Forced labour", value="9"
        ),
    )
    import_unodc_export(csv_file(tmp_path / "export.csv", rows))
    body = client.get("/api/v1/unodc", {"form": "Forced labour"}).json()
    assert body["meta"]["source"][0]["dataset"] == "unodc_glotip_export"
    assert {(r["iso3"], r["display"]) for r in body["data"]} == {("THA", "<5"), ("NPL", "9")}
    assert all(r["dimension"] == "by form of exploitation" for r in body["data"])
    only_tha = client.get("/api/v1/unodc", {"form": "Forced labour", "country": "tha"}).json()
    assert [(r["iso3"], r["value"], r["suppressed_below"]) for r in only_tha["data"]] == [
        ("THA", None, 5)
    ]
    regional = client.get("/api/v1/unodc", {"form": "Sexual exploitation", "region": "EAP"})
    assert [r["value"] for r in regional.json()["data"]] == [40]


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/api/v1/unodc", {"country": "TH"}, "country"),
        ("/api/v1/unodc", {"region": "ASIA"}, "region"),
        ("/api/v1/unodc", {"first_year": "1800"}, "first_year"),
        ("/api/v1/unodc", {"last_year": "soon"}, "last_year"),
        ("/api/v1/unodc", {"indicator": "Arrests"}, "indicator"),
        ("/api/v1/unodc", {"sex": "F"}, "sex"),
        ("/api/v1/unodc", {"age": "adult"}, "age"),
        ("/api/v1/unodc", {"dimension": "by planet"}, "dimension"),
        ("/api/v1/unodc", {"form": ""}, "form"),
        ("/api/v1/unodc", {"dataset": "tier_placements"}, "dataset"),
        ("/api/v1/unodc", {"page_size": "501"}, "page_size"),
        ("/api/v1/tiers/placements", {"tier": "Tier 9"}, "tier"),
        ("/api/v1/tiers/placements", {"basis": "rumour"}, "basis"),
        ("/api/v1/tiers/placements", {"region": "eu"}, "region"),
        ("/api/v1/tiers/placements", {"page": "0"}, "page"),
        ("/api/v1/tiers/placements", {"format": "xml"}, "format"),
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it(
    client: Client, url: str, params: dict[str, str], parameter: str
) -> None:
    response = client.get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == "bad_parameter"
    assert body["error"]["details"]["parameter"] == parameter
    assert body["error"]["message"].startswith(f"{parameter}: ")


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/api/v1/unodc", {"country": "ZZZ"}, "country"),
        ("/api/v1/tiers/placements", {"country": ["THA", "XYZ"]}, "country"),
        ("/api/v1/unodc", {"form": "Sexual exploitation"}, "form"),
        ("/api/v1/unodc", {"dataset": "unodc_glotip_export"}, "dataset"),
    ],
)
def test_a_well_formed_value_that_names_nothing_is_a_404_naming_it(
    client: Client, url: str, params: dict[str, Any], parameter: str
) -> None:
    response = client.get(url, params)
    assert response.status_code == 404
    body = response.json()
    assert body["error"]["code"] == "not_found"
    assert body["error"]["details"]["parameter"] == parameter
    assert f"Parameter {parameter!r}" in body["error"]["message"]


def test_an_inverted_year_range_holds_no_rows(client: Client) -> None:
    body = client.get("/api/v1/unodc", {"first_year": 2020, "last_year": 2010}).json()
    assert body["data"] == []
    assert body["meta"]["source"]


def test_an_empty_result_is_still_sourced(client: Client) -> None:
    tuvalu = Country.objects.get(iso3="TUV")
    body = client.get(
        "/api/v1/unodc", {"country": tuvalu.iso3, "first_year": 1990, "last_year": 1991}
    ).json()
    assert body["data"] == []
    assert body["meta"]["page"]["total"] == 0
    assert body["meta"]["source"][0]["attribution"]
