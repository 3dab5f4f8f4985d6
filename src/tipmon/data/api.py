"""/api/v1/datasets: the provenance of every bundled table."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from tipmon.api.envelope import ERRORS, Envelope, SourceOut, ok
from tipmon.data.services import all_datasets

router = Router(tags=["datasets"])


class DatasetOut(SourceOut):
    rows: int
    file: str


@router.get("", response={200: Envelope[list[DatasetOut]], **ERRORS})
def datasets(request: HttpRequest) -> dict[str, Any]:
    """Every bundled table with producer, edition, access date, licence and caveats."""
    loaded = all_datasets()
    items = [ref.as_json() | {"rows": rows, "file": name} for ref, rows, name in loaded]
    return ok(items, *(ref for ref, _, _ in loaded))
