"""CMS pages: server time of the public website's Wagtail pages against a plain Django page.

Builds a throwaway SQLite database with the bundled data (see throwaway.py), seeds the site
(`tipmon site seed`), and times each request in-process with Django's test client: server
time without the network. The per-process public page cache is turned off, so every
request is rendered (the CMS pages never enter that cache; /countries would otherwise be
served from it). Reports median and p99 per page and the ratio of each median to that of
the plain Django country index (/countries) measured in the same run. Target: every CMS
page's median under 300 ms.

    make bench            # or: .venv/bin/python benchmarks/cms_pages.py --rounds 30
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from throwaway import in_process
from timing import percentile, timed_ms

PAGES = (
    "/",
    "/news/",
    "/news/country-record-open-data/",
    "/news/feed/rss/",
    "/policy-issues/forced-labour/",
    "/international-programs/",
    "/compact-partnerships/",
    "/search?q=debt+bondage",
)
BASELINE = "/countries"
TARGET_MS = 300.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="requests per page")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    os.environ["TIPMON_CACHE_ENTRIES"] = "0"
    in_process()
    from django.test import Client

    from tipmon.site.seed import seed_site

    seed_site()
    client = Client()

    def fetch(url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")

    results: dict[str, dict[str, float]] = {}
    for url in (BASELINE, *PAGES):
        fetch(url)  # warm-up: first-call imports and template loading
        samples = timed_ms(lambda url=url: fetch(url), args.rounds)
        results[url] = {
            "median_ms": statistics.median(samples),
            "p99_ms": percentile(samples, 0.99),
        }
    base = results[BASELINE]["median_ms"]
    print(
        f"CMS pages, {args.rounds} requests each, in-process (median / p99, ratio to "
        f"{BASELINE} median {base:.1f} ms)"
    )
    slow = []
    for url in PAGES:
        r = results[url]
        r["ratio"] = r["median_ms"] / base
        print(f"  {url:38} {r['median_ms']:7.1f} / {r['p99_ms']:7.1f} ms  x{r['ratio']:.2f}")
        if r["median_ms"] >= TARGET_MS:
            slow.append(url)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if slow:
        print(f"Over the {TARGET_MS:.0f} ms target: {', '.join(slow)}")
        sys.exit(1)
    print(f"Every CMS page's median is under {TARGET_MS:.0f} ms.")


if __name__ == "__main__":
    main()
