"""Tier engine: the full replay of every country 2001-2025, and one proposed-tier check.

Pure Python, no database: the bundled placements are read from the CSV. Reports the
median and p99 over repeated runs, and ratios against a baseline measured in the same run
(building the histories from the parsed rows, the work every replay starts from).
Targets: full replay under 1 s; a single check under 1 ms.

    .venv/bin/python benchmarks/tier_engine.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import csv
import statistics
from collections import defaultdict
from pathlib import Path

from timing import percentile, timed_ms

from tipmon.tiers.rules import Findings, Tier, decide, replay

CSV = Path(__file__).resolve().parents[1] / "src/tipmon/data/bundled/tier_placements.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = [(r["iso3"], int(r["report_year"]), Tier(r["tier"])) for r in csv.DictReader(handle)]

    def build() -> dict[str, dict[int, Tier | None]]:
        histories: dict[str, dict[int, Tier | None]] = defaultdict(dict)
        for iso3, year, tier in rows:
            histories[iso3][year] = tier
        return histories

    histories = build()
    algeria = histories["DZA"]
    results = {
        "baseline_build": timed_ms(build, args.repeat),
        "full_replay": timed_ms(lambda: replay(histories, 2001, 2025), args.repeat),
        "single_check": timed_ms(
            lambda: decide(algeria, 2026, Tier.TIER_2_WATCH_LIST, Findings(waiver_granted=True)),
            args.repeat * 50,
        ),
    }
    base = statistics.median(results["baseline_build"])
    print(f"{len(histories)} countries, {len(rows)} placements")
    print(f"{'measure':<16} {'runs':>6} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11}")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"{name:<16} {len(samples):>6} {median:>10.3f} {percentile(samples, 0.99):>8.3f} "
              f"{median / base:>11.2f}")  # fmt: skip
    print("targets: full_replay under 1000 ms; single_check under 1 ms")


if __name__ == "__main__":
    main()
