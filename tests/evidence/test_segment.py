"""Passage segmentation: paragraphs, long paragraphs cut at sentence ends, headings kept
with their text, exact offsets."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tipmon.evidence.pipeline.segment import MAX_CHARS, segment

REPO = Path(__file__).resolve().parents[2]

SENTENCE = (
    "The Government of Ghana reported investigating 45 cases under art. 3 of the Act "
    "No. 694, with Mr. Mensah of the U.S. embassy observing, and 2.5 times more victims. "
)


def test_it_splits_paragraphs_on_blank_lines_and_page_breaks() -> None:
    text = "First paragraph here.\n\n  Second one.\r\n \r\nThird.\fFourth after a page break."
    passages = segment(text)
    assert [p.text for p in passages] == [
        "First paragraph here.",
        "Second one.",
        "Third.",
        "Fourth after a page break.",
    ]
    assert [p.index for p in passages] == [0, 1, 2, 3]


def test_it_joins_a_short_heading_to_the_paragraph_after_it() -> None:
    text = "Prosecution\n\nThe government maintained law enforcement efforts.\n\nProtection"
    passages = segment(text)
    assert passages[0].text.startswith("Prosecution\n\nThe government")
    assert passages[-1].text == "Protection"  # a heading with nothing after stays alone


def test_it_keeps_a_short_sentence_as_its_own_paragraph() -> None:
    passages = segment("The government convicted eight traffickers.\n\nIt also acted.")
    assert len(passages) == 2


def test_it_drops_whitespace_only_runs() -> None:
    assert segment("  \n\n \t \f \n ") == []
    assert segment("") == []


def test_it_cuts_a_long_paragraph_at_sentence_ends_not_at_abbreviations() -> None:
    text = SENTENCE * 30
    passages = segment(text)
    assert len(passages) > 1
    for passage in passages:
        assert len(passage.text) <= MAX_CHARS
        assert passage.text.startswith("The Government of Ghana")
        assert passage.text.endswith("more victims.")


def test_it_cuts_an_endless_sentence_at_spaces() -> None:
    text = "word " * 2000
    passages = segment(text)
    assert len(passages) > 1
    assert all(len(p.text) <= 2 * MAX_CHARS for p in passages)


_pieces = st.lists(
    st.sampled_from(
        ["Ghana.", "Prosecution", "\n\n", "\f", " ", "\n", SENTENCE, "U.S. ", "No. 5. ", "x" * 70]
    ),
    max_size=60,
)


@given(_pieces.map("".join))
def test_its_offsets_are_exact_and_cover_all_text(text: str) -> None:
    passages = segment(text)
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        assert passage.text == passage.text.strip()
        assert passage.text
    for before, after in itertools.pairwise(passages):
        assert before.end <= after.start
    covered = "".join(p.text for p in passages)
    assert "".join(covered.split()) == "".join(text.split())


def test_it_imports_no_django() -> None:
    code = (
        "import sys; import tipmon.evidence.pipeline.segment, tipmon.evidence.pipeline.lang, "
        "tipmon.evidence.pipeline.countries, tipmon.evidence.pipeline.dates, "
        "tipmon.evidence.pipeline.government; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"
