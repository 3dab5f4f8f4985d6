"""The per-process cache of anonymous reads, on public pages: what is kept, what is never
kept or served (anything signed in, staff areas, answers that set a cookie), staleness on
publication, and the security headers on cached answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from personas import PASSWORD
from tipmon.assessments.models import CountryAssessment, ReportingCycle, State
from tipmon.assessments.publication import publish_cycle
from tipmon.core.publiccache import Entry, PublicCache, PublicCacheMiddleware
from tipmon.tiers.models import TierPlacement

PAGE = "/countries/THA"
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
)
#: What the navigation says to a signed-in user, and to an anonymous reader.
SIGNED_IN_MARK = "<span>Workspace</span>"
ANONYMOUS_MARK = "<span>Staff sign in</span>"


@pytest.fixture
def staff(db: None) -> User:
    return User.objects.create_user("staff-reader", password=PASSWORD, is_staff=True)


@pytest.mark.django_db
def test_a_repeated_anonymous_page_read_is_served_from_memory_unchanged(client: Client) -> None:
    first = client.get(PAGE)
    second = client.get(PAGE)
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Length"] == str(len(first.content))


@pytest.mark.django_db
def test_cached_pages_carry_the_content_security_policy_and_security_headers(
    client: Client,
) -> None:
    first = client.get(PAGE)
    second = client.get(PAGE)
    assert second["X-Cache"] == "hit"
    for name in SECURITY_HEADERS:
        assert second.has_header(name), name
        assert second[name] == first[name], name
    assert "script-src 'self'" in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_reader_holding_the_etag_of_a_page_gets_not_modified(client: Client) -> None:
    etag = client.get(PAGE)["ETag"]
    assert client.get(PAGE, HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304
    assert client.get(PAGE, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_signed_in_staff_page_is_never_stored_nor_served_to_anonymous_readers(
    client: Client, staff: User
) -> None:
    client.force_login(staff)
    signed_in = client.get("/")
    assert SIGNED_IN_MARK in signed_in.content.decode()
    assert "X-Cache" not in signed_in
    client.logout()
    assert not client.cookies
    anonymous = client.get("/")
    assert anonymous["X-Cache"] == "miss"  # nothing was stored from the signed-in request
    html = anonymous.content.decode()
    assert ANONYMOUS_MARK in html
    assert SIGNED_IN_MARK not in html


def test_a_signed_in_reader_is_never_served_a_page_cached_for_anonymous_readers(
    client: Client, staff: User
) -> None:
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    client.force_login(staff)
    signed_in = client.get("/")
    assert "X-Cache" not in signed_in
    assert SIGNED_IN_MARK in signed_in.content.decode()


@pytest.mark.django_db
def test_any_cookie_or_credential_bypasses_the_cache(client: Client) -> None:
    client.get(PAGE)
    client.cookies["csrftoken"] = "anything"
    assert "X-Cache" not in client.get(PAGE)
    bare = Client()
    bare.get(PAGE)
    assert "X-Cache" not in bare.get(PAGE, HTTP_AUTHORIZATION="Basic eDp5")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/work/", "/admin/login/"])
def test_staff_areas_are_never_cached(client: Client, url: str) -> None:
    client.get(url)
    assert "X-Cache" not in client.get(url)


@pytest.mark.django_db
def test_a_disallowed_host_is_refused_even_for_a_cached_address(client: Client) -> None:
    client.get(PAGE)
    assert client.get(PAGE)["X-Cache"] == "hit"
    assert client.get(PAGE, HTTP_HOST="attacker.example").status_code == 400


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["one.example", "two.example"])
def test_each_host_has_its_own_entries() -> None:
    reader = Client()
    reader.get(PAGE, HTTP_HOST="one.example")
    assert reader.get(PAGE, HTTP_HOST="one.example")["X-Cache"] == "hit"
    assert reader.get(PAGE, HTTP_HOST="two.example")["X-Cache"] == "miss"


@pytest.fixture
def ready_cycle(cycle: ReportingCycle) -> ReportingCycle:
    """The 2026 cycle with every assessment approved at Tier 2, not yet published."""
    items = list(CountryAssessment.objects.filter(cycle=cycle))
    for item in items:
        item.state, item.final_tier = State.APPROVED, "Tier 2"
        item.narrative = f"{item.country_id}: TIER 2"
    CountryAssessment.objects.bulk_update(items, ["state", "final_tier", "narrative"])
    return cycle


def test_publishing_a_cycle_makes_every_cached_page_stale_at_once(
    client: Client, ready_cycle: ReportingCycle, approver: User
) -> None:
    index = client.get("/reports")
    assert "2026 report" not in index.content.decode()
    assert client.get("/reports")["X-Cache"] == "hit"
    assert client.get("/reports/2026/").status_code == 404  # the embargo, never stored
    assert "X-Cache" not in client.get("/reports/2026/")
    before = client.get("/countries/NPL")
    assert "In the 2025 report:" in before.content.decode()
    assert client.get("/countries/NPL")["X-Cache"] == "hit"

    publish_cycle(ready_cycle, approver)

    index = client.get("/reports")
    assert index["X-Cache"] == "miss"
    assert "2026 report" in index.content.decode()
    report = client.get("/reports/2026/")
    assert (report.status_code, report["X-Cache"]) == (200, "miss")
    assert "NPL: TIER 2" in report.content.decode()
    assert client.get("/reports/2026/")["X-Cache"] == "hit"  # the release spike is served
    after = client.get("/countries/NPL")
    assert after["X-Cache"] == "miss"
    assert "In the 2026 report:" in after.content.decode()


def view_answering(response: HttpResponse) -> PublicCacheMiddleware:
    def view(request: HttpRequest) -> HttpResponse:
        return response

    return PublicCacheMiddleware(view)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.set_cookie("csrftoken", "x"),
        lambda r: r.__setitem__("Cache-Control", "private"),
        lambda r: r.__setitem__("Cache-Control", "no-cache, no-store, must-revalidate"),
        lambda r: r.__setitem__("Vary", "Cookie, Accept-Language"),
    ],
    ids=["sets a cookie", "private", "no-store", "varies on a header"],
)
def test_an_answer_that_is_not_for_everyone_is_never_stored(change: object) -> None:
    response = HttpResponse("<p>form</p>")
    change(response)  # type: ignore[operator]
    middleware = view_answering(response)
    request = RequestFactory().get("/somewhere")
    middleware(request)
    assert len(middleware.cache) == 0


@pytest.mark.django_db
def test_an_answer_for_everyone_is_stored_with_its_headers() -> None:
    response = HttpResponse("<p>page</p>")
    response["Vary"] = "Cookie"
    response["Content-Security-Policy"] = "default-src 'self'"
    middleware = view_answering(response)
    middleware(RequestFactory().get("/somewhere"))
    hit = middleware(RequestFactory().get("/somewhere"))
    assert hit["X-Cache"] == "hit"
    assert hit["Content-Security-Policy"] == "default-src 'self'"
    assert hit.content == b"<p>page</p>"


puts = st.lists(
    st.tuples(st.sampled_from("abcdefgh"), st.integers(min_value=0, max_value=40)), max_size=60
)


@given(entries=st.integers(min_value=1, max_value=6), budget=st.integers(1, 100), puts=puts)
@settings(max_examples=200, deadline=None)
def test_the_cache_never_holds_more_entries_or_bytes_than_its_bounds(
    entries: int, budget: int, puts: list[tuple[str, int]]
) -> None:
    cache = PublicCache(entries, max_bytes=budget)
    for key, size in puts:
        entry = Entry("s", '"e"', b"x" * size, ())
        cache.put(key, entry)
        assert len(cache) <= entries
        assert cache.size_bytes <= budget
        assert cache.size_bytes == sum(
            len(e.body) for k in "abcdefgh" if (e := cache.get(k, "s")) is not None
        )
        if size <= budget:  # the newest entry stays whenever it fits on its own
            assert cache.get(key, "s") is entry
        assert cache.get(key, "another state") is None


def test_the_former_setting_name_stops_start_up_with_the_new_name(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TIPMON_")}
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'tipmon.settings'; "
        "django.setup()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=base | {"TIPMON_VAR_DIR": str(tmp_path), "TIPMON_API_CACHE_ENTRIES": "10"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "is now TIPMON_CACHE_ENTRIES" in result.stderr


def test_an_edit_in_the_admin_makes_cached_pages_stale_at_once(
    client: Client, django_user_model: type[User]
) -> None:
    """An in-place correction changes no dataset: the admin's own log of it does the work."""
    placement = TierPlacement.objects.get(country_id="THA", report_year=2025)
    page = f"/tiers/{placement.report_year}"
    before = client.get(page).content
    assert client.get(page)["X-Cache"] == "hit"
    admin = django_user_model.objects.create_superuser("corrector", password=PASSWORD)
    editor = Client()
    editor.force_login(admin)
    form = {k: "" if v is None else v for k, v in model_to_dict(placement).items()}
    new_tier = "Tier 3" if placement.tier != "Tier 3" else "Tier 2"
    answer = editor.post(
        f"/admin/tiers/tierplacement/{placement.pk}/change/", form | {"tier": new_tier}
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    again = client.get(page)
    assert again["X-Cache"] == "miss"
    assert again.content != before
