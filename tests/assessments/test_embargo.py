"""Nothing of an unpublished cycle is visible to the public, anonymous API clients, or staff
without a role on it: every URL pattern and API route, for every such persona."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from personas import PASSWORD
from tipmon.assessments.models import Comment, CountryAssessment, CycleMember, ReportingCycle, Role
from tipmon.assessments.publication import publish_cycle

pytestmark = pytest.mark.django_db
SECRET = "EMBARGOED-7f3a"
SAMPLE = {"year": "2026", "code": "NPL", "iso3": "NPL"}


def patterns(items: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for p in items:
        if isinstance(p, URLResolver):
            yield from patterns(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern)


def concrete(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE.get(m.group(1), "x"), route)
    route = re.sub(r"\{(?:\w+:)?(\w+)\}", lambda m: SAMPLE.get(m.group(1), "x"), route)
    return "/" + route


def every_url(client: Client) -> list[str]:
    urls = {concrete(r) for r in patterns(get_resolver().url_patterns)
            if not r.startswith(("admin/", "static/")) and "(?P" not in r}  # fmt: skip
    spec = client.get("/api/v1/openapi.json").json()
    urls |= {concrete(path.removeprefix("/")) for path in spec["paths"]}
    return sorted(urls)


@pytest.fixture
def secret_cycle(cycle: ReportingCycle, approver: User) -> ReportingCycle:
    item = CountryAssessment.objects.get(cycle=cycle, country_id="NPL")
    item.narrative = f"NEPAL: TIER 3 {SECRET}"
    item.resources_note = SECRET
    item.proposed_tier = "Tier 3"
    item.save()
    Comment.objects.create(assessment=item, section="tier", author=approver, text=SECRET)
    return cycle


def personas(cycle: ReportingCycle) -> dict[str, Client]:
    anonymous = Client()
    outsider = User.objects.create_user("outsider-staff", password=PASSWORD, is_staff=True)
    other_desk = User.objects.create_user("desk-eap", password=PASSWORD)
    CycleMember.objects.create(cycle=cycle, user=other_desk, role=Role.DESK_OFFICER, bureau="EAP")
    clients = {"anonymous": anonymous}
    for name, user in (("outsider", outsider), ("other-bureau desk officer", other_desk)):
        client = Client()
        client.login(username=user.username, password=PASSWORD)
        clients[name] = client
    return clients


def test_no_route_shows_an_unpublished_cycle_to_anyone_without_a_role(
    secret_cycle: ReportingCycle,
) -> None:
    for persona, client in personas(secret_cycle).items():
        for url in every_url(client):
            response = client.get(url)
            if response.status_code == 200:
                body = response.content.decode(errors="replace")
                assert SECRET not in body, f"{persona} sees the embargoed cycle at {url}"
            if url.startswith("/work/2026") and persona != "other-bureau desk officer":
                # A POST-only route answers a GET with 405 whatever the year: nothing leaks.
                assert response.status_code in {302, 404, 405}, (persona, url, response.status_code)
                posted = client.post(url, {"action": "submit", "text": "x", "section": "tier"})
                assert posted.status_code in {302, 404}, (persona, url, posted.status_code)
                assert SECRET not in posted.content.decode(errors="replace")
        if persona != "other-bureau desk officer":
            assert "/work/2026/" not in client.get("/work/").content.decode()
        tiers = client.get("/api/v1/countries/NPL/tiers").json()["data"]
        assert 2026 not in {p["year"] for p in tiers}, persona
        assert client.get("/tiers/2026").status_code == 404, persona


def test_a_role_on_the_cycle_does_see_it(secret_cycle: ReportingCycle, approver: User) -> None:
    client = Client()
    client.login(username=approver.username, password=PASSWORD)
    assert SECRET in client.get("/work/2026/NPL/").content.decode()


def test_after_publication_the_tier_is_public(secret_cycle: ReportingCycle, approver: User) -> None:
    CountryAssessment.objects.filter(cycle=secret_cycle).update(
        state="approved", final_tier="Tier 2"
    )
    publish_cycle(secret_cycle, approver)
    tiers = Client().get("/api/v1/countries/NPL/tiers").json()["data"]
    assert {p["year"]: p["tier"] for p in tiers}[2026] == "Tier 2"
    assert Client().get("/tiers/2026").status_code == 200
