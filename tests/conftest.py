"""Shared fixtures: a real migrated database holding the bundled real data, and personas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import LazySettings
from django.contrib.auth.models import User

from personas import PASSWORD, member
from tipmon.assessments.models import ReportingCycle, Role
from tipmon.assessments.services import open_cycle
from tipmon.data.loaders import load_bundled


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: LazySettings) -> None:
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Every test database starts with the bundled real data, loaded once per session."""
    with django_db_blocker.unblock():
        load_bundled()
    return


@pytest.fixture
def bundled_data_transactional(transactional_db: None) -> None:
    """For tests on a transactional database (the live server): load the data again."""
    load_bundled()


@pytest.fixture
def unrecorded(db: None) -> tuple[str, int]:
    """A covered country and a report year for which the record has no placement."""
    from tipmon.countries.models import Country
    from tipmon.tiers.models import TierPlacement

    placed = set(TierPlacement.objects.values_list("country_id", "report_year"))
    for year in range(2025, 2015, -1):
        for iso3 in Country.objects.filter(tip_covered=True).values_list("iso3", flat=True):
            if (iso3, year) not in placed:
                return iso3, year
    raise AssertionError("the record has no gap left to test with")


# Personas for the assessment cycle: one user per role on an open 2026 cycle.


@pytest.fixture
def cycle(db: None) -> ReportingCycle:
    return open_cycle(2026)


@pytest.fixture
def desk_officer(cycle: ReportingCycle) -> User:
    """A desk officer for South and Central Asia (Nepal is theirs, Thailand is not)."""
    return member(cycle, "desk-sca", Role.DESK_OFFICER, "SCA")


@pytest.fixture
def reviewer(cycle: ReportingCycle) -> User:
    return member(cycle, "reviewer", Role.REGIONAL_REVIEWER)


@pytest.fixture
def editor(cycle: ReportingCycle) -> User:
    return member(cycle, "editor", Role.REPORT_EDITOR)


@pytest.fixture
def approver(cycle: ReportingCycle) -> User:
    return member(cycle, "approver", Role.APPROVER)


@pytest.fixture
def outsider(db: None) -> User:
    """Staff with no role on the cycle."""
    return User.objects.create_user("outsider", password=PASSWORD, is_staff=True)
