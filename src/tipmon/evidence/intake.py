"""Files in: staff uploads (single files or zip archives) and public submissions.

Each file is judged by its bytes (``pipeline.sniff``), never its name. A file the pipeline
cannot read is kept as a rejected document with the reason, so the uploader sees why and
nothing is silently dropped; one bad file never stops the others. Zip archives are opened
with the limits of ``pipeline.archive`` (member count, sizes, compression ratio, nesting).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from tipmon.assessments.access import User
from tipmon.countries.models import Country
from tipmon.evidence import services
from tipmon.evidence.models import Document, DocumentStatus, SourceKind, Submission
from tipmon.evidence.pipeline import archive, sniff, text
from tipmon.evidence.pipeline.text import Limits, Rejected

READABLE_KINDS = frozenset({"pdf", "html", "docx", "eml", "text"})
# Public submissions: at most this many attachments, each at most the upload limit.
SUBMISSION_MAX_FILES = 5
# Submissions from one address within an hour beyond this are refused.
SUBMISSIONS_PER_HOUR = 5
# An upload processes at most this many documents while the uploader waits; the rest wait
# for `tipmon evidence ingest --pending`.
PROCESS_NOW_LIMIT = 25

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class IntakeResult:
    name: str
    outcome: str  # "processed", "rejected", "already", "waiting"
    message: str
    document: Document | None


def max_upload_bytes() -> int:
    """The largest document staff may upload or ingest."""
    return int(settings.TIPMON_EVIDENCE_MAX_BYTES)


def max_attachment_bytes() -> int:
    """The largest attachment to a public submission."""
    return int(settings.TIPMON_UPLOAD_MAX_BYTES)


def _reject(document: Document, code: str, message: str) -> None:
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.REJECTED,
        rejection_code=code[:30],
        rejection_message=message,
        processed_at=timezone.now(),
    )
    document.refresh_from_db()


def _members(data: bytes, name: str, limits: Limits) -> Iterable[tuple[str, bytes | Rejected]]:
    with tempfile.NamedTemporaryFile(suffix=".zip") as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            for member in archive.iter_members(Path(tmp.name), limits):
                if member.rejected is not None:
                    yield member.name, member.rejected
                elif member.data is not None:
                    yield member.name, member.data
        except Rejected as whole:
            yield name, whole


def _email_attachments(data: bytes) -> list[tuple[str, bytes]]:
    """An e-mail's attachments, each then taken as a file of its own (the message's text is
    read in the sandbox like any document)."""
    try:
        _, attachments = text.extract_email(data)
    except Rejected:
        return []
    return attachments


def _accept(
    name: str, data: bytes, kind_of: sniff.Sniffed, **where: object
) -> tuple[Document, bool, str | None]:
    """Register one file; the third value is why it cannot be read (None: it can)."""
    registered = services.register(data, name, **where)  # type: ignore[arg-type]
    why = None
    if kind_of.executable:
        why = "This is a program, not a document; programs are never opened."
    elif kind_of.kind not in READABLE_KINDS:
        why = (
            "This file is none of the formats we read (PDF, Word .docx, HTML, e-mail .eml, "
            "plain text)."
        )
    return registered.document, registered.created, why


def take_files(
    files: Iterable[tuple[str, bytes]],
    *,
    user: User | None,
    source_kind: str = SourceKind.OTHER,
    context_country: Country | None = None,
    submission: Submission | None = None,
    source_note: str = "",
    process_now: int = PROCESS_NOW_LIMIT,
    allow_archives: bool = True,
) -> list[IntakeResult]:
    """Store each file (zip archives opened), refuse what cannot be read with its reason,
    and process up to ``process_now`` documents before returning."""
    limits = Limits(max_bytes=max_upload_bytes())
    where = {
        "source_kind": source_kind,
        "user": user,
        "context_country": context_country,
        "submission": submission,
        "source_note": source_note,
    }
    results: list[IntakeResult] = []
    queue: list[tuple[str, bytes]] = list(files)
    while queue:
        name, data = queue.pop(0)
        if len(data) > limits.max_bytes:
            results.append(IntakeResult(name, "rejected", _too_big(len(data), limits), None))
            continue
        kind_of = sniff.sniff(data[:65536] if len(data) > 65536 else data, name)
        if kind_of.kind == "zip" and allow_archives:
            for member_name, member in _members(data, name, limits):
                if isinstance(member, Rejected):
                    label = f"{name}: {member_name}"
                    results.append(IntakeResult(label, "rejected", member.message, None))
                else:
                    queue.append((f"{name}/{member_name}", member))
            continue
        if kind_of.kind == "eml":
            queue.extend((f"{name}/{a}", b) for a, b in _email_attachments(data))
        document, created, why = _accept(name, data, kind_of, **where)
        if not created and document.status != DocumentStatus.PENDING:
            results.append(IntakeResult(name, "already", _already(document), document))
            continue
        if why is not None:
            _reject(document, "unsupported-type", why)
            results.append(IntakeResult(name, "rejected", why, document))
            continue
        if process_now <= 0:
            results.append(IntakeResult(name, "waiting", "Waiting to be processed.", document))
            continue
        process_now -= 1
        document = services.process(document)
        if document.status == DocumentStatus.REJECTED:
            results.append(IntakeResult(name, "rejected", document.rejection_message, document))
        else:
            results.append(IntakeResult(name, "processed", _processed(document), document))
    return results


def _too_big(size: int, limits: Limits) -> str:
    return (
        f"The file is {size / 1e6:.1f} MB; the limit is {limits.max_bytes / 1e6:.1f} MB. "
        "Split it, or ask an administrator to load it with `tipmon evidence ingest`."
    )


def _already(document: Document) -> str:
    return f"This file was received before ({document.received_at:%d %b %Y}); nothing new."


def _processed(document: Document) -> str:
    if document.duplicate_of_id:
        return (
            f"Read; it tells the same story as '{document.duplicate_of}', so it adds no new "
            "evidence items."
        )
    n = document.items.count()
    return f"Read: {n} proposed evidence item{'s' if n != 1 else ''} for review."


# Public submissions.


class SubmissionRefused(ValueError):
    """A submission the form must send back (with what the submitter typed kept)."""


def address_digest(address: str | None) -> str:
    """A keyed digest of the sender's address: enough to rate-limit, useless to identify."""
    if not address:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def too_many_from(digest: str) -> bool:
    if not digest:
        return False
    since = timezone.now() - timedelta(hours=1)
    recent = Submission.objects.filter(address_digest=digest, received_at__gte=since)
    return recent.count() >= SUBMISSIONS_PER_HOUR


def new_receipt(today: date | None = None) -> str:
    year = (today or timezone.localdate()).year
    while True:
        code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
        receipt = f"TIP-{year}-{code}"
        if not Submission.objects.filter(receipt=receipt).exists():
            return receipt


def check_attachments(files: list[UploadedFile]) -> list[tuple[str, bytes]]:
    """Read the attachments, refusing the whole submission (before anything is stored)
    when one is too big or of a type we do not accept; the message names the file."""
    if len(files) > SUBMISSION_MAX_FILES:
        raise SubmissionRefused(f"Attach at most {SUBMISSION_MAX_FILES} files.")
    limit = max_attachment_bytes()
    out = []
    for f in files:
        name = Path(f.name or "attachment").name
        if (f.size or 0) > limit:
            raise SubmissionRefused(
                f"{name} is {(f.size or 0) / 1e6:.1f} MB; each attachment may be at most "
                f"{limit / 1e6:.0f} MB."
            )
        data = f.read(limit + 1)
        kind_of = sniff.sniff(data[:65536], name)
        if kind_of.executable or kind_of.kind not in READABLE_KINDS:
            raise SubmissionRefused(
                f"{name}: we accept PDF, Word (.docx), HTML, e-mail (.eml) and plain text "
                "files, judged by their content; this file is none of them."
            )
        out.append((name, data))
    return out


@dataclass(frozen=True, slots=True)
class Received:
    submission: Submission
    files: list[IntakeResult]


def receive_submission(
    *,
    organization: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    countries: list[Country],
    period_start: date,
    period_end: date,
    text: str,
    attachments: list[tuple[str, bytes]],
    address: str | None,
) -> Received:
    digest = address_digest(address)
    if too_many_from(digest):
        raise SubmissionRefused(
            "We have received several submissions from your network in the last hour. "
            "Please wait an hour and send this one again; nothing you typed was lost."
        )
    with transaction.atomic():
        submission = Submission.objects.create(
            receipt=new_receipt(),
            organization=organization,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
            period_start=period_start,
            period_end=period_end,
            text=text,
            address_digest=digest,
        )
        submission.countries.set(countries)
    files = [(f"{submission.receipt}-statement.txt", text.encode()), *attachments]
    taken = take_files(
        files,
        user=None,
        source_kind=SourceKind.SUBMISSION,
        context_country=countries[0] if len(countries) == 1 else None,
        submission=submission,
        source_note=organization,
        allow_archives=False,
    )
    return Received(submission, taken)
