"""Trends pages: server time of every page and of its CSV and JSON renderings.

Runs in its own throwaway SQLite database (migrated and loaded with the bundled data, as in
country_endpoints.py) and times each request in-process with Django's test client: server
time without the network. Reports median and p99 per page and rendering, and the ratio of
the median to a baseline measured in the same run (the same minimal JSON 404 as
country_endpoints.py). The server-drawn SVG is timed apart: its first call runs vl-convert
and later calls come from the cache, so it is reported as "first" and "cached".

    make bench            # or: .venv/bin/python benchmarks/trends_pages.py --rounds 20
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from throwaway import in_process
from timing import percentile, timed_ms

PAGES = (
    "/trends/",
    "/trends/transitions",
    "/trends/movers",
    "/trends/law-enforcement",
    "/trends/victims",
    "/trends/compare?country=THA&country=NPL&country=IND",
    "/trends/coverage",
    "/trends/map",
    "/trends/map?layer=victims&year=2020",
)
FORMATS = ("html", "csv", "json")
BASELINE = "/api/v1/countries/XXX"
TARGET_MS = 200.0


def with_format(url: str, fmt: str) -> str:
    if fmt == "html":
        return url
    return f"{url}{'&' if '?' in url else '?'}format={fmt}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over all pages")
    parser.add_argument("--no-svg", action="store_true", help="skip the SVG renderings")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    in_process()
    from django.conf import settings
    from django.test import Client

    # Server time to build each page: the public cache (load_pages.py measures it) stays off.
    settings.TIPMON_CACHE_ENTRIES = 0  # read when the client builds its middleware
    client = Client()

    def check(url: str, status: int) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            assert response.status_code == status, (url, response.status_code)
            return response

        return call

    urls = [with_format(page, fmt) for page in PAGES for fmt in FORMATS]
    for url in urls:  # warm template loading and per-process caches
        check(url, 200)()
    results: dict[str, list[float]] = {"baseline": []} | {url: [] for url in urls}
    for _ in range(args.rounds):
        for url in urls:
            results["baseline"] += timed_ms(check(BASELINE, 404), 1)
            results[url] += timed_ms(check(url, 200), 1)

    svg: dict[str, dict[str, float]] = {}
    if not args.no_svg:
        for page in PAGES:
            url = with_format(page, "svg")
            start = time.perf_counter()
            check(url, 200)()
            first = (time.perf_counter() - start) * 1000
            cached = timed_ms(check(url, 200), args.rounds)
            svg[url] = {
                "first_ms": round(first, 1),
                "cached_median_ms": round(statistics.median(cached), 2),
                "cached_p99_ms": round(percentile(cached, 0.99), 2),
            }

    base = statistics.median(results["baseline"])
    report = {
        "rounds": args.rounds,
        "python": sys.version.split()[0],
        "target_ms": TARGET_MS,
        "endpoints": {
            url: {
                "requests": len(samples),
                "median_ms": round(statistics.median(samples), 2),
                "p99_ms": round(percentile(samples, 0.99), 2),
                "max_ms": round(max(samples), 2),
                "median_vs_baseline": round(statistics.median(samples) / base, 1),
            }
            for url, samples in results.items()
        },
        "svg": svg,
    }
    show(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


def show(report: dict[str, object]) -> None:
    endpoints: dict[str, dict[str, float]] = report["endpoints"]  # type: ignore[assignment]
    width = max(len(url) for url in endpoints)
    print(f"{'page':<{width}} {'requests':>8} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11}")
    over = []
    for url, row in endpoints.items():
        print(
            f"{url:<{width}} {row['requests']:>8} {row['median_ms']:>10.2f} "
            f"{row['p99_ms']:>8.2f} {row['median_vs_baseline']:>11.1f}"
        )
        if url != "baseline" and row["p99_ms"] >= TARGET_MS:
            over.append(url)
    svg: dict[str, dict[str, float]] = report["svg"]  # type: ignore[assignment]
    if svg:
        print(f"\n{'svg (timed apart)':<{width}} {'first ms':>10} {'cached median':>14}")
        for url, row in svg.items():
            print(f"{url:<{width}} {row['first_ms']:>10.1f} {row['cached_median_ms']:>14.2f}")
    print(f"\ntarget: p99 under {TARGET_MS:.0f} ms for every page and rendering (not svg)")
    print("all pages meet the target" if not over else f"over the target: {', '.join(over)}")


if __name__ == "__main__":
    main()
