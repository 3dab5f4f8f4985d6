"""Shared fixtures: a real migrated database holding the bundled real data, and personas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import LazySettings

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
