"""Scores the pipeline against an annotated evaluation set (docs/evidence-annotation.md).

Each field is scored as precision, recall and F1 over (passage, value) pairs, micro-averaged:
countries (ISO3 codes), government (one code or none), pillars, criteria, and figures
(metric, form, period, value; a figure counts only when all four match).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipmon.evidence.pipeline.run import Prediction, predict

FIELDS = ("countries", "government", "pillars", "criteria", "figures")
EVALUATION_DIR = Path(__file__).resolve().parent.parent / "evaluation"


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, gold: Counter[Any], found: Counter[Any]) -> None:
        hit = sum((gold & found).values())
        self.true_positives += hit
        self.false_positives += sum(found.values()) - hit
        self.false_negatives += sum(gold.values()) - hit

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    passages: int = 0
    by_field: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    by_language: dict[str, dict[str, Score]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        def table(scores: dict[str, Score]) -> dict[str, dict[str, float]]:
            return {
                name: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "support": s.true_positives + s.false_negatives,
                }
                for name, s in scores.items()
            }

        return {
            "passages": self.passages,
            "fields": table(self.by_field),
            "languages": {lang: table(t) for lang, t in sorted(self.by_language.items())},
        }


def load(paths: Iterable[Path] | None = None, split: str | None = "test") -> list[dict[str, Any]]:
    """The records of the evaluation files (all ``passages-*.jsonl`` by default), of one
    split (``None``: every split). A malformed line raises ValueError naming file and line."""
    records = []
    for path in sorted(paths or EVALUATION_DIR.glob("passages-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record["gold"]["figures"], list):
                    raise TypeError("gold.figures must be a list")
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path.name}, line {number}: not a valid record ({exc})") from exc
            if split is None or record.get("split") == split:
                records.append(record)
    return records


def _gold_sets(gold: dict[str, Any]) -> dict[str, Counter[Any]]:
    return {
        "countries": Counter(set(gold["countries"])),
        "government": Counter([gold["government"]] if gold.get("government") else []),
        "pillars": Counter(set(gold["pillars"])),
        "criteria": Counter(set(gold["criteria"])),
        "figures": Counter(
            (f["metric"], f["form"], f["period"], int(f["value"])) for f in gold["figures"]
        ),
    }


def _found_sets(p: Prediction) -> dict[str, Counter[Any]]:
    return {
        "countries": Counter(set(p.countries)),
        "government": Counter([p.government] if p.government else []),
        "pillars": Counter(set(p.pillars)),
        "criteria": Counter(set(p.criteria)),
        "figures": Counter((f.metric, f.form, f.period, f.value) for f in p.figures),
    }


def evaluate(
    records: Iterable[dict[str, Any]],
    predictor: Callable[[str, str | None], Prediction] = predict,
) -> Report:
    report = Report()
    for record in records:
        report.passages += 1
        gold = _gold_sets(record["gold"])
        found = _found_sets(predictor(record["text"], record.get("context_country")))
        per_language = report.by_language.setdefault(
            record.get("language", "und"), {f: Score() for f in FIELDS}
        )
        for name in FIELDS:
            report.by_field[name].add(gold[name], found[name])
            per_language[name].add(gold[name], found[name])
            if gold[name] != found[name]:
                report.errors.append(
                    {
                        "id": record.get("id"),
                        "field": name,
                        "missed": sorted(map(str, (gold[name] - found[name]).elements())),
                        "extra": sorted(map(str, (found[name] - gold[name]).elements())),
                    }
                )
    return report


def _row(name: str, s: dict[str, float]) -> str:
    return (
        f"{name:<12} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} {s['support']:>8}"
    )


def format_report(report: Report) -> str:
    header = f"{'field':<12} precision  recall     F1  support"
    data = report.as_json()
    lines = [f"{report.passages} passages", "", header]
    lines += [_row(name, s) for name, s in data["fields"].items()]
    for language, table in data["languages"].items():
        lines += ["", f"[{language}]", header]
        lines += [_row(name, s) for name, s in table.items()]
    return "\n".join(lines)
