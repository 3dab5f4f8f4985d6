"""Changing council and interagency records: every write checks the coordinator role, is
audited (field names only: private values never enter the audit log) and, for an edit,
saves only if nobody saved the record since the form was opened (optimistic concurrency).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from tipmon.assessments.access import User
from tipmon.core import audit
from tipmon.councils.access import require_coordinator
from tipmon.councils.models import (
    AgencyResponse,
    Attendance,
    Commitment,
    Consent,
    Council,
    CouncilReport,
    Meeting,
    Member,
    MemberPrivate,
    Recommendation,
)

MAX_PHOTO_BYTES = 2 * 1024 * 1024
PHOTO_EDGE = 600
M = TypeVar("M", bound=models.Model)


class CouncilError(ValueError):
    """A change refused, with a message for the person who asked for it."""


class ConcurrentEdit(CouncilError):
    """Somebody saved the record after the form was opened: nothing was overwritten."""


def _versioned_update(obj: M, fields: dict[str, Any], expected_version: int, what: str) -> M:
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    fresh = model._default_manager.get(pk=obj.pk)
    if not updated:
        raise ConcurrentEdit(
            f"Someone else saved this {what} after you opened the form (it is now at version "
            f"{getattr(fresh, 'version', '?')}, your form was at {expected_version}). Nothing "
            "was saved; open it again to see their changes, then make yours."
        )
    return fresh


def _changed(obj: models.Model, fields: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in fields.items() if getattr(obj, k) != v)


def _save_edit(
    obj: M,
    fields: dict[str, Any],
    expected_version: int,
    action: str,
    user: User,
    request: HttpRequest | None,
    *,
    changed: list[str] | None = None,
    **audit_details: Any,
) -> M:
    """The one way an edit is saved: only at the version the form was opened at, and audited
    with the names of the fields that changed (never their values)."""
    changed = _changed(obj, fields) if changed is None else changed
    what = action.split(".")[-2]
    fresh = _versioned_update(obj, fields, expected_version, what)
    version = cast(Any, fresh).version
    audit.record(action, fresh, user, request, version=version, fields=changed, **audit_details)
    return fresh


# Members, their private details, consent and photo.

MEMBER_FIELDS = ("name", "biography", "sector", "appointed_on", "term_start", "term_end")
PRIVATE_FIELDS = ("survivor", "email", "phone", "address", "notes")


def _member_problems(values: dict[str, Any]) -> None:
    if values["term_end"] <= values["term_start"]:
        raise CouncilError("A term ends after it starts. Nothing was saved.")
    if values["appointed_on"] > values["term_start"]:
        raise CouncilError("A member is appointed on or before the day the term starts.")


@transaction.atomic
def create_member(
    council: Council,
    values: dict[str, Any],
    private: dict[str, Any],
    user: User,
    request: HttpRequest | None = None,
) -> Member:
    require_coordinator(user)
    _member_problems(values)
    member = Member.objects.create(
        council=council, **{k: values[k] for k in MEMBER_FIELDS if k in values}
    )
    MemberPrivate.objects.create(
        member=member, **{k: private[k] for k in PRIVATE_FIELDS if k in private}
    )
    audit.record("council.member.create", member, user, request, council=council.slug)
    return member


@transaction.atomic
def update_member(
    member: Member,
    values: dict[str, Any],
    private: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
    photo: bytes | None = None,
) -> Member:
    """Save the member's public and private fields (and a new photo, when one is given)."""
    require_coordinator(user)
    fields = {k: values[k] for k in MEMBER_FIELDS if k in values}
    _member_problems({k: getattr(member, k) for k in MEMBER_FIELDS} | fields)
    changed = _changed(member, fields)
    if photo is not None:
        cleaned = clean_photo(photo)
        fields |= {"photo": cleaned.data, "photo_type": cleaned.content_type}
        changed.append("photo")
    # The private row is written first; a refused edit rolls it back with the rest.
    secret, _ = MemberPrivate.objects.get_or_create(member=member)
    private_fields = {k: private[k] for k in PRIVATE_FIELDS if k in private}
    private_changed = _changed(secret, private_fields)
    MemberPrivate.objects.filter(pk=secret.pk).update(**private_fields)
    return _save_edit(
        member, fields, expected_version, "council.member.update", user, request,
        changed=changed, private_fields=private_changed,
    )  # fmt: skip


@transaction.atomic
def record_consent(
    member: Member,
    item: str,
    given: bool,
    user: User,
    request: HttpRequest | None = None,
    note: str = "",
) -> Consent:
    """Record a decision on publishing one item; it takes effect at once (a withdrawal
    hides the item from the next public request)."""
    require_coordinator(user)
    consent = Consent.objects.create(
        member=member,
        item=item,
        given=given,
        recorded_by_id=int(user.pk or 0),
        recorded_at=timezone.now(),
        note=note,
    )
    audit.record("council.consent", member, user, request, item=item, given=given)
    return consent


@dataclass(frozen=True, slots=True)
class Photo:
    data: bytes
    content_type: str


def clean_photo(raw: bytes) -> Photo:
    """Decode the upload as an image and encode it again as a JPEG at most 600 pixels on
    a side: whatever else the file carried (location, camera, comments) is dropped."""
    from PIL import Image, UnidentifiedImageError

    if len(raw) > MAX_PHOTO_BYTES:
        raise CouncilError("A photo may be at most 2 MB. Nothing was saved.")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in {"JPEG", "PNG", "WEBP"}:
                raise CouncilError("A photo is a JPEG, PNG or WebP image. Nothing was saved.")
            if image.width * image.height > 40_000_000:
                raise CouncilError("That image is too large to read. Nothing was saved.")
            image.thumbnail((PHOTO_EDGE, PHOTO_EDGE))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=85)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        if isinstance(exc, CouncilError):
            raise
        raise CouncilError("That file is not an image we can read. Nothing was saved.") from exc
    return Photo(out.getvalue(), "image/jpeg")


# Meetings and attendance.

MEETING_FIELDS = (
    "title",
    "held_on",
    "place",
    "notice",
    "notice_published",
    "agenda",
    "agenda_published",
    "minutes",
    "minutes_published",
)


def _meeting_problems(values: dict[str, Any]) -> None:
    for part in ("notice", "agenda", "minutes"):
        if values.get(f"{part}_published") and not str(values.get(part, "")).strip():
            raise CouncilError(f"There is no {part} to publish yet. Nothing was saved.")


def _set_attendance(meeting: Meeting, present: Iterable[Member] | None) -> None:
    if present is None:
        return
    there = {m.pk for m in present}
    stray = Member.objects.filter(pk__in=there).exclude(council_id=meeting.council_id)
    if stray.exists():
        raise CouncilError("Only the council's own members attend its meetings.")
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=m, present=m.pk in there)
        for m in meeting.council.members.filter(
            term_start__lte=meeting.held_on, term_end__gte=meeting.held_on
        )
    )


@transaction.atomic
def create_meeting(
    council: Council,
    values: dict[str, Any],
    user: User,
    request: HttpRequest | None = None,
    present: Iterable[Member] | None = None,
) -> Meeting:
    require_coordinator(user)
    _meeting_problems(values)
    meeting = Meeting.objects.create(
        council=council, **{k: values[k] for k in MEETING_FIELDS if k in values}
    )
    _set_attendance(meeting, present)
    audit.record("council.meeting.create", meeting, user, request, council=council.slug)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting,
    values: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
    present: Iterable[Member] | None = None,
) -> Meeting:
    require_coordinator(user)
    fields = {k: values[k] for k in MEETING_FIELDS if k in values}
    _meeting_problems({k: getattr(meeting, k) for k in MEETING_FIELDS} | fields)
    fresh = _save_edit(meeting, fields, expected_version, "council.meeting.update", user, request)
    _set_attendance(fresh, present)
    return fresh


# Reports, recommendations and agency responses.


@transaction.atomic
def create_report(
    council: Council, values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> CouncilReport:
    require_coordinator(user)
    report = CouncilReport.objects.create(
        council=council,
        title=values["title"],
        year=values["year"],
        published_on=values.get("published_on"),
    )
    audit.record("council.report.create", report, user, request, council=council.slug)
    return report


REC_FIELDS = ("number", "text", "agency", "status")


@transaction.atomic
def create_recommendation(
    report: CouncilReport, values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> Recommendation:
    require_coordinator(user)
    if Recommendation.objects.filter(report=report, number=values["number"]).exists():
        raise CouncilError(
            f"This report has a recommendation {values['number']} already. Nothing was saved."
        )
    rec = Recommendation.objects.create(report=report, **{k: values[k] for k in REC_FIELDS})
    audit.record("council.recommendation.create", rec, user, request, report=report.pk)
    return rec


@transaction.atomic
def update_recommendation(
    rec: Recommendation,
    values: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
) -> Recommendation:
    require_coordinator(user)
    fields = {k: values[k] for k in REC_FIELDS if k in values}
    number = fields.get("number", rec.number)
    clash = Recommendation.objects.filter(report_id=rec.report_id, number=number)
    if clash.exclude(pk=rec.pk).exists():
        raise CouncilError(f"Recommendation {number} exists in this report. Nothing was saved.")
    return _save_edit(
        rec, fields, expected_version, "council.recommendation.update", user, request,
        status=fields.get("status", rec.status),
    )  # fmt: skip


@transaction.atomic
def add_response(
    rec: Recommendation, values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> AgencyResponse:
    require_coordinator(user)
    response = AgencyResponse.objects.create(
        recommendation=rec,
        agency=values["agency"],
        responded_on=values["responded_on"],
        text=values["text"],
        evidence=values.get("evidence", ""),
        evidence_url=values.get("evidence_url", ""),
        recorded_by_id=int(user.pk or 0),
    )
    audit.record("council.response.create", response, user, request, recommendation=rec.pk)
    return response


# Interagency commitments.

COMMITMENT_FIELDS = ("agency", "action", "due", "status", "evidence", "evidence_url", "source")


def _commitment_problems(values: dict[str, Any]) -> None:
    if values.get("status") == "completed" and not (
        str(values.get("evidence", "")).strip() or values.get("evidence_url")
    ):
        raise CouncilError(
            "A commitment is marked completed only with evidence (a description or a link). "
            "Nothing was saved."
        )


@transaction.atomic
def create_commitment(
    values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> Commitment:
    require_coordinator(user)
    _commitment_problems(values)
    item = Commitment.objects.create(**{k: values[k] for k in COMMITMENT_FIELDS if k in values})
    audit.record("interagency.commitment.create", item, user, request, agency=item.agency)
    return item


@transaction.atomic
def update_commitment(
    item: Commitment,
    values: dict[str, Any],
    expected_version: int,
    user: User,
    request: HttpRequest | None = None,
) -> Commitment:
    require_coordinator(user)
    fields = {k: values[k] for k in COMMITMENT_FIELDS if k in values}
    _commitment_problems({k: getattr(item, k) for k in COMMITMENT_FIELDS} | fields)
    return _save_edit(
        item, fields, expected_version, "interagency.commitment.update", user, request,
        status=fields.get("status", item.status),
    )  # fmt: skip
