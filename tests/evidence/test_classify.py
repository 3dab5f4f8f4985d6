"""Passages are classified to pillars and criteria by cues a reviewer can see."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipmon.evidence.pipeline.classify import LANGUAGES, THRESHOLD, classify, explain, fold
from tipmon.evidence.pipeline.types import CRITERIA_IDS, PILLARS

REPO = Path(__file__).resolve().parents[2]


def ids(text: str, language: str) -> tuple[list[str], list[str]]:
    found = classify(text, language)
    return [label.id for label in found.pillars], [label.id for label in found.criteria]


def test_it_folds_case_and_accents_without_moving_offsets() -> None:
    text = "Víctimas IDENTIFICADAS à Dakar, l\u2019enquête"
    assert fold(text) == "victimas identificadas a dakar, l'enquete"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("language", "text", "pillars", "criteria"),
    [
        (
            "en",
            "In 2023 the police investigated 145 cases; prosecutors charged 38 defendants and "
            "courts convicted 19 traffickers, sentencing them to up to 25 years.",
            ["prosecution"],
            ["C1"],
        ),
        (
            "es",
            "El Ministerio de la Mujer atendió a 85 víctimas en sus albergues, que recibieron "
            "atención psicológica y asesoría jurídica, y repatrió a 12 de ellas.",
            ["protection"],
            ["C2"],
        ),
        (
            "fr",
            "Le gouvernement a lancé une campagne de sensibilisation dans les écoles et adopté "
            "un nouveau plan d'action national ; l'inspection du travail a contrôlé 40 agences "
            "de recrutement.",
            ["prevention"],
            ["C3"],
        ),
        (
            "en",
            "The government extradited two suspects to Spain and signed a mutual legal "
            "assistance treaty with Morocco.",
            ["partnership"],
            ["C5", "C4"],
        ),
        (
            "es",
            "Tres policías fueron condenados por complicidad con una red de trata que "
            "sobornaba a funcionarios de migración.",
            ["prosecution"],
            ["C7", "C1"],
        ),
    ],
)
def test_it_finds_the_pillar_and_criterion_of_a_passage(
    language: str, text: str, pillars: list[str], criteria: list[str]
) -> None:
    found_pillars, found_criteria = ids(text, language)
    assert found_pillars[: len(pillars)] == pillars
    assert set(criteria) <= set(found_criteria)


def test_a_passage_with_no_government_effort_gets_no_label() -> None:
    text = "Heavy rain flooded the capital on Tuesday and the markets stayed closed."
    assert ids(text, "en") == ([], [])


def test_negative_cues_hide_what_they_cover() -> None:
    text = "Donors funded technical assistance for the election campaign."
    assert ids(text, "en") == ([], [])
    surfaces = [hit.surface for hit in explain(text, "en")]
    assert "technical assistance" in surfaces
    assert "assistance" not in surfaces


def test_arresting_victims_is_evidence_on_protection_not_prosecution() -> None:
    text = (
        "Police continue to arrest and prosecute survivors for crimes they were forced to commit."
    )
    pillars, criteria = ids(text, "en")
    assert pillars == ["protection"]
    assert criteria == ["C2"]


def test_explain_shows_each_cue_with_what_it_says() -> None:
    text = "Courts convicted 19 traffickers and referred victims to shelters."
    hits = explain(text, "en")
    assert [hit.surface for hit in hits] == ["Courts", "convicted", "referred", "shelters"]
    convicted = hits[1].cue
    assert ("prosecution", 0.8) in convicted.weights
    assert convicted.language == "en"


def test_labels_are_sorted_by_score_and_above_the_threshold() -> None:
    text = (
        "Prosecutors indicted 463 defendants and courts convicted 312 traffickers; the "
        "agency identified 508 victims and referred them to shelters, and labour inspectors "
        "carried out joint inspections with Italian authorities."
    )
    found = classify(text, "en")
    for labels in (found.pillars, found.criteria):
        scores = [label.score for label in labels]
        assert scores == sorted(scores, reverse=True)
        assert all(THRESHOLD <= score <= 1 for score in scores)
    assert {label.id for label in found.pillars} == set(PILLARS)


def test_an_unknown_language_uses_every_lexicon() -> None:
    assert ids("condenó a 5 tratantes", "xx")[0] == ["prosecution"]
    assert ids("condenó a 5 tratantes", "en")[0] == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from([*LANGUAGES, "de"]))
def test_cue_offsets_point_at_their_surface_and_scores_stay_in_range(
    text: str, language: str
) -> None:
    for hit in explain(text, language):
        assert text[hit.start : hit.end] == hit.surface
    found = classify(text, language)
    for label in (*found.pillars, *found.criteria):
        assert label.id in (*PILLARS, *CRITERIA_IDS)
        assert 0 <= label.score <= 1


def test_it_classifies_a_hundred_word_passage_well_under_a_millisecond() -> None:
    text = (
        "The Anti-Trafficking Secretariat reported that police investigated 65 trafficking "
        "cases, down from 82 in the previous reporting period, and that the Director of "
        "Public Prosecutions initiated 30 prosecutions. Courts in Dodoma, Dar es Salaam and "
        "Arusha convicted 12 traffickers. Officials identified 120 victims and referred them "
        "to shelters run by NGOs, with which the government signed a memorandum of "
        "understanding. The national action plan funded awareness campaigns and labour "
        "inspections of recruitment agencies, and Tanzania extradited one suspect to Kenya. "
        "Survivors received medical care, counselling and legal aid while the cases went to "
        "trial."
    )
    assert 90 <= len(text.split()) <= 110
    classify(text, "en")
    runs = 300
    started = time.perf_counter()
    for _ in range(runs):
        classify(text, "en")
    assert (time.perf_counter() - started) / runs < 0.001


def test_the_classifier_imports_no_django() -> None:
    code = (
        "import sys; import tipmon.evidence.pipeline.classify; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
