"""Country profile page and API country endpoint: server time over the 200 countries.

Runs in its own throwaway SQLite database under a temporary TIPMON_VAR_DIR (migrated and
loaded with the bundled data), then times each request in-process with Django's test
client, which measures server time without the network. Reports median and p99 per
endpoint, and their ratio to a baseline measured in the same run (a minimal JSON 404
through the same middleware), so results from noisy machines stay comparable.

    make bench            # or: .venv/bin/python benchmarks/country_endpoints.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from throwaway import plain_static_files
from timing import percentile, timed_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over all countries")
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="tipmon-bench-")
    os.environ["TIPMON_VAR_DIR"] = var
    os.environ.pop("TIPMON_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
    import django

    django.setup()
    import tipmon.wsgi  # noqa: F401  (loads the application and freezes its heap, as gunicorn does)

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the baseline is a 404
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    plain_static_files()
    settings.ALLOWED_HOSTS = ["testserver"]
    # Server time to build each answer: the public cache (load_pages.py measures it) stays off.
    settings.TIPMON_CACHE_ENTRIES = 0  # read when the client builds its middleware
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("data", "load", verbosity=0, stdout=quiet)
    from tipmon.countries.models import Country

    codes = list(
        Country.objects.filter(tip_covered=True).values_list("iso3", flat=True)[: args.countries]
    )
    client = Client()

    def check(url: str, status: int) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            assert response.status_code == status, (url, response.status_code)
            return response

        return call

    for code in codes[:5]:  # warm caches and template loading
        check(f"/countries/{code}", 200)()
        check(f"/api/v1/countries/{code}", 200)()

    results: dict[str, list[float]] = {"baseline": [], "profile_page": [], "api_country": []}
    for _ in range(args.rounds):
        for code in codes:
            results["baseline"] += timed_ms(check("/api/v1/countries/XXX", 404), 1)
            results["profile_page"] += timed_ms(check(f"/countries/{code}", 200), 1)
            results["api_country"] += timed_ms(check(f"/api/v1/countries/{code}", 200), 1)

    base = statistics.median(results["baseline"])
    report = {
        "countries": len(codes),
        "rounds": args.rounds,
        "python": sys.version.split()[0],
        "endpoints": {
            name: {
                "requests": len(samples),
                "median_ms": round(statistics.median(samples), 2),
                "p99_ms": round(percentile(samples, 0.99), 2),
                "max_ms": round(max(samples), 2),
                "median_vs_baseline": round(statistics.median(samples) / base, 2),
            }
            for name, samples in results.items()
        },
    }
    print(f"{'endpoint':<14} {'requests':>8} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11}")
    for name, row in report["endpoints"].items():  # type: ignore[union-attr]
        print(
            f"{name:<14} {row['requests']:>8} {row['median_ms']:>10.2f} {row['p99_ms']:>8.2f} "
            f"{row['median_vs_baseline']:>11.2f}"
        )
    print("target: p99 under 50 ms for profile_page and api_country")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
