from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tipmon.site.seed import SeedReport

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_2025_tier_map_with_a_text_alternative(
    client: Client, seeded: SeedReport
) -> None:
    html = client.get("/").content.decode()
    assert "Tier placements in the 2025 report" in html
    match = re.search(
        r'<script id="tier-map-spec" type="application/json">(.*?)</script>', html, re.S
    )
    assert match
    spec = json.loads(match.group(1))
    assert spec["data"]["url"].endswith("world-50m.topo.json")
    tiers = spec["transform"][0]["from"]["data"]["values"]
    assert {"iso3": "PRK", "tier": "Tier 3"} in tiers
    assert "Countries per tier, 2025" in html
    assert "Prosecution" in html
    assert "Partnership" in html


def test_the_map_year_can_be_chosen(client: Client) -> None:
    html = client.get("/", {"year": "2010"}).content.decode()
    assert "Tier placements in the 2010 report" in html


def test_the_law_enforcement_page_shows_labor_subsets_and_the_edition(client: Client) -> None:
    html = client.get("/trends/law-enforcement").content.decode()
    assert "7,907" in html or "7907" in html
    assert "(456)" in html
    assert "2007 and 2016 editions" in html
    assert "2024 edition" in html


def test_the_sources_page_lists_every_dataset(client: Client) -> None:
    html = client.get("/data/sources").content.decode()
    for key in ("tier_placements", "global_law_enforcement", "unodc_glotip_totals"):
        assert f'id="{key}"' in html
    assert "Natural Earth" in html
