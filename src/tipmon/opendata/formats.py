"""Writing a table as CSV, JSON or Parquet, with its provenance inside each file.

Pure Python (and pyarrow): no Django import. The rows arrive as tuples in the order of
:attr:`ResourceKind.columns`, provenance columns included.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from tipmon.core.provenance import DatasetRef
from tipmon.opendata.dictionary import (
    FALSE_VALUES,
    TRUE_VALUES,
    FieldType,
    Format,
    ResourceKind,
    table_schema,
)


@dataclass(frozen=True, slots=True)
class Table:
    kind: ResourceKind
    source: DatasetRef
    rows: Sequence[tuple[Any, ...]]


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return TRUE_VALUES[0]
    if value is False:
        return FALSE_VALUES[0]
    return value


def to_csv(table: Table) -> bytes:
    """A header line, then one line per row; no comment lines, so any CSV reader copes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.kind.column_names)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def to_json(table: Table) -> bytes:
    names = table.kind.column_names
    body = {
        "meta": {"source": [table.source.as_json()], "fields": table_schema(table.kind)},
        "data": [dict(zip(names, row, strict=True)) for row in table.rows],
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_ARROW_TYPES: dict[FieldType, Any] = {
    "integer": pa.int64(),
    "string": pa.string(),
    "boolean": pa.bool_(),
}


def arrow_schema(table: Table) -> Any:
    fields = [
        pa.field(
            f.name,
            _ARROW_TYPES[f.type],
            nullable=not f.required,
            metadata={"description": f.description, "unit": f.unit, "empty_means": f.empty},
        )
        for f in table.kind.columns
    ]
    metadata = {
        "tipmon.source": json.dumps(table.source.as_json(), ensure_ascii=False),
        "tipmon.dataset": table.source.key,
        "tipmon.kind": table.kind.name,
    }
    return pa.schema(fields, metadata=metadata)


def to_parquet(table: Table) -> bytes:
    schema = arrow_schema(table)
    columns = list(zip(*table.rows, strict=True)) if table.rows else [()] * len(schema)
    arrays = [pa.array(list(c), type=f.type) for c, f in zip(columns, schema, strict=True)]
    arrow_table = pa.Table.from_arrays(arrays, schema=schema)
    sink = io.BytesIO()
    pq.write_table(arrow_table, sink, compression="zstd")
    return sink.getvalue()


WRITERS: dict[Format, Callable[[Table], bytes]] = {
    "csv": to_csv,
    "json": to_json,
    "parquet": to_parquet,
}
