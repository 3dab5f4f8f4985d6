"""The annotated evaluation set is what the README's accuracy figures stand on: it must be
big enough, cover the three languages and styles, and follow the annotation rules' shape."""

from __future__ import annotations

from collections import Counter

from tipmon.countries.gazetteer import load_gazetteer
from tipmon.evidence.pipeline import evaluate
from tipmon.evidence.pipeline.types import CRITERIA_IDS, FORMS, METRICS, PILLARS

RECORDS = evaluate.load(split=None)
TEST = [r for r in RECORDS if r["split"] == "test"]


def test_the_held_out_split_has_at_least_300_passages_in_three_languages_and_styles() -> None:
    assert len(TEST) >= 300
    cells = Counter((r["language"], r["style"]) for r in TEST)
    for language in ("en", "es", "fr"):
        for style in ("government", "ngo", "news"):
            assert cells[(language, style)] >= 25, (language, style)


def test_ids_are_unique_and_splits_are_known() -> None:
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert {r["split"] for r in RECORDS} == {"dev", "test"}


def test_every_gold_value_is_one_the_rules_allow() -> None:
    gazetteer = load_gazetteer()
    for r in RECORDS:
        gold = r["gold"]
        assert gold["countries"] == sorted(set(gold["countries"])), r["id"]
        for code in [*gold["countries"], gold["government"], r.get("context_country")]:
            assert code is None or gazetteer.get(code) is not None, (r["id"], code)
        assert set(gold["pillars"]) <= set(PILLARS), r["id"]
        assert set(gold["criteria"]) <= set(CRITERIA_IDS), r["id"]
        for f in gold["figures"]:
            assert f["metric"] in METRICS, r["id"]
            assert f["form"] in FORMS, r["id"]
            assert f["period"] in ("current", "previous"), r["id"]
            assert isinstance(f["value"], int), r["id"]
            assert f["value"] >= 0, r["id"]
