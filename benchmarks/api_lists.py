"""API list endpoints: server time of each request the load test sends, one at a time.

The same requests as benchmarks/load_api.py (found in the OpenAPI document by api_plan.py),
timed in-process with Django's test client in a throwaway database, several rounds. Under
load every request also waits for a worker and a core; this is what each one costs once it
has them. Reports median and p99 and the ratio of the median to the baseline's (the JSON
404 the load test uses too). The API cache is turned off here (``--cached`` turns it on), so
the figures are what building each answer costs: a cache miss.

    make bench            # or: .venv/bin/python benchmarks/api_lists.py --rounds 30
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from api_plan import plan
from throwaway import in_process
from timing import percentile, timed_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="passes over all requests")
    parser.add_argument("--cached", action="store_true", help="time answers from the API cache")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    in_process()
    from django.conf import settings
    from django.test import Client

    if not args.cached:
        settings.TIPMON_CACHE_ENTRIES = 0  # read when the client builds its middleware

    from tipmon.api.v1 import api

    client = Client()
    requests = plan(api.get_openapi_schema())
    for request in requests:  # warm per-process caches, and check each answers as planned
        status = client.get(request.url).status_code
        assert status == request.status, (request.url, status)
    results: dict[str, list[float]] = {r.name: [] for r in requests}
    for _ in range(args.rounds):
        for request in requests:
            results[request.name] += timed_ms(lambda url=request.url: client.get(url), 1)

    base = statistics.median(results[requests[0].name])
    report = {
        "rounds": args.rounds,
        "api_cache": args.cached,
        "python": sys.version.split()[0],
        "endpoints": {
            name: {
                "median_ms": round(statistics.median(samples), 2),
                "p99_ms": round(percentile(samples, 0.99), 2),
                "median_vs_baseline": round(statistics.median(samples) / base, 1),
            }
            for name, samples in results.items()
        },
    }
    width = max(len(name) for name in results)
    print(f"{'request':<{width}} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11}")
    for name, row in report["endpoints"].items():  # type: ignore[union-attr]
        print(
            f"{name:<{width}} {row['median_ms']:>10.2f} {row['p99_ms']:>8.2f} "
            f"{row['median_vs_baseline']:>11.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
