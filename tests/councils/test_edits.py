"""Every edit of a council record goes through one path: saved only at the version the form was
opened at, audited with the names of the changed fields, and refused whole when stale."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from councils.helpers import Seeded
from tipmon.core.models import AuditEntry
from tipmon.councils import services
from tipmon.councils.models import Commitment, MemberPrivate, RecommendationStatus


def test_a_stale_member_edit_changes_neither_the_public_nor_the_private_record(
    seeded: Seeded, coordinator: User
) -> None:
    member = seeded.member
    before = MemberPrivate.objects.get(member=member).email
    services.update_member(
        member, {"biography": "First edit."}, {}, member.version, coordinator
    )  # someone else's save moves the version on
    with pytest.raises(services.ConcurrentEdit, match="Nothing was saved"):
        services.update_member(
            member, {"biography": "Second edit."}, {"email": "late@example.org"},
            member.version, coordinator,
        )  # fmt: skip
    member.refresh_from_db()
    assert member.biography == "First edit."
    assert MemberPrivate.objects.get(member=member).email == before
    updates = AuditEntry.objects.filter(action="council.member.update")
    assert updates.count() == 1
    assert updates.get().detail["fields"] == ["biography"]


def test_a_recommendation_edit_records_its_fields_version_and_status(
    seeded: Seeded, coordinator: User
) -> None:
    rec = seeded.rec
    new_status = next(s for s in RecommendationStatus.values if s != rec.status)
    fresh = services.update_recommendation(
        rec, {"status": new_status, "text": rec.text}, rec.version, coordinator
    )
    assert fresh.version == rec.version + 1
    entry = AuditEntry.objects.filter(action="council.recommendation.update").latest("id")
    assert entry.detail["fields"] == ["status"]
    assert entry.detail["status"] == new_status
    assert entry.detail["version"] == fresh.version


def test_a_stale_commitment_edit_is_refused_and_not_audited(
    seeded: Seeded, coordinator: User
) -> None:
    item = seeded.commitment
    Commitment.objects.filter(pk=item.pk).update(version=item.version + 1)
    with pytest.raises(services.ConcurrentEdit, match="commitment"):
        services.update_commitment(item, {"action": "Changed."}, item.version, coordinator)
    assert not AuditEntry.objects.filter(action="interagency.commitment.update").exists()
    item.refresh_from_db()
    assert item.action != "Changed."
