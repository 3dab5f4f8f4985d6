"""Evidence pipeline: accuracy on the held-out evaluation set, extraction speed per core,
and the speed-up from one to two worker processes.

- Accuracy: `tipmon evidence evaluate` on the test split (targets: figures F1 >= 0.9,
  countries F1 >= 0.95).
- Speed: every step of `run.analyse` over documents built from the evaluation passages
  (text already extracted: PDF parsing is excluded, as the target says), in passages per
  second on one core; median of the rounds. Target: >= 200 per second per core.
  Baseline in the same run: segmentation alone, the cheapest step, so the ratio shows how
  much of the budget the other steps use.
- Scaling: the same corpus analysed by a process pool of 1 and of 2 workers; the ratio of
  their throughputs (near-linear is close to 2.0 on a machine with two free cores).

    .venv/bin/python benchmarks/evidence_pipeline.py [--rounds 5] [--documents 400]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import statistics
import time

from tipmon.evidence.pipeline import evaluate, run
from tipmon.evidence.pipeline.segment import segment
from tipmon.evidence.pipeline.types import ExtractedDocument

PASSAGES_PER_DOCUMENT = 8


def corpus(documents: int) -> list[ExtractedDocument]:
    passages = [r["text"] for r in evaluate.load(split=None)]
    out = []
    for n in range(documents):
        chosen = [passages[(n * PASSAGES_PER_DOCUMENT + k) % len(passages)] for k in range(8)]
        out.append(
            ExtractedDocument(key=f"doc-{n}", media_type="text/plain", text="\n\n".join(chosen))
        )
    return out


def analyse_all(docs: list[ExtractedDocument]) -> int:
    return sum(len(run.analyse(d).passages) for d in docs)


def segment_all(docs: list[ExtractedDocument]) -> int:
    return sum(len(segment(d.text)) for d in docs)


def per_second(call: object, docs: list[ExtractedDocument], rounds: int) -> float:
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        passages = call(docs)  # type: ignore[operator]
        rates.append(passages / (time.perf_counter() - start))
    return statistics.median(rates)


def step_ms(rounds: int) -> dict[str, float]:
    """Median milliseconds per passage of each step, over the evaluation passages."""
    from tipmon.evidence.pipeline import (
        classify,
        countries,
        dates,
        dedup,
        figures,
        government,
        lang,
        pii,
    )

    texts = [r["text"] for r in evaluate.load(split=None)]
    steps = {
        "language": lambda t: lang.detect(t),
        "countries": lambda t: countries.find_countries(t),
        "government": lambda t: government.government_of(
            t, countries.find_countries(t), None, "en"
        ),
        "dates": lambda t: dates.find_dates(t, "en"),
        "pillars and criteria": lambda t: classify.classify(t, "en"),
        "figures": lambda t: figures.find_figures(t, "en"),
        "personal data": lambda t: pii.mask(t, "en"),
        "signature": lambda t: dedup.signature(t),
    }
    out = {}
    for name, step in steps.items():
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            for text in texts:
                step(text)
            samples.append((time.perf_counter() - start) * 1000 / len(texts))
        out[name] = statistics.median(samples)
    return out


def _chunk(docs: list[ExtractedDocument], size: int) -> list[list[ExtractedDocument]]:
    return [docs[i : i + size] for i in range(0, len(docs), size)]


def pool_rate(docs: list[ExtractedDocument], workers: int, rounds: int) -> float:
    rates = []
    with cf.ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(analyse_all, _chunk(docs[: workers * 4], 4)))  # warm the workers
        for _ in range(rounds):
            start = time.perf_counter()
            passages = sum(pool.map(analyse_all, _chunk(docs, 10)))
            rates.append(passages / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--documents", type=int, default=400)
    args = parser.parse_args()

    report = evaluate.evaluate(evaluate.load(split="test"))
    print(f"Accuracy on the held-out test split ({report.passages} passages):")
    print(evaluate.format_report(report).split("\n\n[")[0])
    print()

    docs = corpus(args.documents)
    run.analyse(docs[0])  # build the tables once, outside the timings
    analysed = per_second(analyse_all, docs, args.rounds)
    baseline = per_second(segment_all, docs, args.rounds)
    print(f"Extraction, one core, {args.documents} documents x {PASSAGES_PER_DOCUMENT} passages:")
    print(f"  full pipeline      {analysed:10.0f} passages/s (target >= 200)")
    print(f"  segmentation only  {baseline:10.0f} passages/s (baseline)")
    print(f"  ratio              {baseline / analysed:10.1f}x slower than segmentation")
    print()
    print("Per step, ms per passage (median; the government step includes finding countries):")
    for name, ms in step_ms(args.rounds).items():
        print(f"  {name:<22} {ms:8.3f}")
    print()
    one = pool_rate(docs, 1, args.rounds)
    two = pool_rate(docs, 2, args.rounds)
    print(f"Scaling (process pool; this machine has {os.cpu_count()} cores):")
    print(f"  1 worker           {one:10.0f} passages/s")
    print(f"  2 workers          {two:10.0f} passages/s")
    print(f"  speed-up           {two / one:10.2f}x (near-linear: close to 2)")


if __name__ == "__main__":
    main()
