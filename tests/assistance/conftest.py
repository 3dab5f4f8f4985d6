"""Personas and a program for the assistance tests; attachments go to a temporary folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.contrib.auth.models import Group, User

from personas import PASSWORD
from tipmon.assistance.access import EDITOR_GROUP, READER_GROUP
from tipmon.assistance.models import Program


@pytest.fixture(autouse=True)
def _private_media(settings: LazySettings, tmp_path: Path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def _user(name: str, group: str | None = None, **extra: object) -> User:
    user = User.objects.create_user(name, password=PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def program_officer(db: None) -> User:
    return _user("program-officer", EDITOR_GROUP)


@pytest.fixture
def second_officer(db: None) -> User:
    return _user("second-officer", EDITOR_GROUP)


@pytest.fixture
def assistance_reader(db: None) -> User:
    """Reads assistance data through the 'assistance readers' group, nothing more."""
    return _user("assistance-reader", READER_GROUP)


@pytest.fixture
def no_role(db: None) -> User:
    """Signed in, not staff, in no group and with no cycle role."""
    return _user("no-role")


@pytest.fixture
def program(program_officer: User) -> Program:
    """A two-year protection award in Nepal (1 October 2024 to 30 September 2026)."""
    return Program.objects.create(
        code="NPL-2025-01", title="Shelter and legal aid for survivors", implementer="A Nepali NGO",
        implementer_type="ngo", channel="ngo", country_id="NPL", protection=True,
        prosecution=True, start_date=date(2024, 10, 1), end_date=date(2026, 9, 30),
        status="active", program_officer=program_officer,
    )  # fmt: skip
