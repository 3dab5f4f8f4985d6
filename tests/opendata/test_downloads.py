"""The open-data downloads: every dataset in every format parses back to exactly the rows the
database holds, each with its provenance, as the data package declares them."""

from __future__ import annotations

import io
import json
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.db.models import Model
from django.test import Client

from opendata.downloads import body, csv_rows, fetch, json_rows, parquet_rows
from tipmon.assistance.models import Grant
from tipmon.data.models import Dataset
from tipmon.tiers.models import StatedTotal, TierPlacement
from tipmon.trends.models import LawEnforcementYear, UnodcFigure

pytestmark = pytest.mark.django_db

BUNDLED: dict[str, type[Model]] = {
    "tier_placements": TierPlacement,
    "global_law_enforcement": LawEnforcementYear,
    "unodc_glotip_totals": UnodcFigure,
    "us_antitip_grants_fy2001_2014": Grant,
    "stated_totals": StatedTotal,
}
FORMATS = ("csv", "json", "parquet")
PROVENANCE = ("dataset", "dataset_edition", "attribution")


def package(client: Client) -> dict[str, Any]:
    return json.loads(fetch(client, "/data/open/datapackage.json"))  # type: ignore[no-any-return]


def fields_of(client: Client, key: str) -> list[dict[str, Any]]:
    resource = next(r for r in package(client)["resources"] if r["name"] == key)
    return resource["schema"]["fields"]  # type: ignore[no-any-return]


def read(client: Client, key: str, fmt: str) -> list[dict[str, Any]]:
    content = fetch(client, f"/data/open/{key}.{fmt}")
    if fmt == "csv":
        return csv_rows(content, fields_of(client, key))
    return json_rows(content) if fmt == "json" else parquet_rows(content)


def same(value: Any) -> Any:
    """An empty text and a null are the same empty cell."""
    return None if value == "" else value


def database_rows(model: type[Model], key: str, names: list[str]) -> list[dict[str, Any]]:
    columns = ["country_id" if n == "iso3" else n for n in names]
    rows = model._default_manager.filter(dataset__key=key).order_by("source_row", "pk")
    return [
        {n: same(v) for n, v in zip(names, values, strict=True)}
        for values in rows.values_list(*columns)
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", sorted(BUNDLED))
def test_every_download_parses_back_to_the_rows_in_the_database(
    client: Client, key: str, fmt: str
) -> None:
    dataset = Dataset.objects.get(key=key)
    rows = read(client, key, fmt)
    assert (
        len(rows)
        == dataset.row_count
        == BUNDLED[key]._default_manager.filter(dataset=dataset).count()
    )
    names = [n for n in rows[0] if n not in PROVENANCE]
    assert [{n: same(r[n]) for n in names} for r in rows] == database_rows(BUNDLED[key], key, names)
    for row in rows:
        assert (row["dataset"], row["dataset_edition"], row["attribution"]) == (
            key,
            dataset.edition,
            dataset.attribution,
        )


def test_the_formats_of_a_dataset_hold_the_same_rows_and_columns(client: Client) -> None:
    by_format = {fmt: read(client, "us_antitip_grants_fy2001_2014", fmt) for fmt in FORMATS}
    csv_, json_, parquet = (
        [{k: same(v) for k, v in r.items()} for r in by_format[f]] for f in FORMATS
    )
    assert csv_ == json_ == parquet
    assert any(r["prosecution"] is True for r in csv_)
    assert any(r["prosecution"] is None for r in csv_)  # unknown stays unknown


def test_a_censored_unodc_count_is_empty_and_never_zero(client: Client) -> None:
    censored = UnodcFigure.objects.filter(
        dataset__key="unodc_glotip_totals", value__isnull=True
    ).first()
    assert censored is not None
    for fmt in FORMATS:
        row = next(
            r
            for r in read(client, "unodc_glotip_totals", fmt)
            if r["source_row"] == censored.source_row
        )
        assert row["value"] is None
        assert row["suppressed_below"] == censored.suppressed_below == 5


def test_the_csv_is_plain_csv_without_comment_lines(client: Client) -> None:
    content = fetch(client, "/data/open/global_law_enforcement.csv").decode()
    first = content.splitlines()[0]
    assert first.startswith("data_year,prosecutions,")
    assert first.endswith(",source_row,dataset,dataset_edition,attribution")
    assert not any(line.startswith("#") for line in content.splitlines())


def test_the_parquet_file_carries_its_provenance_in_its_metadata(client: Client) -> None:
    content = fetch(client, "/data/open/tier_placements.parquet")
    schema = pq.read_schema(io.BytesIO(content))
    source = json.loads(schema.metadata[b"tipmon.source"])
    dataset = Dataset.objects.get(key="tier_placements")
    assert source["dataset"] == "tier_placements"
    assert source["attribution"] == dataset.attribution
    assert source["licence"] == dataset.licence
    assert schema.field("report_year").type == pa.int64()
    assert schema.field("tier").metadata[b"description"]


def test_the_json_file_carries_its_provenance_and_fields(client: Client) -> None:
    content = json.loads(fetch(client, "/data/open/stated_totals.json"))
    assert content["meta"]["source"][0]["dataset"] == "stated_totals"
    assert content["meta"]["source"][0]["licence"]
    names = [f["name"] for f in content["meta"]["fields"]["fields"]]
    assert list(content["data"][0]) == names


def test_a_download_is_named_with_its_dataset_key(client: Client) -> None:
    response = client.get("/data/open/stated_totals.parquet")
    assert response["Content-Disposition"] == 'attachment; filename="stated_totals.parquet"'
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    body(response)


def test_an_unknown_dataset_or_format_is_not_found(client: Client) -> None:
    assert client.get("/data/open/no_such_table.csv").status_code == 404
    assert client.get("/data/open/tier_placements.xlsx").status_code == 404
