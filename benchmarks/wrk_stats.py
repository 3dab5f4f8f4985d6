"""Read what ``wrk --latency`` prints: requests, errors, latency percentiles, throughput.

wrk measures every request's latency exactly (an HdrHistogram) and prints the 50th, 75th,
90th and 99th percentiles with a unit (us, ms or s). Requests answered with a status other
than 2xx or 3xx are counted on their own line; the baseline is a 404 on purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m),", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s*(\d+)", re.MULTILINE)
_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)


class WrkFormatError(ValueError):
    """The text is not wrk's --latency report."""


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    seconds: float
    non_2xx: int
    socket_errors: int
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p99_ms: float

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def parse_wrk(text: str) -> WrkResult:
    found = {int(p): float(v) * UNITS_MS[u] for p, v, u in _PERCENTILE.findall(text)}
    missing = [p for p in (50, 75, 90, 99) if p not in found]
    if missing:
        raise WrkFormatError(f"no {missing[0]}% latency line (run wrk with --latency)")
    total = _REQUESTS.search(text)
    if total is None:
        raise WrkFormatError("no 'N requests in T' line")
    non_2xx = _NON_2XX.search(text)
    errors = _SOCKET_ERRORS.search(text)
    return WrkResult(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * UNITS_MS[total.group(3)] / 1000.0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(g) for g in errors.groups()) if errors else 0,
        p50_ms=found[50],
        p75_ms=found[75],
        p90_ms=found[90],
        p99_ms=found[99],
    )
