"""Personas and the seeded demonstration data for the councils tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from councils.helpers import Seeded
from personas import PASSWORD, member
from tipmon.assessments.models import ReportingCycle, Role
from tipmon.councils.access import COORDINATOR_GROUP
from tipmon.councils.models import Commitment, CouncilReport, Meeting, Member, Recommendation
from tipmon.councils.seed import seed


@pytest.fixture
def seeded(db: None) -> Seeded:
    seed()
    return Seeded(
        member=Member.objects.get(name="Lina Marrowdale"),
        named=Member.objects.get(name="Amara Quillfeather"),
        meeting=Meeting.objects.get(title="Spring plenary 2025"),
        future=Meeting.objects.get(title="Winter plenary 2026"),
        report=CouncilReport.objects.get(year=2025, council__slug="survivors"),
        draft=CouncilReport.objects.get(published_on__isnull=True),
        rec=Recommendation.objects.get(
            report__year=2025, report__council__slug="survivors", number=1
        ),
        commitment=Commitment.objects.get(agency="Department of Justice"),
    )


def _user(name: str, group: str | None = None, **extra: object) -> User:
    user = User.objects.create_user(name, password=PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def coordinator(db: None) -> User:
    return _user("coordinator", COORDINATOR_GROUP)


@pytest.fixture
def staff(db: None) -> User:
    return _user("staff-member", is_staff=True)


@pytest.fixture
def superuser(db: None) -> User:
    return _user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def no_role(db: None) -> User:
    return _user("no-role")


@pytest.fixture
def cycle_reader(cycle: ReportingCycle) -> User:
    return member(cycle, "cycle-editor", Role.REPORT_EDITOR)
