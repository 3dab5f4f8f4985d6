"""Reading the downloads back, typed by the data package's own field declarations."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyarrow.parquet as pq
from django.http import HttpResponseBase
from django.test import Client


def body(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined, no-any-return]


def fetch(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return body(response)


def typed(value: str, field: dict[str, Any]) -> Any:
    """A CSV cell as the declared type: '' is None; anything else must parse."""
    if value == "":
        return None
    if field["type"] == "integer":
        return int(value)
    if field["type"] == "boolean":
        assert value in field["trueValues"] + field["falseValues"], (field["name"], value)
        return value in field["trueValues"]
    return value


def csv_rows(content: bytes, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(content.decode("utf-8")))
    header = next(reader)
    assert header == [f["name"] for f in fields]
    return [
        {f["name"]: typed(cell, f) for f, cell in zip(fields, row, strict=True)} for row in reader
    ]


def json_rows(content: bytes) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(content)["data"]
    return data


def parquet_rows(content: bytes) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(io.BytesIO(content)).to_pylist()
    return rows
