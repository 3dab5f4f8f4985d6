"""The one JSON envelope of API v1.

Success: ``{"ok": true, "data": ..., "meta": {"source": [...], "page": {...}}}``.
Failure: ``{"ok": false, "error": {"code": ..., "message": ..., "details": ...}}``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any, Generic, Literal, TypeVar

from django.http import HttpResponse
from ninja import Schema

from tipmon.core.provenance import DatasetRef

T = TypeVar("T")


class SourceOut(Schema):
    dataset: str
    title: str
    producer: str
    edition: str
    accessed: str
    licence: str
    attribution: str
    caveats: str
    url: str


class PageOut(Schema):
    page: int
    page_size: int
    total: int
    pages: int


class MetaOut(Schema):
    source: list[SourceOut]
    page: PageOut | None = None


class Envelope(Schema, Generic[T]):
    ok: Literal[True] = True
    data: T
    meta: MetaOut


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] | None = None


class ErrorEnvelope(Schema):
    ok: Literal[False] = False
    error: ErrorOut


ERRORS: dict[int, type[ErrorEnvelope]] = {400: ErrorEnvelope, 404: ErrorEnvelope}

#: For routes that also answer ``format=csv``: the OpenAPI document says so.
CSV_DOWNLOAD: dict[str, object] = {
    "responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}
}


def meta(*sources: DatasetRef, page: PageOut | None = None) -> dict[str, Any]:
    return {"source": [s.as_json() for s in sources], "page": page}


def ok(data: Any, *sources: DatasetRef, page: PageOut | None = None) -> dict[str, Any]:
    return {"ok": True, "data": data, "meta": meta(*sources, page=page)}


def error(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message, "details": details}}


def paginate(items: Sequence[T], page: int, page_size: int) -> tuple[Sequence[T], PageOut]:
    total = len(items)
    pages = max(1, math.ceil(total / page_size))
    start = (page - 1) * page_size
    return items[start : start + page_size], PageOut(
        page=page, page_size=page_size, total=total, pages=pages
    )


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], source: DatasetRef
) -> HttpResponse:
    """A CSV download whose every row carries its dataset and edition."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*header, "dataset", "dataset_edition", "attribution"])
    for row in rows:
        writer.writerow(
            ["" if v is None else v for v in row] + [source.key, source.edition, source.attribution]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
