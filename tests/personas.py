"""Named personas shared by the tests (importable: tests/ is on the test path)."""

from __future__ import annotations

from django.contrib.auth.models import User

from tipmon.assessments.models import CycleMember, ReportingCycle, Role

PASSWORD = "a long enough passphrase 42"


def member(cycle: ReportingCycle, name: str, role: Role, bureau: str = "") -> User:
    """A user with one role on ``cycle`` (optionally scoped to a bureau)."""
    user = User.objects.create_user(name, password=PASSWORD)
    CycleMember.objects.create(cycle=cycle, user=user, role=role, bureau=bureau)
    return user
