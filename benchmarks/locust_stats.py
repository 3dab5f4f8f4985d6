"""Read the per-endpoint table locust writes with ``--csv PREFIX`` (``PREFIX_stats.csv``).

Locust's percentiles are approximations: times are kept in buckets (whole milliseconds up
to 100 ms, tens of milliseconds up to 1 s, hundreds above), so a p99 of "50" means
"between 49.5 and 50.5 ms" and one of "110" means "between 105 and 115 ms".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

#: The columns this module reads; locust writes more (66%, 75%, ..., 100%).
COLUMNS = (
    "Name",
    "Request Count",
    "Failure Count",
    "Median Response Time",
    "95%",
    "99%",
    "Requests/s",
)
AGGREGATED = "Aggregated"


class StatsFormatError(ValueError):
    """The file is not a locust stats table this module understands."""


@dataclass(frozen=True, slots=True)
class EndpointStats:
    name: str
    requests: int
    failures: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    requests_per_s: float

    @property
    def failure_share(self) -> float:
        return self.failures / self.requests if self.requests else 0.0


def _number(row: dict[str, str], column: str, line: int) -> float:
    raw = row[column]
    if raw in {"", "N/A"}:  # locust writes N/A for percentiles of an endpoint with no requests
        return 0.0
    try:
        return float(raw)
    except ValueError:
        raise StatsFormatError(f"line {line}, column {column!r}: {raw!r} is not a number") from None


def parse_stats(text: str) -> dict[str, EndpointStats]:
    """Rows of a ``_stats.csv`` by endpoint name (the total under ``"Aggregated"``)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _rows(reader)
    except csv.Error as error:
        raise StatsFormatError(f"line {reader.line_num}: not CSV ({error})") from None


def _rows(reader: csv.DictReader[str]) -> dict[str, EndpointStats]:
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise StatsFormatError(f"not a locust stats table: no column {', '.join(missing)}")
    stats: dict[str, EndpointStats] = {}
    for row in reader:
        line = reader.line_num
        if None in row.values():
            raise StatsFormatError(f"line {line}: fewer cells than columns")
        stats[row["Name"]] = EndpointStats(
            name=row["Name"],
            requests=int(_number(row, "Request Count", line)),
            failures=int(_number(row, "Failure Count", line)),
            median_ms=_number(row, "Median Response Time", line),
            p95_ms=_number(row, "95%", line),
            p99_ms=_number(row, "99%", line),
            requests_per_s=_number(row, "Requests/s", line),
        )
    return stats
