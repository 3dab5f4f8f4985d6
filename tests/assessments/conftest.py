"""Personas for the assessment cycle: one user per role on an open 2026 cycle."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tipmon.assessments.models import CycleMember, ReportingCycle, Role
from tipmon.assessments.services import open_cycle

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def cycle(db: None) -> ReportingCycle:
    return open_cycle(2026)


def _member(cycle: ReportingCycle, name: str, role: Role, bureau: str = "") -> User:
    user = User.objects.create_user(name, password=PASSWORD)
    CycleMember.objects.create(cycle=cycle, user=user, role=role, bureau=bureau)
    return user


@pytest.fixture
def desk_officer(cycle: ReportingCycle) -> User:
    """A desk officer for South and Central Asia (Nepal is theirs, Thailand is not)."""
    return _member(cycle, "desk-sca", Role.DESK_OFFICER, "SCA")


@pytest.fixture
def reviewer(cycle: ReportingCycle) -> User:
    return _member(cycle, "reviewer", Role.REGIONAL_REVIEWER)


@pytest.fixture
def editor(cycle: ReportingCycle) -> User:
    return _member(cycle, "editor", Role.REPORT_EDITOR)


@pytest.fixture
def approver(cycle: ReportingCycle) -> User:
    return _member(cycle, "approver", Role.APPROVER)


@pytest.fixture
def outsider(db: None) -> User:
    """Staff with no role on the cycle."""
    return User.objects.create_user("outsider", password=PASSWORD, is_staff=True)
