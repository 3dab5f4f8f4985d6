"""Only published data is open: an assessment cycle's tiers appear in the downloads and the
API once the cycle is published, and nothing of an unpublished cycle ever does."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from opendata.downloads import body, fetch
from tipmon.assessments.models import CountryAssessment, ReportingCycle
from tipmon.assessments.publication import dataset_key, publish_cycle
from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement

pytestmark = pytest.mark.django_db
SECRET = "EMBARGOED-opendata-41c2"


def everything_public(client: Client) -> str:
    """Every open-data page, file and the placement API, as one text."""
    texts = [client.get(u).content.decode() for u in ("/data/open", "/data/open/dictionary")]
    texts.append(fetch(client, "/data/open/datapackage.json").decode())
    for resource in json.loads(texts[-1])["resources"]:
        texts.append(fetch(client, f"/data/open/{resource['path']}").decode(errors="replace"))
    api = client.get("/api/v1/tiers/placements", {"first_year": 2026, "format": "csv"})
    texts.append(api.content.decode())
    return "\n".join(texts)


def test_a_stray_dataset_of_an_unpublished_cycle_never_appears(
    client: Client, cycle: ReportingCycle
) -> None:
    # Publishing writes this dataset in the same transaction as it marks the cycle published;
    # if one ever existed before that, the open data must still not show it.
    stray = Dataset.objects.create(
        key=dataset_key(cycle.report_year),
        title=SECRET,
        producer=SECRET,
        edition=SECRET,
        accessed=timezone.now().date(),
        licence="x",
        file_name="",
        sha256="",
        row_count=1,
        loaded_at=timezone.now(),
    )
    TierPlacement.objects.create(
        country_id="NPL",
        report_year=cycle.report_year,
        tier="Tier 3",
        basis="published assessment",
        name_in_source=SECRET,
        source=SECRET,
        dataset=stray,
        source_row=1,
    )
    CountryAssessment.objects.filter(cycle=cycle, country_id="NPL").update(
        final_tier="Tier 3", narrative=SECRET
    )
    assert SECRET not in everything_public(client)
    assert client.get(f"/data/open/{stray.key}.csv").status_code == 404
    placements = client.get("/api/v1/tiers/placements", {"country": "NPL"}).json()
    assert cycle.report_year not in {p["report_year"] for p in placements["data"]}


def test_a_published_cycle_becomes_a_dataset_of_placements(
    client: Client, cycle: ReportingCycle, approver: User
) -> None:
    CountryAssessment.objects.filter(cycle=cycle).update(state="approved", final_tier="Tier 2")
    publish_cycle(cycle, approver)
    key = dataset_key(cycle.report_year)
    response = client.get(f"/data/open/{key}.json")
    assert response.status_code == 200
    rows = json.loads(body(response))["data"]
    assert len(rows) == CountryAssessment.objects.filter(cycle=cycle).count()
    assert {(r["report_year"], r["tier"], r["basis"], r["dataset"]) for r in rows} == {
        (cycle.report_year, "Tier 2", "published assessment", key)
    }
    page = client.get("/data/open").content.decode()
    assert f'id="{key}"' in page
    api = client.get("/api/v1/tiers/placements", {"first_year": cycle.report_year}).json()
    assert api["meta"]["page"]["total"] == len(rows)
    assert [s["dataset"] for s in api["meta"]["source"]] == [key]
