"""Server-side request times from gunicorn's access log, in the format load_api.py sets.

Locust times a request from the client: waiting in the listen queue, the connection and the
client's own scheduling included. Gunicorn's ``%(M)s`` is the time the worker spent on the
request, in whole milliseconds, from reading it to sending the last byte. Both are reported.
"""

from __future__ import annotations

from collections.abc import Iterable

#: gunicorn --access-logformat: milliseconds, status, path and query string.
ACCESS_FORMAT = "%(M)s %(s)s %(U)s?%(q)s"


class AccessLogError(ValueError):
    """A line that is not in ACCESS_FORMAT."""


def request_times(lines: Iterable[str]) -> dict[str, list[float]]:
    """Milliseconds per request URL (path, and ``?query`` when there is one)."""
    times: dict[str, list[float]] = {}
    for number, line in enumerate(lines, start=1):
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts[:2]):
            raise AccessLogError(f"line {number}: not 'milliseconds status url': {line[:80]!r}")
        url = parts[2].removesuffix("?")
        times.setdefault(url, []).append(float(parts[0]))
    return times
