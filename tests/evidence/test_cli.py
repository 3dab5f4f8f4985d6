"""`tipmon evidence extract` and `tipmon evidence evaluate` on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tipmon.evidence.pipeline import evaluate

GOVERNMENT_REPORT = """Annual report on combating trafficking in persons

During the reporting period, the Ministry of Interior of Senegal opened 38 investigations
into trafficking cases, compared with 21 the previous year. Prosecutors charged nineteen
suspects, and courts in Dakar convicted 11 traffickers, including 4 for forced begging.

The government identified 412 potential victims, most of them Senegalese and Guinean
children forced to beg, and referred all of them to shelters run with civil society.
"""


def _extract(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("evidence", "extract", str(path), *args, stdout=out)
    return out.getvalue()


def test_extract_prints_each_passage_with_figures_and_their_spans(db: None, tmp_path: Path) -> None:
    path = tmp_path / "senegal.txt"
    path.write_text(GOVERNMENT_REPORT, encoding="utf-8")
    data = json.loads(_extract(path, "--format", "json", "--country", "SEN"))
    text = path.read_text(encoding="utf-8")
    passages = data["passages"]
    assert passages
    found = {(f["metric"], f["form"], f["value"]): f for p in passages for f in p["figures"]}
    previous = {(f["metric"], f["value"]) for p in passages for f in p["previous_year_figures"]}
    assert ("investigations", "total", 38) in found
    assert ("investigations", 21) in previous
    assert ("prosecutions", "total", 19) in found
    for p in passages:
        span = p["span"]
        assert text[span["start"] : span["end"]] == p["text"]
        for f in p["figures"]:
            assert text[f["span"]["start"] : f["span"]["end"]] == f["surface"]
    first = next(p for p in passages if p["figures"])
    assert first["government"] == "SEN"
    assert "prosecution" in {x["id"] for x in first["pillars"]}
    assert "SEN" in {c["iso3"] for c in first["countries"]}


def test_extract_refuses_a_file_that_is_not_a_document(db: None, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"MZ\x90\x00" + b"\0" * 512)
    with pytest.raises(CommandError, match=r"report\.pdf"):
        _extract(path)


def test_extract_runs_from_the_command_line(db: None, tmp_path: Path) -> None:
    path = tmp_path / "senegal.txt"
    path.write_text(GOVERNMENT_REPORT, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tipmon.cli",
            "evidence",
            "extract",
            str(path),
            "--format",
            "text",
            "--country",
            "SEN",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "investigations total 38" in result.stdout
    assert "previous year investigations total 21" in result.stdout


def test_evaluate_prints_precision_and_recall_per_field(db: None) -> None:
    out = StringIO()
    call_command("evidence", "evaluate", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["passages"] >= 300
    for field in evaluate.FIELDS:
        scores = data["fields"][field]
        assert 0.0 <= scores["precision"] <= 1.0
        assert 0.0 <= scores["recall"] <= 1.0
    assert set(data["languages"]) == {"en", "es", "fr"}


def test_the_scorer_counts_hits_misses_and_extras() -> None:
    from tipmon.evidence.pipeline.run import Prediction
    from tipmon.evidence.pipeline.types import Figure

    record = {
        "text": "x",
        "language": "en",
        "gold": {
            "countries": ["GHA", "NGA"],
            "government": "GHA",
            "pillars": ["prosecution"],
            "criteria": [],
            "figures": [
                {"metric": "prosecutions", "form": "total", "period": "current", "value": 12}
            ],
        },
    }
    wrong = Figure("prosecutions", 13, "total", "current", 0, 1, "x", 0, 1)
    report = evaluate.evaluate(
        [record],
        lambda text, country: Prediction(
            "en", ("GHA", "TGO"), "GHA", ("prosecution",), (), (wrong,)
        ),
    )
    countries = report.by_field["countries"]
    assert (countries.true_positives, countries.false_positives, countries.false_negatives) == (
        1,
        1,
        1,
    )
    assert report.by_field["figures"].f1 == 0.0
    assert report.by_field["government"].f1 == 1.0
    assert report.by_field["criteria"].precision == 1.0


def test_a_malformed_evaluation_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "passages-xx.jsonl"
    path.write_text('{"id": "a", "gold": {"figures": []}}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"passages-xx\.jsonl, line 2"):
        evaluate.load([path], split=None)
