"""Passage segmentation: a document's text cut into paragraph-sized passages.

A paragraph ends at a blank line, a form feed (a PDF page break) or a Unicode paragraph
separator. A paragraph longer than :data:`MAX_CHARS` is cut at sentence ends into pieces of
about that size; a short heading (under :data:`HEADING_CHARS` characters, no final stop) is
joined to the paragraph after it, so "Prosecution" travels with the text it heads. Every
passage is stripped of surrounding whitespace and its offsets are exact:
``text[p.start:p.end] == p.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from tipmon.evidence.pipeline.types import Passage

MAX_CHARS: Final = 1200
HEADING_CHARS: Final = 60
# A sentence with no break in it is cut at a space once it reaches this length.
HARD_LIMIT: Final = 2 * MAX_CHARS

# A line holding only whitespace between two line breaks, a form feed, or U+2029.
_BREAK: Final = re.compile(r"\n[^\S\n\f]*\n\s*|[\f\u2029]\s*")
_NON_SPACE: Final = re.compile(r"\S")
# A candidate sentence end: stop, optional closing quotes or brackets, whitespace, then
# something that can start a sentence (capital, digit, opening quote or bracket).
_SENTENCE_END: Final = re.compile(
    r"[.!?\u2026][\"'\u00bb\u201d\u2019)\]]*"
    r"(?=\s+[\"'\u00ab\u201c\u2018(\[\u00bf\u00a1]*[A-Z\u00c0-\u00d6\u00d8-\u00de0-9])"
)
_WORD_BEFORE: Final = re.compile(r"(\w+(?:\.\w+)*)\.$")
# Words whose abbreviation ends in a stop without ending the sentence (lower-cased).
ABBREVIATIONS: Final = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "sra", "srta", "dra", "mme",
        "mlle", "messrs", "gen", "col", "lt", "sgt", "capt", "rev", "hon", "no", "nos",
        "nr", "núm", "art", "arts", "sec", "para", "paras", "p", "pp", "vol", "fig", "cf",
        "vs", "etc", "approx", "inc", "ltd", "co", "corp", "dept", "govt", "u.s", "u.k",
        "u.n", "u.a.e", "e.g", "i.e", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "av", "avda", "ee.uu", "cía",
    }
)  # fmt: skip


def segment(text: str) -> list[Passage]:
    """The passages of ``text``, in order, indexed from 0."""
    spans = _join_headings(list(_paragraphs(text)), text)
    pieces = (piece for start, end in spans for piece in _split_long(text, start, end))
    return [
        Passage(index=i, start=start, end=end, text=text[start:end])
        for i, (start, end) in enumerate(pieces)
    ]


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, stripped of surrounding whitespace."""
    position = 0
    for match in _BREAK.finditer(text):
        yield from _stripped(text, position, match.start())
        position = match.end()
    yield from _stripped(text, position, len(text))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return
    last = end
    while last > first.start() and text[last - 1].isspace():
        last -= 1
    yield first.start(), last


def _is_heading(text: str, start: int, end: int) -> bool:
    return end - start < HEADING_CHARS and text[end - 1] not in ".!?…:;,"


def _join_headings(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Headings (and runs of headings) joined to the paragraph that follows them."""
    joined: list[tuple[int, int]] = []
    pending: int | None = None  # start of the headings waiting for their paragraph
    for start, end in spans:
        if _is_heading(text, start, end):
            pending = start if pending is None else pending
            continue
        joined.append((start if pending is None else pending, end))
        pending = None
    if pending is not None:
        joined.append((pending, spans[-1][1]))
    return joined


def _split_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of at most about MAX_CHARS, cut at sentence ends (whole sentences)."""
    if end - start <= MAX_CHARS:
        yield start, end
        return
    piece_start = start
    last_cut = start
    for cut in (*_sentence_ends(text, start, end), end):
        if cut - piece_start > MAX_CHARS and last_cut > piece_start:
            yield from _hard_split(text, piece_start, last_cut)
            piece_start = _next_non_space(text, last_cut, end)
        last_cut = cut
    yield from _hard_split(text, piece_start, end)


def _next_non_space(text: str, position: int, end: int) -> int:
    found = _NON_SPACE.search(text, position, end)
    return end if found is None else found.start()


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets just after each sentence-final stop (and closing quotes) inside the span."""
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[match.start()] == ".":
            before = _WORD_BEFORE.search(text, max(start, match.start() - 20), match.start() + 1)
            if before is not None:
                word = before.group(1)
                if word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                    continue  # "Mr. Smith", "No. 12", "J. Smith"
        yield match.end()


def _hard_split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A span with no usable sentence end, cut at spaces once it exceeds HARD_LIMIT."""
    while end - start > HARD_LIMIT:
        cut = text.rfind(" ", start + MAX_CHARS, start + HARD_LIMIT)
        if cut <= start:
            break
        yield from _stripped(text, start, cut)
        start = _next_non_space(text, cut, end)
    yield start, end
