"""Reading bundled CSV tables into typed rows. Pure Python: no Django import.

Every problem is a :class:`DataLoadError` naming the file, the row (the line number a
spreadsheet would show, the header being row 1) and the column.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SIDECAR_FIELDS = (
    "key", "file", "sha256", "title", "producer", "edition", "source_url",
    "accessed", "licence", "attribution", "caveats", "columns",
)  # fmt: skip


#: Field lengths the database enforces (PostgreSQL does; SQLite would not).
SIDECAR_LIMITS = {"key": 60, "title": 300, "producer": 300, "edition": 500, "source_url": 500,
                  "licence": 300, "file": 200}  # fmt: skip


class DataLoadError(Exception):
    """A table could not be read; nothing of it was loaded."""

    def __init__(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.file, self.row, self.column, self.message = file, row, column, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class CellError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        self.column = column
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Sidecar:
    """The provenance of one bundled table."""

    key: str
    file: str
    sha256: str
    title: str
    producer: str
    edition: str
    source_url: str
    accessed: date
    licence: str
    attribution: str
    caveats: str
    columns: dict[str, str] = field(default_factory=dict)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_sidecar(csv_path: Path) -> Sidecar:
    """Read ``NAME.meta.json`` beside ``NAME.csv`` and check the CSV against its checksum."""
    meta_path = csv_path.with_suffix(".meta.json")
    if not meta_path.exists():
        raise DataLoadError(meta_path.name, None, None, "provenance sidecar is missing")
    try:
        raw = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataLoadError(meta_path.name, None, None, f"not valid JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataLoadError(meta_path.name, None, None, "must hold a JSON object")
    missing = [name for name in SIDECAR_FIELDS if name not in raw]
    if missing:
        raise DataLoadError(meta_path.name, None, missing[0], "field is missing")
    try:
        accessed = date.fromisoformat(str(raw["accessed"]))
    except ValueError as exc:
        raise DataLoadError(meta_path.name, None, "accessed", "not an ISO date") from exc
    actual = sha256_of(csv_path)
    if actual != raw["sha256"]:
        raise DataLoadError(
            csv_path.name, None, None,
            f"sha256 is {actual}, but its sidecar records {raw['sha256']}: update the "
            "sidecar's provenance together with the data",
        )  # fmt: skip
    for name, limit in SIDECAR_LIMITS.items():
        if len(str(raw[name])) > limit:
            raise DataLoadError(meta_path.name, None, name, f"is longer than {limit} characters")
    values = {name: raw[name] for name in SIDECAR_FIELDS} | {"accessed": accessed}
    return Sidecar(**values)


class Cells:
    """Typed access to one CSV row; every failure names its column."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    def text(self, column: str, *, required: bool = True, max_length: int = 10_000) -> str:
        value = " ".join(self._values[column].split()) if self._values[column] else ""
        if required and not value:
            raise CellError(column, "is empty, but a value is required")
        if len(value) > max_length:
            raise CellError(column, f"is {len(value)} characters long; the limit is {max_length}")
        return value

    def integer(self, column: str, *, minimum: int = 0, maximum: int = 10**12) -> int:
        value = self.optional_integer(column, minimum=minimum, maximum=maximum)
        if value is None:
            raise CellError(column, "is empty, but a whole number is required")
        return value

    def optional_integer(
        self, column: str, *, minimum: int = 0, maximum: int = 10**12
    ) -> int | None:
        raw = self._values[column].strip()
        if not raw:
            return None
        if not raw.isascii() or not raw.isdigit():
            raise CellError(column, f"{raw!r} is not a whole number")
        value = int(raw)
        if not minimum <= value <= maximum:
            raise CellError(column, f"{value} is outside {minimum}..{maximum}")
        return value

    def flag(self, column: str) -> bool | None:
        """1 or 0; an empty cell means the source does not say (None)."""
        raw = self._values[column].strip()
        if raw not in {"0", "1", ""}:
            raise CellError(column, f"{raw!r} is not 0, 1 or empty")
        return None if raw == "" else raw == "1"

    def parsed(self, column: str, parse: Callable[[str], T]) -> T:
        try:
            return parse(self._values[column])
        except ValueError as exc:
            raise CellError(column, str(exc)) from exc


def _records(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header = next(reader, None)
        if header is None:
            raise DataLoadError(path.name, 1, None, "the file is empty; a header row is required")
        if tuple(header) != columns:
            problem = next(
                (f"expected {c!r}" for c, h in zip(columns, header, strict=False) if c != h),
                f"expected {len(columns)} columns, found {len(header)}",
            )
            raise DataLoadError(path.name, 1, None, f"header does not match: {problem}")
        # Rows are counted as records (a spreadsheet's row numbers), not physical lines:
        # a quoted cell may span several lines.
        for row, values in enumerate(reader, start=2):
            if len(values) != len(columns):
                raise DataLoadError(
                    path.name, row, None, f"has {len(values)} cells; expected {len(columns)}"
                )
            yield row, dict(zip(columns, values, strict=True))


def read_rows(path: Path, columns: tuple[str, ...], parse: Callable[[Cells, int], T]) -> list[T]:
    """Parse every row, or raise the first problem with file, row and column."""
    rows: list[T] = []
    try:
        for row_number, values in _records(path, columns):
            try:
                rows.append(parse(Cells(values), row_number))
            except CellError as exc:
                raise DataLoadError(path.name, row_number, exc.column, str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise DataLoadError(path.name, None, None, f"not UTF-8 text: {exc.reason}") from exc
    except csv.Error as exc:
        raise DataLoadError(path.name, None, None, f"not well-formed CSV: {exc}") from exc
    return rows


def check_unique(
    rows: list[T], key: Callable[[T], object], row_of: Callable[[T], int], file: str, column: str
) -> None:
    """Raise on the first row whose key repeats an earlier row's."""
    seen: dict[object, int] = {}
    for item in rows:
        value = key(item)
        if value in seen:
            raise DataLoadError(
                file, row_of(item), column, f"repeats row {seen[value]} ({value!r})"
            )
        seen[value] = row_of(item)
