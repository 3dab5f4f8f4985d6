"""One document through every step: passages, language, countries, the acting government,
dates and reporting period, pillars and criteria, law-enforcement figures, personal data.

`analyse` is the pipeline's single entry point for text that is already extracted; it is
what the CLI, the upload views, the process pool and the Dask workers call. Everything in
its result carries document-level offsets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tipmon.evidence.pipeline import classify, countries, dates, dedup, figures, government, lang
from tipmon.evidence.pipeline import pii as pii_mod
from tipmon.evidence.pipeline.segment import segment
from tipmon.evidence.pipeline.types import (
    Classification,
    CountryMention,
    ExtractedDocument,
    Figure,
    Label,
    Passage,
    PiiSpan,
)

# Line breaks inside a passage (hard-wrapped text, PDF lines) become spaces before the steps
# run: the same length, so every offset still holds.
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})

# A passage is proposed as evidence when its best pillar scores at least this, or when it
# carries a law-enforcement figure.
PROPOSAL_MIN_PILLAR = 0.35


@dataclass(frozen=True, slots=True)
class PassageResult:
    passage: Passage
    page: int | None
    language: str
    countries: tuple[CountryMention, ...]
    government: str | None
    government_explicit: bool
    report_year: int | None
    classification: Classification
    figures: tuple[Figure, ...]
    pii: tuple[PiiSpan, ...]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    key: str
    language: str
    masked_text: str
    pii: tuple[PiiSpan, ...]
    signature: tuple[int, ...]
    passages: tuple[PassageResult, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A candidate evidence item: one passage about one country's government."""

    passage_index: int
    country: str
    report_year: int | None
    pillar: str
    criteria: tuple[str, ...]
    figures: tuple[Figure, ...]
    confidence: float


def _shift(item: Any, by: int) -> Any:
    changes: dict[str, int] = {"start": item.start + by, "end": item.end + by}
    if isinstance(item, Figure):
        changes |= {
            "evidence_start": item.evidence_start + by,
            "evidence_end": item.evidence_end + by,
        }
    return dataclasses.replace(item, **changes)


def _language(text: str, document_language: str) -> tuple[str, str]:
    """The passage's language for the steps that need one, and for the figure reader, which
    tries English, Spanish and French in turn when neither the passage nor the document
    says ("und": a table-like passage with too few words to tell)."""
    code, _ = lang.detect(text)
    if code == "und":
        code = document_language
    return ("en" if code == "und" else code), code


def analyse(document: ExtractedDocument, context_country: str | None = None) -> DocumentResult:
    """Run every step over ``document``; ``context_country`` is the country the document is
    about when the uploader or the submission says so."""
    text = document.text
    document_language, _ = lang.detect(text[:20_000])
    masked = list(text)
    all_pii: list[PiiSpan] = []
    results: list[PassageResult] = []
    for passage in segment(text):
        flat = passage.text.translate(_FLATTEN)
        language, figure_language = _language(flat, document_language)
        at = passage.start
        mentions = countries.find_countries(flat)
        acting = government.government_of(flat, mentions, context_country, language)
        explicit = acting is not None and any(m.iso3 == acting for m in mentions)
        found_dates = dates.find_dates(flat, language)
        spans = pii_mod.mask(flat, language).spans
        for span in spans:
            masked[at + span.start : at + span.end] = "█" * (span.end - span.start)
        shifted_pii = tuple(_shift(s, at) for s in spans)
        all_pii.extend(shifted_pii)
        results.append(
            PassageResult(
                passage=passage,
                page=document.page_at(passage.start),
                language=language,
                countries=tuple(_shift(m, at) for m in mentions),
                government=acting,
                government_explicit=explicit,
                report_year=dates.period_of(found_dates),
                classification=classify.classify(flat, language),
                figures=tuple(_shift(f, at) for f in figures.find_figures(flat, figure_language)),
                pii=shifted_pii,
            )
        )
    masked_text = "".join(masked)
    return DocumentResult(
        key=document.key,
        language=document_language,
        masked_text=masked_text,
        pii=tuple(all_pii),
        signature=tuple(dedup.signature(text)),
        passages=tuple(results),
    )


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the pipeline finds in one passage, as the evaluation scores it."""

    language: str
    countries: tuple[str, ...]
    government: str | None
    pillars: tuple[str, ...]
    criteria: tuple[str, ...]
    figures: tuple[Figure, ...]


def predict(text: str, context_country: str | None = None) -> Prediction:
    """Every step over one passage, as `analyse` runs them on each passage of a document."""
    text = text.translate(_FLATTEN)
    detected, _ = lang.detect(text)
    language = "en" if detected == "und" else detected
    mentions = countries.find_countries(text)
    labels = classify.classify(text, language)
    return Prediction(
        language=language,
        countries=tuple(sorted({m.iso3 for m in mentions})),
        government=government.government_of(text, mentions, context_country, language),
        pillars=tuple(label.id for label in labels.pillars),
        criteria=tuple(label.id for label in labels.criteria),
        figures=tuple(figures.find_figures(text, detected)),
    )


def _top(labels: Iterable[Label]) -> Label | None:
    return max(labels, key=lambda label: label.score, default=None)


def proposals(result: DocumentResult) -> list[Proposal]:
    """The passages worth an analyst's look, each tied to the government it is about.

    A passage with no acting government is proposed for the one country it names, with
    lower confidence; a passage with neither is background, not evidence."""
    out: list[Proposal] = []
    for item in result.passages:
        pillar = _top(item.classification.pillars)
        has_figures = bool(item.figures)
        if not has_figures and (pillar is None or pillar.score < PROPOSAL_MIN_PILLAR):
            continue
        named = sorted({m.iso3 for m in item.countries})
        country = item.government or (named[0] if len(named) == 1 else None)
        if country is None:
            continue
        score = pillar.score if pillar else 0.0
        who = 1.0 if item.government_explicit else 0.6 if item.government else 0.3
        confidence = round(0.5 * score + 0.25 * has_figures + 0.25 * who, 3)
        out.append(
            Proposal(
                passage_index=item.passage.index,
                country=country,
                report_year=item.report_year,
                pillar=pillar.id if pillar else "prosecution",
                criteria=tuple(label.id for label in item.classification.criteria),
                figures=item.figures,
                confidence=min(confidence, 1.0),
            )
        )
    return out


def figure_json(figure: Figure, masked_text: str, page: int | None) -> dict[str, Any]:
    return {
        "metric": figure.metric,
        "form": figure.form,
        "period": figure.period,
        "value": figure.value,
        "year": figure.year,
        "surface": masked_text[figure.start : figure.end],
        "span": {"page": page, "start": figure.start, "end": figure.end},
        "clause": {"start": figure.evidence_start, "end": figure.evidence_end},
    }


def to_json(result: DocumentResult) -> dict[str, Any]:
    """The result as plain JSON: what `tipmon evidence extract --format json` prints.
    Surfaces are read from the masked text, so no personal data leaves through them."""
    masked = result.masked_text
    passages = []
    for item in result.passages:
        p = item.passage
        current = [f for f in item.figures if f.period == "current"]
        previous = [f for f in item.figures if f.period == "previous"]
        passages.append(
            {
                "index": p.index,
                "span": {"document": result.key, "page": item.page, "start": p.start, "end": p.end},
                "language": item.language,
                "text": masked[p.start : p.end],
                "countries": [
                    {
                        "iso3": m.iso3,
                        "kind": m.kind,
                        "surface": masked[m.start : m.end],
                        "span": {"start": m.start, "end": m.end},
                    }
                    for m in item.countries
                ],
                "government": item.government,
                "report_year": item.report_year,
                "pillars": [{"id": x.id, "score": x.score} for x in item.classification.pillars],
                "criteria": [{"id": x.id, "score": x.score} for x in item.classification.criteria],
                "figures": [figure_json(f, masked, item.page) for f in current],
                "previous_year_figures": [figure_json(f, masked, item.page) for f in previous],
                "personal_data_masked": len(item.pii),
            }
        )
    return {"document": result.key, "language": result.language, "passages": passages}
