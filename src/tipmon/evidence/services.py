"""Evidence services: store a file, save what the pipeline found, review and file items.

Views and commands call these; the pipeline itself (``pipeline/``) knows nothing of the
database. Every write of one document's outcome is one transaction, so an interrupted run
loses at most the document in flight.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tipmon.assessments.access import User
from tipmon.assessments.models import CountryAssessment, Finding, ReportingCycle
from tipmon.core import audit
from tipmon.countries.models import Country
from tipmon.evidence.access import require_reviewer
from tipmon.evidence.models import (
    Document,
    DocumentBand,
    DocumentStatus,
    EvidenceItem,
    ItemStatus,
    SourceKind,
    Submission,
)
from tipmon.evidence.pipeline import dedup
from tipmon.evidence.pipeline.types import CRITERIA_IDS, FORMS, METRICS, PILLARS
from tipmon.evidence.pipeline.worker import Job, analyse_file

# A near-duplicate shares at least this estimated Jaccard similarity with an earlier one.
DUPLICATE_SIMILARITY = dedup.THRESHOLD


class ReviewError(ValueError):
    """A review the system cannot take (bad correction, nothing to file into)."""


class ConcurrentEdit(ReviewError):
    """Somebody else reviewed the item since the form was shown."""


def evidence_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "evidence"


def stored_path(sha256: str) -> Path:
    return evidence_root() / sha256[:2] / sha256


def store_bytes(data: bytes) -> str:
    """Keep ``data`` under its SHA-256 (written to a temporary name, then renamed, so a
    crash never leaves half a file under the final name)."""
    sha = hashlib.sha256(data).hexdigest()
    path = stored_path(sha)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    return sha


@dataclass(frozen=True, slots=True)
class Registered:
    document: Document
    created: bool


def register(
    data: bytes,
    filename: str,
    *,
    source_kind: str = SourceKind.OTHER,
    user: User | None = None,
    context_country: Country | None = None,
    submission: Submission | None = None,
    source_note: str = "",
) -> Registered:
    """The document for these bytes: new and pending, or the one already stored."""
    sha = store_bytes(data)
    document, created = Document.objects.get_or_create(
        sha256=sha,
        defaults={
            "filename": Path(filename).name[:255] or "unnamed",
            "size": len(data),
            "source_kind": source_kind,
            "source_note": source_note[:300],
            "context_country": context_country,
            "submission": submission,
            "uploaded_by": user if user is not None and user.is_authenticated else None,
        },
    )
    return Registered(document, created)


def job_for(document: Document) -> Job:
    return Job(
        path=str(stored_path(document.sha256)),
        filename=document.filename,
        key=document.sha256,
        context_country=document.context_country_id,
    )


def _near_duplicate(document: Document, signature: list[int]) -> Document | None:
    if not signature:
        return None
    candidates = (
        Document.objects.filter(
            bands__band__in=dedup.band_keys(tuple(signature)), duplicate_of__isnull=True
        )
        .exclude(pk=document.pk)
        .distinct()
        .order_by("pk")
    )
    for other in candidates:
        if other.signature and dedup.similarity(tuple(signature), tuple(other.signature)) >= (
            DUPLICATE_SIMILARITY
        ):
            return other
    return None


def _known_countries(codes: set[str]) -> set[str]:
    return set(Country.objects.filter(iso3__in=codes).values_list("iso3", flat=True))


@transaction.atomic
def save_outcome(document: Document, outcome: dict[str, Any]) -> Document:
    """Write one analysed (or rejected) document and its proposed items, all or nothing."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    document.processed_at = timezone.now()
    document.items.all().delete()
    document.bands.all().delete()
    if outcome["status"] == "rejected":
        document.status = DocumentStatus.REJECTED
        document.rejection_code = str(outcome["code"])[:30]
        document.rejection_message = str(outcome["message"])
        document.save()
        return document
    document.status = DocumentStatus.DONE
    document.rejection_code = document.rejection_message = ""
    for field in ("media_type", "title", "language", "page_starts", "masked_text"):
        setattr(document, field, outcome[field])
    document.media_type = document.media_type[:100]
    document.original_text = outcome["original_text"]
    document.pii = outcome["pii"]
    document.signature = outcome["signature"]
    document.duplicate_of = _near_duplicate(document, outcome["signature"])
    document.save()
    if document.duplicate_of is not None:
        return document
    DocumentBand.objects.bulk_create(
        DocumentBand(document=document, band=b)
        for b in dedup.band_keys(tuple(outcome["signature"]))
    )
    proposals = outcome["proposals"]
    known = _known_countries({p["country"] for p in proposals})
    seen: set[tuple[int, str]] = set()
    items = []
    for p in proposals:
        if p["country"] not in known or (p["passage_index"], p["country"]) in seen:
            continue
        seen.add((p["passage_index"], p["country"]))
        items.append(
            EvidenceItem(
                document=document,
                passage_index=p["passage_index"],
                start=p["start"],
                end=p["end"],
                page=p["page"],
                country_id=p["country"],
                report_year=p["report_year"],
                pillar=p["pillar"],
                criteria=p["criteria"],
                figures=p["figures"],
                confidence=p["confidence"],
                proposal=p,
            )
        )
    EvidenceItem.objects.bulk_create(items)
    return document


def process(document: Document) -> Document:
    """Extract and analyse one stored document in this process (uploads, small batches)."""
    return save_outcome(document, analyse_file(job_for(document)))


# Review.


def target_cycle(report_year: int | None) -> ReportingCycle | None:
    """The cycle an item files into: its reporting period's, else the earliest cycle not
    yet published."""
    if report_year is not None:
        cycle = ReportingCycle.objects.filter(report_year=report_year).first()
        if cycle is not None:
            return cycle
    return ReportingCycle.objects.filter(published_at__isnull=True).order_by("report_year").first()


@dataclass(frozen=True, slots=True)
class Correction:
    country: str
    report_year: int | None
    pillar: str
    criteria: list[str]
    figures: list[dict[str, Any]]
    note: str = ""


def parse_figures(text: str) -> list[dict[str, Any]]:
    """Figures as a reviewer types them, one per line: ``metric form period value``, for
    example ``prosecutions sex current 12``. Raises ReviewError naming the line."""
    figures = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            raise ReviewError(
                f"Figures, line {number}: write 'metric form period value', "
                f"for example 'prosecutions sex current 12'."
            )
        metric, form, period, value = parts
        if metric not in METRICS:
            raise ReviewError(
                f"Figures, line {number}: metric must be one of {', '.join(METRICS)}."
            )
        if form not in FORMS:
            raise ReviewError(f"Figures, line {number}: form must be one of {', '.join(FORMS)}.")
        if period not in ("current", "previous"):
            raise ReviewError(f"Figures, line {number}: period must be current or previous.")
        if not value.isdigit():
            raise ReviewError(f"Figures, line {number}: the value must be a whole number.")
        figures.append({"metric": metric, "form": form, "period": period, "value": int(value)})
    return figures


def figures_as_text(figures: list[dict[str, Any]]) -> str:
    return "\n".join(f"{f['metric']} {f['form']} {f['period']} {f['value']}" for f in figures)


def _check(correction: Correction) -> None:
    if not Country.objects.filter(iso3=correction.country).exists():
        raise ReviewError(f"Country: {correction.country!r} is not a known ISO3 code.")
    if correction.pillar not in PILLARS:
        raise ReviewError(f"Pillar: choose one of {', '.join(PILLARS)}.")
    unknown = [c for c in correction.criteria if c not in CRITERIA_IDS]
    if unknown:
        raise ReviewError(f"Criteria: {', '.join(unknown)} are not MS1-MS4 or C1-C12.")


def _citation(item: EvidenceItem) -> str:
    where = f"p. {item.page}, " if item.page else ""
    return (
        f"Evidence #{item.pk}: {item.document.filename} ({where}characters "
        f"{item.start}-{item.end}; document {item.document.sha256[:12]})"
    )


def _file(item: EvidenceItem, user: User) -> CountryAssessment:
    cycle = target_cycle(item.report_year)
    require_reviewer(user, cycle, item.country)
    assert cycle is not None
    if cycle.published_at is not None:
        raise ReviewError(
            f"The {cycle.report_year} report is published; evidence for it can no longer be "
            "filed. Correct the reporting year to file it into an open cycle."
        )
    assessment = CountryAssessment.objects.filter(cycle=cycle, country=item.country).first()
    if assessment is None:
        raise ReviewError(
            f"{item.country.short_name} has no assessment in the {cycle.report_year} cycle."
        )
    citation = _citation(item)
    for standard in item.criteria:
        finding, _ = Finding.objects.get_or_create(assessment=assessment, standard=standard)
        if citation not in finding.evidence:
            finding.evidence = (finding.evidence.rstrip("\n") + "\n" + citation).strip("\n")
            finding.save(update_fields=["evidence"])
    return assessment


def _values(item: EvidenceItem) -> dict[str, Any]:
    return {
        "country": item.country_id,
        "report_year": item.report_year,
        "pillar": item.pillar,
        "criteria": list(item.criteria),
        "figures": list(item.figures),
    }


@transaction.atomic
def review(
    item_id: int,
    user: User,
    action: str,
    expected_version: int,
    correction: Correction | None = None,
) -> EvidenceItem:
    """Accept, correct or reject an item in one step. ``expected_version`` is the version
    the reviewer saw; if somebody reviewed it since, nothing is written (ConcurrentEdit)."""
    item = (
        EvidenceItem.objects.select_for_update()
        .select_related("document", "country")
        .get(pk=item_id)
    )
    if item.version != expected_version:
        raise ConcurrentEdit(
            "Somebody else reviewed this item while you had it open; it now shows their "
            "decision. Your choice was not saved."
        )
    before = _values(item)
    if action == "reject":
        item.status = ItemStatus.REJECTED
        item.assessment = None
    elif action in ("accept", "correct"):
        if action == "correct":
            if correction is None:
                raise ReviewError("A correction needs the corrected values.")
            _check(correction)
            item.country = Country.objects.get(iso3=correction.country)
            item.report_year = correction.report_year
            item.pillar = correction.pillar
            item.criteria = correction.criteria
            item.figures = correction.figures
            item.note = correction.note
        item.assessment = _file(item, user)
        changed = action == "correct" and before != _values(item)
        item.status = ItemStatus.CORRECTED if changed else ItemStatus.ACCEPTED
    else:
        raise ReviewError(f"Unknown review action {action!r}.")
    item.reviewed_by = user if user.is_authenticated else None  # type: ignore[assignment]
    item.reviewed_at = timezone.now()
    item.version += 1
    item.save()
    audit.record(f"evidence.{item.status}", item, user, before=before)
    return item


def labelled_data() -> list[dict[str, Any]]:
    """Reviewed items as training and evaluation data: what the pipeline proposed and what
    the analyst decided, with the (masked) passage."""
    rows = []
    reviewed = EvidenceItem.objects.exclude(status=ItemStatus.PROPOSED).select_related("document")
    for item in reviewed.order_by("pk"):
        rows.append(
            {
                "item": item.pk,
                "document": item.document.sha256,
                "span": {"page": item.page, "start": item.start, "end": item.end},
                "text": item.document.masked_text[item.start : item.end],
                "decision": item.status,
                "proposed": item.proposal,
                "reviewed": _values(item),
            }
        )
    return rows
