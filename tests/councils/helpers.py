"""Shared by the councils tests (importable as ``councils.helpers``: tests/ is on the path)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client

from tipmon.councils.models import Commitment, CouncilReport, Meeting, Member, Recommendation


@dataclass(frozen=True)
class Seeded:
    member: Member  # a survivor-council member with no consent at all
    named: Member  # a member who consented to name and biography
    meeting: Meeting
    future: Meeting  # announced, minutes not yet written
    report: CouncilReport
    draft: CouncilReport
    rec: Recommendation
    commitment: Commitment


def signed_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def a_photo() -> bytes:
    """A small real JPEG."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(out, format="JPEG")
    return out.getvalue()


def matrix_ids() -> dict[str, int]:
    """The demonstration data for tests/core/test_access_matrix.py, and the ids its
    addresses need: a member with a public name, biography and photo, an announced meeting
    with published minutes, a published report with a recommendation, a commitment."""
    from django.utils import timezone

    from tipmon.councils.models import Consent
    from tipmon.councils.seed import SEED_USER, seed

    seed()
    named = Member.objects.get(name="Amara Quillfeather")
    Member.objects.filter(pk=named.pk).update(photo=a_photo(), photo_type="image/jpeg")
    Consent.objects.create(
        member=named,
        item="photo",
        given=True,
        recorded_at=timezone.now(),
        recorded_by=User.objects.get(username=SEED_USER),
    )
    report = CouncilReport.objects.get(year=2025, council__slug="survivors")
    return {
        "council_member": named.pk,
        "council_meeting": Meeting.objects.get(title="Spring plenary 2025").pk,
        "council_report": report.pk,
        "council_rec": Recommendation.objects.get(report=report, number=1).pk,
        "commitment": Commitment.objects.get(agency="Department of Justice").pk,
    }
