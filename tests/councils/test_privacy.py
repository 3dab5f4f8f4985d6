"""Members' private data (survivor status, contact details) reaches council coordinators
only: every councils and interagency page is requested by every kind of user, for every
member, and searched for each private value."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from councils.helpers import Seeded, signed_in
from tipmon.councils.models import Member, MemberPrivate

pytestmark = pytest.mark.django_db

MEMBER_ROUTES = {
    "member",
    "member-edit",
    "member-consent",
    "member-photo",
    "public-member",
    "photo",
}
SKIPPED = {"progress-pdf"}  # the same figures as the progress page, rendered by WeasyPrint


def council_routes() -> list[tuple[str, list[str]]]:
    """Every named route of the councils app with the names of its arguments."""

    def walk(patterns: list[URLPattern | URLResolver]) -> Iterator[tuple[str, list[str]]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "councils":
                    for q in p.url_patterns:
                        assert isinstance(q, URLPattern)
                        yield str(q.name), list(q.pattern.converters)
                else:
                    yield from walk(p.url_patterns)

    return list(walk(get_resolver().url_patterns))


def addresses(seeded: Seeded) -> list[str]:
    """Every councils page: member pages once per member, the others once."""
    ids = {
        "meeting": seeded.meeting.pk,
        "meeting-edit": seeded.meeting.pk,
        "public-meeting": seeded.meeting.pk,
        "report": seeded.report.pk,
        "rec-new": seeded.report.pk,
        "recommendation": seeded.rec.pk,
        "rec-edit": seeded.rec.pk,
        "response-new": seeded.rec.pk,
        "commitment-edit": seeded.commitment.pk,
    }
    found = []
    for name, args in council_routes():
        if name in SKIPPED:
            continue
        if name in MEMBER_ROUTES:
            for member in Member.objects.select_related("council"):
                kwargs = {"pk": member.pk} | (
                    {"slug": member.council.slug} if "slug" in args else {}
                )
                found.append(reverse(f"councils:{name}", kwargs=kwargs))
            continue
        kwargs: dict[str, object] = {}
        if "slug" in args:
            kwargs["slug"] = "survivors"
        if "pk" in args:
            kwargs["pk"] = ids[name]
        if "year" in args:
            kwargs["year"] = 2025
        found.append(reverse(f"councils:{name}", kwargs=kwargs))
    return found


def private_values() -> list[str]:
    values = ['id="private-details"', 'id="survivor-status"', "Survivor (private)"]
    for p in MemberPrivate.objects.all():
        values += [p.email, p.phone, p.notes]
    return [v for v in values if v]


def leaks(user: User | None, urls: list[str]) -> list[str]:
    client = signed_in(user)
    secrets = private_values()
    found = []
    for url in urls:
        body = client.get(url).content.decode("utf-8", "replace")
        found += [f"{url}: {s}" for s in secrets if s in body]
    return found


def test_every_page_is_enumerated(seeded: Seeded) -> None:
    urls = addresses(seeded)
    assert len(urls) > 40  # 6 member routes x 9 members and the other pages
    assert any(u.startswith("/work/councils/members/") for u in urls)
    assert any(u.startswith("/interagency/") for u in urls)


@pytest.mark.parametrize("who", ["anonymous", "no_role", "cycle_reader", "staff", "superuser"])
def test_no_page_shows_private_data_to_anyone_but_coordinators(
    seeded: Seeded, who: str, request: pytest.FixtureRequest
) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    assert leaks(user, addresses(seeded)) == []


def test_a_coordinator_sees_the_private_data_on_the_member_and_edit_pages(
    seeded: Seeded, coordinator: User
) -> None:
    client = signed_in(coordinator)
    secret = MemberPrivate.objects.get(member=seeded.member)
    for url in (
        f"/work/councils/members/{seeded.member.pk}/",
        f"/work/councils/members/{seeded.member.pk}/edit",
    ):
        body = client.get(url).content.decode()
        assert secret.email in body
        assert secret.phone in body
    page = client.get(f"/work/councils/members/{seeded.member.pk}/").content.decode()
    assert 'id="survivor-status">Yes<' in page
    # ... and on no public page.
    public = [u for u in addresses(seeded) if not u.startswith("/work/")]
    assert leaks(coordinator, public) == []


def test_staff_and_superusers_read_the_rest_of_the_member_page(
    seeded: Seeded, staff: User, superuser: User
) -> None:
    for user in (staff, superuser):
        response = signed_in(user).get(f"/work/councils/members/{seeded.member.pk}/")
        assert response.status_code == 200
        assert seeded.member.name in response.content.decode()
        assert (
            signed_in(user).get(f"/work/councils/members/{seeded.member.pk}/edit").status_code
            == 403
        )


def test_the_audit_log_records_which_private_fields_changed_but_not_their_values(
    seeded: Seeded, coordinator: User
) -> None:
    from tipmon.core.models import AuditEntry

    member = seeded.member
    client = signed_in(coordinator)
    form = client.get(f"/work/councils/members/{member.pk}/edit").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "photo"}
    data |= {"email": "new-secret-address@example.org", "survivor": "on"}
    response = client.post(f"/work/councils/members/{member.pk}/edit", data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="council.member.update").latest("id")
    assert "email" in entry.detail["private_fields"]
    assert "new-secret-address" not in str(entry.detail)
