"""The values that pass between the pipeline's steps.

Offsets are character offsets (Python `str` indices), end exclusive. A step that works on
one passage gives offsets into that passage's text; `run.process_document` shifts them into
the document's text so each item carries a document-level `Span`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Pillar = Literal["prosecution", "protection", "prevention", "partnership"]
PILLARS: tuple[Pillar, ...] = ("prosecution", "protection", "prevention", "partnership")

Metric = Literal["investigations", "prosecutions", "convictions", "victims_identified"]
METRICS: tuple[Metric, ...] = (
    "investigations",
    "prosecutions",
    "convictions",
    "victims_identified",
)

# "total": not restricted to one form; "sex" or "labor": that form of trafficking only.
Form = Literal["total", "sex", "labor"]
FORMS: tuple[Form, ...] = ("total", "sex", "labor")

# "current": the figure the passage reports for its period; "previous": a figure it gives
# for comparison ("compared with 30 the previous year", "up from 30 in 2022").
Period = Literal["current", "previous"]

MentionKind = Literal["name", "demonym", "capital", "code"]

PiiKind = Literal["name", "phone", "email", "passport", "id_number", "address"]

# The criteria a passage can be classified to: the minimum standards MS1-MS4 and the
# indicia of serious and sustained efforts C1-C12 (22 U.S.C. 7106), as in tiers.rules.statute.
CRITERIA_IDS: tuple[str, ...] = (
    "MS1",
    "MS2",
    "MS3",
    "MS4",
    "C1",
    "C2",
    "C3",
    "C4",
    "C5",
    "C6",
    "C7",
    "C8",
    "C9",
    "C10",
    "C11",
    "C12",
)


@dataclass(frozen=True, slots=True)
class Span:
    """Where an item sits in its source: document key, 1-based page (None when the format
    has no pages) and character offsets into the document's extracted text."""

    document: str
    page: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """The text of one document. `page_starts[i]` is the offset where page i+1 begins in
    `text` (a single 0 for formats without pages)."""

    key: str
    media_type: str
    text: str
    page_starts: tuple[int, ...] = (0,)
    title: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def page_at(self, offset: int) -> int | None:
        if len(self.page_starts) <= 1 and self.media_type != "application/pdf":
            return None
        page = 1
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i + 1
            else:
                break
        return page


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of text (about a paragraph) that the later steps classify as a unit."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CountryMention:
    iso3: str
    start: int
    end: int
    surface: str
    kind: MentionKind


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    surface: str
    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """One law-enforcement figure. `start`/`end` cover the number as written (digits or
    words); `evidence_start`/`evidence_end` cover the clause it was read from."""

    metric: Metric
    value: int
    form: Form
    period: Period
    start: int
    end: int
    surface: str
    evidence_start: int
    evidence_end: int
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Label:
    """A pillar or criterion with a confidence between 0 and 1."""

    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Classification:
    pillars: tuple[Label, ...]
    criteria: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class PiiSpan:
    kind: PiiKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Masked:
    """Text with personal data masked. `text` has exactly the length of the original, so
    every offset computed on the original holds in the masked text too."""

    text: str
    spans: tuple[PiiSpan, ...]
