"""Assistance targeting: score and optimize 200 countries x 6 program types.

Pure Python and HiGHS, no database. Inputs are random but seeded and shaped like the
real thing: skewed victim counts and prior funding, a fifth of countries on Tier 3 (some
waived), two government programs among six, regional floors and a country cap. Reports
the median and p99 over repeated runs, and ratios against a baseline measured in the
same run (building the model without solving it). Target: optimize under 1 s.

    .venv/bin/python benchmarks/targeting.py [--repeat 15] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics

from timing import percentile, timed_ms

from tipmon.assistance.targeting import (
    Bureau,
    Channel,
    Constraints,
    CountryIndicators,
    Problem,
    ProgramType,
    Weights,
    optimize,
    score,
    targets,
)
from tipmon.assistance.targeting.model import build
from tipmon.tiers.rules import Tier

PROGRAMS = (
    ProgramType("gov-justice", "Criminal justice capacity", Channel.GOVERNMENT, 250_000, 1_500_000),
    ProgramType("gov-policy", "Policy and legislation", Channel.GOVERNMENT, 100_000, 750_000),
    ProgramType("ngo-protect", "Victim protection", Channel.CIVIL_SOCIETY, 200_000, 1_000_000),
    ProgramType("ngo-prevent", "Prevention", Channel.CIVIL_SOCIETY, 150_000, 800_000, 0.9),
    ProgramType("io-migration", "Safe migration", Channel.CIVIL_SOCIETY, 300_000, 2_000_000),
    ProgramType("hum-shelter", "Emergency shelter", Channel.HUMANITARIAN, 100_000, 500_000, 1.1),
)
LADDER = [Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3]


def countries(n: int, seed: int) -> list[CountryIndicators]:
    rng = random.Random(seed)  # noqa: S311 (seeded test data, not secrets)
    out = []
    for i in range(n):
        code = "".join(chr(65 + (i // 26**k) % 26) for k in range(3))
        step = rng.choices(range(4), weights=[2, 4, 3, 2])[0]
        history = {}
        for year in range(2021, 2026):
            step = min(3, max(0, step + rng.choice([-1, 0, 0, 0, 1])))
            history[year] = LADDER[step]
        out.append(
            CountryIndicators(
                code,
                f"Country {code}",
                list(Bureau)[i % 6],
                history[2025],
                history,
                victims_detected=None if rng.random() < 0.15 else rng.lognormvariate(5, 2),
                recommendations_implemented=None if rng.random() < 0.2 else rng.random(),
                capacity=rng.random(),
                prior_funding_usd=None if rng.random() < 0.1 else rng.lognormvariate(13, 1.5),
                t3_waiver=rng.random() < 0.25,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data = countries(200, args.seed)
    scores = score(data, Weights())
    floors = {Bureau.AF: 25_000_000, Bureau.WHA: 12_000_000, Bureau.SCA: 10_000_000}
    problems = {
        "optimize": Problem(
            targets(data, scores),
            PROGRAMS,
            Constraints(budget=120_000_000, regional_floors=floors, default_country_cap=3_000_000),
        ),
        "optimize_tight": Problem(
            targets(data, scores),
            PROGRAMS,
            Constraints(budget=30_000_000, regional_floors={Bureau.AF: 9_000_000}),
        ),
    }
    first = optimize(problems["optimize"])
    results = {
        "baseline_build": timed_ms(lambda: build(problems["optimize"]), args.repeat),
        "score": timed_ms(lambda: score(data, Weights()), args.repeat),
        **{
            name: timed_ms(lambda p=problem: optimize(p), args.repeat)  # type: ignore[misc]
            for name, problem in problems.items()
        },
    }
    base = statistics.median(results["baseline_build"])
    cells = len(data) * len(PROGRAMS)
    print(f"{len(data)} countries x {len(PROGRAMS)} program types = {cells} cells")
    print(
        f"allocated ${first.total:,.0f} of ${first.budget:,.0f}; {first.status}, "
        f"gap {first.mip_gap:.1e}; binding: {', '.join(c.name for c in first.binding())}"
    )
    print(f"{'measure':<16} {'runs':>6} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11}")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(
            f"{name:<16} {len(samples):>6} {median:>10.1f} {percentile(samples, 0.99):>8.1f} "
            f"{median / base:>11.2f}"
        )
    print("target: optimize under 1000 ms")


if __name__ == "__main__":
    main()
