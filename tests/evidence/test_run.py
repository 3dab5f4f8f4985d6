"""The whole pipeline over one document: spans hold, personal data never leaves through
the JSON, previous-year figures stay apart, and malformed text never breaks it."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.evidence.pipeline import run
from tipmon.evidence.pipeline.types import ExtractedDocument

REPORT = (
    "Kenya: law enforcement\n\n"
    "In 2025 the Government of Kenya investigated 61 trafficking cases, compared with 48 the\n"
    "previous year, prosecuted 27 suspects and convicted nine traffickers.\n\n"
    "Police identified 310 victims. One of them, a girl named Achieng Otieno, 15, was rescued\n"
    "from a house at 14 Moi Avenue; call +254 712 345 678 for the case officer."
)
WORDS = ["police", "investigated", "cases", "Kenya", "Nepali", "victims", "identified",
         "compared", "with", "the", "previous", "year", "condenó", "víctimas", "enquêtes",
         "1,234", "45", "forty-five", "(", ")", ",", ".", "\n", "\n\n", "\f"]  # fmt: skip


def _document(text: str) -> ExtractedDocument:
    return ExtractedDocument(key="doc", media_type="text/plain", text=text)


def test_every_span_points_at_its_text_and_previous_figures_stay_apart() -> None:
    result = run.analyse(_document(REPORT), "KEN")
    data = run.to_json(result)
    assert len(result.masked_text) == len(REPORT)
    current = {(f["metric"], f["value"]) for p in data["passages"] for f in p["figures"]}
    previous = {
        (f["metric"], f["value"]) for p in data["passages"] for f in p["previous_year_figures"]
    }
    assert ("investigations", 61) in current
    assert ("investigations", 48) in previous
    assert ("investigations", 48) not in current
    assert ("convictions", 9) in current
    assert ("victims_identified", 310) in current
    for p in data["passages"]:
        span = p["span"]
        assert result.masked_text[span["start"] : span["end"]] == p["text"]
        for c in p["countries"]:
            assert REPORT[c["span"]["start"] : c["span"]["end"]] == c["surface"]


def test_personal_data_never_leaves_through_the_json() -> None:
    text = json.dumps(run.to_json(run.analyse(_document(REPORT), "KEN")), ensure_ascii=False)
    assert "+254 712 345 678" not in text
    assert "Achieng Otieno" not in text
    assert "14 Moi Avenue" not in text


def test_proposals_name_the_acting_government_with_its_figures() -> None:
    proposals = run.proposals(run.analyse(_document(REPORT), "KEN"))
    assert proposals
    assert {p.country for p in proposals} == {"KEN"}
    assert any(f.metric == "investigations" for p in proposals for f in p.figures)
    assert all(0.0 <= p.confidence <= 1.0 for p in proposals)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=600), st.lists(st.sampled_from(WORDS)).map(" ".join)))
def test_malformed_text_never_breaks_the_pipeline(text: str) -> None:
    result = run.analyse(_document(text), None)
    assert len(result.masked_text) == len(text)
    data = run.to_json(result)
    json.dumps(data)
    for p in data["passages"]:
        assert 0 <= p["span"]["start"] <= p["span"]["end"] <= len(text)
        for f in p["figures"] + p["previous_year_figures"]:
            assert p["span"]["start"] <= f["span"]["start"] < f["span"]["end"] <= p["span"]["end"]
            assert result.masked_text[f["span"]["start"] : f["span"]["end"]] == f["surface"]


def test_the_pipeline_imports_no_django() -> None:
    code = (
        "import sys; import tipmon.evidence.pipeline.run, tipmon.evidence.pipeline.worker, "
        "tipmon.evidence.pipeline.evaluate; assert 'django' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
