"""Near-duplicate detection: the same story from two outlets is one story."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tipmon.evidence.pipeline.dedup import (
    NUM_PERM,
    LshIndex,
    normalise,
    shingles,
    signature,
    similarity,
)

REPO = Path(__file__).resolve().parents[2]

LEAD = (
    "Police in Accra rescued 23 young women from a house in the Kaneshie district on Tuesday "
    "after a tip from a neighbour, the Ghana Police Service said in a statement. "
    "Officers arrested three suspects, two men and a woman, who are accused of recruiting "
    "the victims from rural areas with promises of work as hairdressers and waitresses."
)
MIDDLE = (
    "According to the police, the women, aged between 16 and 24, were forced to work in "
    "bars and nightclubs and were told they owed the recruiters the cost of their travel "
    "and lodging. Their phones and identity cards had been taken from them on arrival. "
    "Several of them told investigators they had not been paid for months."
)
SOCIAL = (
    "The Department of Social Welfare has placed the rescued women in a shelter where they "
    "receive medical care and counselling. Officials said the minors among them would be "
    "reunited with their families once social workers had assessed each case."
)
COURT = (
    "The suspects are due to appear before the Circuit Court in Accra next week on charges "
    "under the Human Trafficking Act, which provides for sentences of at least five years. "
    "Police said investigations were continuing and that more arrests were possible."
)

STORY = "Twenty-three women rescued from Accra trafficking ring\n\n" + "\n\n".join(
    [LEAD, MIDDLE, SOCIAL, COURT]
)
# Another outlet: its own headline, two paragraphs swapped, a byline and boilerplate added.
REPRINT = (
    "Ghana: police free 23 women held in Kaneshie, three arrested\n\n"
    "By our correspondent. ACCRA —\n\n"
    + "\n\n".join([LEAD, SOCIAL, MIDDLE, COURT])
    + "\n\nSubscribe to our newsletter for the latest news from West Africa."
)
# A different story about the same country.
OTHER_GHANA = (
    "Ghana launches national campaign against child labour in cocoa farms\n\n"
    "The Ministry of Employment and Labour Relations on Monday launched a national "
    "awareness campaign against child labour and forced labour in cocoa-growing "
    "communities, with radio spots in six languages and visits to schools. "
    "Labour inspectors will visit more than two hundred farms in the Western and Ashanti "
    "regions before the end of the year, the minister said, and employers found using "
    "children will face fines. The campaign is funded in part by cocoa buyers and was "
    "prepared with trade unions and farmers' associations, who welcomed it but asked for "
    "more inspectors and a hotline that works in rural areas. Civil society groups said "
    "the police should also investigate the recruiters who bring children from the north "
    "to work on farms in the south."
)


def test_it_folds_case_accents_and_punctuation() -> None:
    assert normalise("Côte d'Ivoire: LA VÍCTIMA, ¡rescatada!") == [
        "cote", "d", "ivoire", "la", "victima", "rescatada",
    ]  # fmt: skip


def test_it_cuts_five_word_shingles_and_keeps_a_short_text_whole() -> None:
    assert shingles("one two three four five six") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("Hello, world") == {"hello world"}
    assert shingles(" ... ") == set()


def test_it_finds_the_same_story_reprinted_by_another_outlet() -> None:
    index: LshIndex[str] = LshIndex()
    index.add("daily-graphic", signature(STORY))
    index.add("other-ghana", signature(OTHER_GHANA))
    assert similarity(signature(STORY), signature(REPRINT)) >= 0.7
    assert index.query(signature(REPRINT)) == {"daily-graphic"}


def test_it_keeps_different_stories_about_the_same_country_apart() -> None:
    assert similarity(signature(STORY), signature(OTHER_GHANA)) < 0.2
    index: LshIndex[str] = LshIndex()
    index.add("story", signature(STORY))
    assert index.query(signature(OTHER_GHANA)) == set()


def test_it_groups_reprints_into_one_story_and_leaves_others_alone() -> None:
    index: LshIndex[str] = LshIndex()
    index.add("a", signature(STORY))
    index.add("b", signature(OTHER_GHANA))
    index.add("c", signature(REPRINT))
    index.add("d", signature(STORY.upper()))  # case does not make a new story
    assert index.groups() == [{"a", "c", "d"}, {"b"}]
    assert len(index) == 4
    assert "a" in index


def test_it_refuses_a_key_twice_and_a_signature_of_the_wrong_length() -> None:
    index: LshIndex[int] = LshIndex()
    index.add(1, signature(STORY))
    for key, sig in ((1, signature(STORY)), (2, (1, 2, 3))):
        try:
            index.add(key, sig)
        except (KeyError, ValueError):
            continue
        raise AssertionError(f"{key} was accepted")


def test_an_empty_text_matches_only_another_empty_text() -> None:
    assert similarity(signature(""), signature("  ")) == 1.0
    assert similarity(signature(""), signature(STORY)) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_a_text_is_identical_to_itself(text: str) -> None:
    sig = signature(text)
    assert len(sig) == NUM_PERM
    assert all(0 <= v < 2**32 for v in sig)
    assert similarity(sig, signature(text)) == 1.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(normalise(OTHER_GHANA)), min_size=6, max_size=60))
def test_the_estimate_stays_near_the_true_jaccard(words: list[str]) -> None:
    a = " ".join(words)
    half = len(words) // 2
    b = " ".join([*words[:half], "inserted", *words[half:]])
    sa, sb = shingles(a), shingles(b)
    true = len(sa & sb) / len(sa | sb)
    assert abs(similarity(signature(a), signature(b)) - true) < 0.3


def test_signatures_are_the_same_in_another_process() -> None:
    code = (
        "import sys; from tipmon.evidence.pipeline.dedup import signature; "
        "print(signature(sys.argv[1])[:8]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src"), "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code, STORY], capture_output=True, text=True, env=env, check=True
    )
    first, modules = result.stdout.strip().splitlines()
    assert first == str(signature(STORY)[:8])
    assert modules == "[]"
