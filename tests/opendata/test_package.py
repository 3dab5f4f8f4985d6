"""The data package describes every download truthfully, the pages list every dataset, and
anyone can fetch all of it."""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.test import Client

from opendata.downloads import body, csv_rows, fetch
from tipmon.data.models import Dataset

pytestmark = pytest.mark.django_db

OPENDATA = Path(__file__).resolve().parents[2] / "src" / "tipmon" / "opendata"
ARROW_TYPES = {"integer": pa.int64(), "string": pa.string(), "boolean": pa.bool_()}
PYTHON_TYPES = {"integer": int, "string": str, "boolean": bool}


def package(client: Client) -> dict[str, Any]:
    return json.loads(fetch(client, "/data/open/datapackage.json"))  # type: ignore[no-any-return]


def check_value(value: Any, field: dict[str, Any]) -> None:
    name = field["name"]
    constraints = field.get("constraints", {})
    if value is None:
        assert not constraints.get("required"), f"{name} is declared required but is empty"
        assert field.get("emptyMeans"), f"{name} is empty but the package never says why"
        return
    assert type(value) is PYTHON_TYPES[field["type"]], (name, value)
    if "enum" in constraints:
        assert value in constraints["enum"], (name, value)


def test_every_resource_holds_exactly_its_declared_columns_and_types(client: Client) -> None:
    for resource in package(client)["resources"]:
        fields = resource["schema"]["fields"]
        content = fetch(client, f"/data/open/{resource['path']}")
        if resource["format"] == "csv":
            rows = csv_rows(content, fields)  # checks the header and parses every cell
        elif resource["format"] == "json":
            rows = json.loads(content)["data"]
            assert all(list(r) == [f["name"] for f in fields] for r in rows)
        else:
            table = pq.read_table(io.BytesIO(content))
            assert table.schema.names == [f["name"] for f in fields]
            for f in fields:
                assert table.schema.field(f["name"]).type == ARROW_TYPES[f["type"]], f["name"]
            rows = table.to_pylist()
        assert len(rows) == resource["rows"], resource["name"]
        for row in rows:
            for field in fields:
                check_value(row[field["name"]], field)


def test_the_package_lists_every_dataset_in_three_formats_with_licence_and_source(
    client: Client,
) -> None:
    descriptor = package(client)
    assert descriptor["profile"] == "tabular-data-package"
    names = {r["name"] for r in descriptor["resources"]}
    for dataset in Dataset.objects.all():
        assert {dataset.key, f"{dataset.key}-json", f"{dataset.key}-parquet"} <= names
    for resource in descriptor["resources"]:
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"])
        assert resource["licenses"][0]["title"]
        assert resource["sources"][0]["title"]
        assert resource["attribution"]
    unodc = next(r for r in descriptor["resources"] if r["name"] == "unodc_glotip_totals")
    sha = Dataset.objects.get(key="unodc_glotip_totals").sha256
    assert unodc["sources"][0]["sha256"] == sha
    value = next(f for f in unodc["schema"]["fields"] if f["name"] == "value")
    assert "never read it as zero" in value["emptyMeans"]
    assert value["unit"]


def test_the_open_data_page_shows_every_dataset_with_its_provenance(client: Client) -> None:
    page = client.get("/data/open").content.decode()
    for dataset in Dataset.objects.all():
        assert f'id="{dataset.key}"' in page
        assert dataset.sha256 in page
        assert f"{dataset.row_count:,}" in page
        for fmt in ("csv", "json", "parquet"):
            assert f'href="/data/open/{dataset.key}.{fmt}"' in page
    assert 'href="/data/open/datapackage.json"' in page
    assert 'href="/data/open/dictionary"' in page


def test_the_dictionary_page_explains_every_column_and_censoring(client: Client) -> None:
    page = client.get("/data/open/dictionary").content.decode()
    for resource in package(client)["resources"]:
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page
    assert "never zero" in page


def test_an_anonymous_reader_can_fetch_every_page_and_file(client: Client) -> None:
    page = client.get("/data/open").content.decode()
    links = set(re.findall(r'href="(/data/open[^"#]*)"', page))
    assert len(links) >= 3 * Dataset.objects.count() + 2
    for link in sorted(links):
        response = client.get(link)
        assert response.status_code == 200, link
        body(response)


def test_a_file_answers_not_modified_to_its_own_etag(client: Client) -> None:
    first = client.get("/data/open/stated_totals.csv")
    body(first)
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get("/data/open/stated_totals.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    other_format = client.get("/data/open/stated_totals.json")
    assert other_format["ETag"] != first["ETag"]
    body(other_format)


def test_a_changed_dataset_gets_a_new_etag_and_a_new_file(client: Client) -> None:
    first = client.get("/data/open/stated_totals.csv")
    before = body(first)
    dataset = Dataset.objects.get(key="stated_totals")
    dataset.edition = "A later edition"
    dataset.sha256 = "0" * 64
    dataset.save()
    changed = client.get("/data/open/stated_totals.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    after = body(changed)
    assert after != before
    assert b",A later edition," in after


def test_a_generated_file_is_kept_and_reused(client: Client, tmp_path: Path) -> None:
    body(client.get("/data/open/global_law_enforcement.parquet"))
    files = list((tmp_path / "opendata").glob("global_law_enforcement.*.parquet"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    body(client.get("/data/open/global_law_enforcement.parquet"))
    assert files[0].stat().st_mtime_ns == stamp


@pytest.mark.parametrize("module", ["dictionary.py", "formats.py"])
def test_the_dictionary_and_the_writers_import_no_django(module: str) -> None:
    tree = ast.parse((OPENDATA / module).read_text())
    for node in ast.walk(tree):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        )
        assert not any(n.split(".")[0] == "django" for n in names), module


def test_the_sources_page_points_to_the_open_data(client: Client) -> None:
    assert 'href="/data/open"' in client.get("/data/sources").content.decode()
