from __future__ import annotations

import re

import pytest
from django.test import Client

from tipmon.tiers.models import TierPlacement

pytestmark = pytest.mark.django_db


def test_the_tier_list_groups_a_years_countries_by_tier(client: Client) -> None:
    html = client.get("/tiers/2024").content.decode()
    tier3 = html.split('id="tier-3"')[1].split("</section>")[0]
    names = re.findall(r'href="/countries/([A-Z]{3})"', tier3)
    expected = set(
        TierPlacement.objects.filter(report_year=2024, tier="Tier 3").values_list(
            "country_id", flat=True
        )
    )
    assert set(names) == expected
    assert {"PRK", "IRN"} <= expected


def test_tier_counts_add_up_to_the_rows_of_the_year(client: Client) -> None:
    response = client.get("/tiers/2015")
    counts = response.context["tier_list"].counts
    placed = sum(v for k, v in counts.items() if k != "Not recorded")
    assert placed == TierPlacement.objects.filter(report_year=2015).count()


def test_tiers_redirects_to_the_latest_report_year(client: Client) -> None:
    response = client.get("/tiers")
    assert response.status_code == 302
    assert response["Location"] == "/tiers/2025"


def test_a_year_with_gaps_lists_the_unrecorded_countries_without_filling_them(
    client: Client, unrecorded: tuple[str, int]
) -> None:
    iso3, year = unrecorded
    html = client.get(f"/tiers/{year}").content.decode()
    assert 'id="tier-none"' in html
    section = html.split('id="tier-none"')[1].split("</section>")[0]
    assert f'href="/countries/{iso3}"' in section


def test_a_region_filter_narrows_the_list(client: Client) -> None:
    response = client.get("/tiers/2024", {"region": "WHA"})
    entries = response.context["tier_list"].entries
    assert entries
    assert all(e.bureau == "WHA" for e in entries)


def test_a_year_outside_the_record_is_a_404(client: Client) -> None:
    assert client.get("/tiers/1999").status_code == 404
    assert client.get("/tiers/2031").status_code == 404
