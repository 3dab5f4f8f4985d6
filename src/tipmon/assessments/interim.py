"""The interim assessment of the Special Watch List countries of a published report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tipmon.assessments.access import NoAccess, User, roles_on
from tipmon.assessments.models import InterimNote, ReportingCycle
from tipmon.assessments.services import WorkflowError
from tipmon.core import audit
from tipmon.tiers.statute import year_statute

EDITORS = {"report_editor", "approver", "regional_reviewer"}


@dataclass(frozen=True, slots=True)
class InterimEntry:
    iso3: str
    name: str
    why: str
    progress: str


def interim_entries(cycle: ReportingCycle) -> list[InterimEntry]:
    """Every Special Watch List country of the published report, with its progress note."""
    if not cycle.published:
        raise WorkflowError("The interim assessment follows a published report.")
    statute = year_statute(cycle.report_year)
    notes = {n.country_id: n.progress for n in cycle.interim.all()}
    entries = [
        InterimEntry(
            e.iso3, statute.names.get(e.iso3, e.iso3), e.reason.text, notes.get(e.iso3, "")
        )
        for e in statute.lists.special_watch_list
    ]
    return sorted(entries, key=lambda e: e.name)


@transaction.atomic
def save_interim(cycle: ReportingCycle, notes: dict[str, str], user: User) -> int:
    if not roles_on(user, cycle) & EDITORS:
        raise NoAccess("Only a reviewer, editor or approver writes the interim assessment.")
    if cycle.interim_published_at is not None:
        raise WorkflowError("The interim assessment is already published.")
    allowed = {e.iso3 for e in interim_entries(cycle)}
    saved = 0
    for iso3, text in notes.items():
        if iso3 in allowed and text.strip():
            InterimNote.objects.update_or_create(
                cycle=cycle, country_id=iso3,
                defaults={"progress": text.strip(), "updated_by_id": user.pk},
            )  # fmt: skip
            saved += 1
    audit.record("interim.save", cycle, user, countries=saved)
    return saved


@transaction.atomic
def publish_interim(cycle: ReportingCycle, user: User) -> None:
    if "approver" not in roles_on(user, cycle):
        raise NoAccess("Only an approver publishes the interim assessment.")
    missing = [e.name for e in interim_entries(cycle) if not e.progress]
    if missing:
        raise WorkflowError(f"{len(missing)} Special Watch List countries have no progress "
                            f"note yet: {', '.join(missing[:5])}.")  # fmt: skip
    cycle.interim_published_at = timezone.now()
    cycle.save(update_fields=["interim_published_at"])
    audit.record("interim.publish", cycle, user)
