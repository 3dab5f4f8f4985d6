"""Every route of the CMS admin (/cms/), tried by people who may not edit the website.

The access matrix (tests/core/test_access_matrix.py) gives the whole CMS admin one row; here
each of its routes is requested, with made-up ids, by an anonymous reader, a signed-in user
without a role, Django staff (which alone gives no CMS access) and a desk officer: GET sends
them to the sign-in page, POST is sent there or refused, and nothing is ever written.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import resolve

from routing import all_routes, writes
from tipmon.assessments.models import ReportingCycle, Role

pytestmark = pytest.mark.django_db

#: Routes of Wagtail's admin that are open by design: signing in and out, resetting a password,
#: and two static resources (the icon sprite and the JavaScript translation catalogue).
OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}
OPEN_PREFIX = "wagtailadmin_password_reset"
UUID = "9f0c1a52-3c1e-4c43-9c1b-1d2f3e4a5b6c"


def _address(route: str) -> str:
    """A concrete address for a route pattern, with made-up ids."""
    if route.endswith("^.*/$"):
        return "/cms/no-such-page/"  # the admin's own catch-all
    path = route.replace("^", "").replace("$", "")
    path = re.sub(r"\(([a-z]+)\|[^)]*\)", r"\1", path)  # (live|latest|\d+): live
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<uuid:\w+>", UUID, path)
    path = re.sub(r"<(?:str|slug|path):\w+>|<\w+>", "x", path)
    path = re.sub(r"\(\?P<\w+>\\d\+\)|\(\\d\+\)", "1", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "x", path)
    return "/" + path.replace("\\", "")


def cms_routes() -> list[tuple[str, str]]:
    return sorted({(name, _address(r)) for r, name in all_routes() if r.startswith("cms/")})


def _guarded(name: str) -> bool:
    return name not in OPEN and not name.startswith(OPEN_PREFIX)


@pytest.fixture
def outsiders(cycle: ReportingCycle) -> dict[str, Client]:
    from personas import member

    clients = {"anon": Client()}
    users = {
        "none": User.objects.create_user("cms-none"),
        "staff": User.objects.create_user("cms-staff", is_staff=True),
        "desk": member(cycle, "cms-desk", Role.DESK_OFFICER, "SCA"),
    }
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


def test_each_cms_address_reaches_its_route() -> None:
    routes = cms_routes()
    assert len(routes) > 100
    wrong = [
        (name, url)
        for name, url in routes
        if name != "None" and resolve(url.split("?")[0]).view_name != name
    ]
    assert not wrong


def test_nobody_without_cms_access_gets_a_cms_page_or_writes(
    outsiders: dict[str, Client],
) -> None:
    wrong = []
    for name, url in cms_routes():
        if not _guarded(name):
            continue
        for role, client in outsiders.items():
            for method in ("get", "post"):
                before = writes()
                try:
                    with transaction.atomic():
                        response = getattr(client, method)(url)
                        changed = writes() - before
                        transaction.set_rollback(True)
                except Exception as exc:
                    wrong.append(f"{method} {url} as {role}: {exc!r}")
                    continue
                location = response.get("Location", "")
                refused = response.status_code == 403 or (
                    response.status_code == 302
                    and location.startswith(("/accounts/login/", "/cms/login/"))
                )
                if not refused or changed:
                    wrong.append(f"{method} {url} as {role}: {response.status_code} {location}")
    assert not wrong, "\n".join(wrong[:40])


def test_the_cms_sign_in_is_the_sites_throttled_one(client: Client) -> None:
    response = client.get("/cms/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/cms/pages/")
