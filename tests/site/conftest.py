"""Fixtures for the public website: the seeded page tree and the CMS's personas."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from personas import PASSWORD
from tipmon.site.seed import SeedReport, seed_site
from tipmon.site.setup import APPROVERS, EDITORS


@pytest.fixture
def seeded(db: None) -> SeedReport:
    return seed_site()


def _member_of(name: str, group: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def web_editor(seeded: SeedReport) -> User:
    return _member_of("web-editor", EDITORS)


@pytest.fixture
def web_approver(seeded: SeedReport) -> User:
    return _member_of("web-approver", APPROVERS)


def page_at(url_path: str) -> Any:
    from wagtail.models import Page

    return Page.objects.get(url_path=url_path).specific
