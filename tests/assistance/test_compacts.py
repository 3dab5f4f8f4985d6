"""Child Protection Compacts on a real database: rules, audit, locking, pages and roles."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from personas import PASSWORD
from tipmon.assistance import compacts
from tipmon.assistance.access import EDITOR_GROUP, READER_GROUP
from tipmon.assistance.models import (
    Activity,
    Compact,
    CompactIndicator,
    Contribution,
    IndicatorTarget,
    Milestone,
    Objective,
)
from tipmon.core.models import AuditEntry
from tipmon.countries.models import Country

pytestmark = pytest.mark.django_db
TODAY = date.today()


def person(name: str, group: str | None = None) -> User:
    user = User.objects.create_user(name, password=PASSWORD, first_name=name.title())
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def officer() -> User:
    return person("officer", EDITOR_GROUP)


@pytest.fixture
def reader() -> User:
    return person("reader", READER_GROUP)


@pytest.fixture
def nobody() -> User:
    return person("nobody")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_compact(years_before: int = 1, years_after: int = 3, **extra: object) -> Compact:
    """A compact with Ghana that started ``years_before`` years ago (a realistic plan)."""
    start = date(TODAY.year - years_before, 1, 1)
    values: dict[str, object] = {
        "country_id": "GHA",
        "title": "Ghana Child Protection Compact",
        "signed": start - timedelta(days=30),
        "start": start,
        "end": date(TODAY.year + years_after, 12, 31),
        "status": "active",
        "us_commitment_usd": Decimal("5000000"),
    }
    return Compact.objects.create(**{**values, **extra})


@dataclass(frozen=True)
class Plan:
    objective: Objective
    activity: Activity
    overdue: Milestone
    soon: Milestone
    done: Milestone
    indicator: CompactIndicator
    contribution: Contribution


def plan(compact: Compact) -> Plan:
    objective = Objective.objects.create(
        compact=compact, title="Stronger prosecution of child trafficking", order=1
    )
    activity = Activity.objects.create(objective=objective, title="Train prosecutors")
    overdue = Milestone.objects.create(
        activity=activity, title="Curriculum adopted", due=TODAY - timedelta(days=20)
    )
    soon = Milestone.objects.create(
        activity=activity, title="First cohort trained", due=TODAY + timedelta(days=30)
    )
    done = Milestone.objects.create(
        activity=activity,
        title="Needs assessment",
        due=TODAY - timedelta(days=100),
        completed=TODAY - timedelta(days=110),
    )
    indicator = CompactIndicator.objects.create(
        compact=compact, objective=objective, title="Child trafficking cases prosecuted"
    )
    IndicatorTarget.objects.create(indicator=indicator, year=compact.start.year, target=20)
    contribution = Contribution.objects.create(
        compact=compact,
        year=TODAY.year,
        kind="financial",
        description="Shelter budget line",
        committed_usd=Decimal(200_000),
        delivered_usd=Decimal(120_000),
    )
    Contribution.objects.create(
        compact=compact,
        year=TODAY.year,
        kind="in_kind",
        description="Police investigators",
        committed_usd=Decimal(0),
        delivered_usd=Decimal(30_000),
    )
    return Plan(objective, activity, overdue, soon, done, indicator, contribution)


# Rules in the service, with "today" injected.


def test_it_refuses_a_milestone_due_outside_the_compact_and_saves_nothing(officer: User) -> None:
    compact = make_compact()
    activity = plan(compact).activity
    before = Milestone.objects.count()
    with pytest.raises(compacts.CompactRuleError, match="outside the compact"):
        compacts.add_milestone(
            activity, {"title": "Late", "due": compact.end + timedelta(days=1)}, TODAY, officer
        )
    assert Milestone.objects.count() == before


def test_it_refuses_a_target_for_a_year_the_compact_does_not_run(officer: User) -> None:
    compact = make_compact()
    indicator = CompactIndicator.objects.create(compact=compact, title="Shelters open")
    with pytest.raises(compacts.CompactRuleError, match=r"runs only in"):
        compacts.set_target(indicator, compact.end.year + 1, Decimal(3), None, TODAY, officer)
    assert not IndicatorTarget.objects.exists()


def test_it_refuses_an_actual_for_a_year_that_has_not_begun(officer: User) -> None:
    compact = make_compact()
    indicator = CompactIndicator.objects.create(compact=compact, title="Shelters open")
    with pytest.raises(compacts.CompactRuleError, match="cannot be known"):
        compacts.set_target(indicator, TODAY.year + 1, Decimal(3), Decimal(2), TODAY, officer)


def test_it_computes_overdue_milestones_against_the_injected_today(reader: User) -> None:
    compact = make_compact()
    parts = plan(compact)
    later = TODAY + timedelta(days=25)
    status = compacts.compact_view(compact.pk, later, reader).status
    assert {m.milestone.id: m.days for m in status.overdue} == {parts.overdue.pk: 45}
    assert {m.milestone.id: m.days for m in status.due_soon} == {parts.soon.pk: 5}


def test_status_flags_missing_targets_and_deliveries_without_commitment(reader: User) -> None:
    compact = make_compact(years_before=1)
    plan(compact)
    status = compacts.compact_view(compact.pk, TODAY, reader).status
    assert [m.year for m in status.missing_targets] == [TODAY.year]
    assert [m.year for m in status.missing_actuals] == [TODAY.year - 1]
    assert [c.description for c in status.uncommitted] == ["Police investigators"]
    assert status.health["overdue milestones"] == 1
    assert status.health["milestones due in 90 days"] == 1


def test_shortening_a_compact_is_refused_while_a_milestone_would_fall_outside(
    officer: User,
) -> None:
    compact = make_compact()
    plan(compact)
    values = {f: getattr(compact, f) for f in compacts.COMPACT_FIELDS}
    values["start"] = TODAY
    with pytest.raises(compacts.CompactRuleError, match="Needs assessment"):
        compacts.update_compact(compact, values, compact.version, officer)
    compact.refresh_from_db()
    assert compact.version == 1


def test_every_write_is_audited(officer: User) -> None:
    compact = compacts.create_compact(
        {
            "country": Country.objects.get(pk="GHA"),
            "title": "Compact",
            "start": date(2025, 1, 1),
            "end": date(2028, 12, 31),
            "status": "negotiating",
        },
        officer,
    )
    objective = compacts.add_objective(compact, "Protection", 1, officer)
    activity = compacts.add_activity(objective, "Open shelters", officer)
    compacts.add_milestone(
        activity, {"title": "Site chosen", "due": date(2025, 6, 1)}, TODAY, officer
    )
    actions = list(AuditEntry.objects.filter(user=officer).values_list("action", flat=True))
    assert actions == [
        "compact.create",
        "compact.objective.add",
        "compact.activity.add",
        "compact.milestone.add",
    ]


def test_a_reader_cannot_write_through_the_service(reader: User) -> None:
    compact = make_compact()
    with pytest.raises(PermissionError):
        compacts.add_objective(compact, "Protection", 1, reader)
    assert not Objective.objects.exists()


# Pages.


def test_the_status_page_shows_overdue_days_and_the_missing_target(reader: User) -> None:
    compact = make_compact()
    plan(compact)
    response = signed_in(reader).get(reverse("assistance:compact", kwargs={"pk": compact.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Curriculum adopted" in html
    assert "<strong>20</strong>" in html  # days overdue
    assert f"no target for <strong>{TODAY.year}</strong>" in html
    assert "Record completion" not in html  # a reader sees no forms


def test_the_overview_counts_each_gap(reader: User) -> None:
    plan(make_compact())
    make_compact(title="Peru compact without indicators", country_id="PER")
    response = signed_in(reader).get(reverse("assistance:compacts"))
    assert response.status_code == 200
    totals = response.context["overview"].totals
    assert totals["indicators missing"] == 1
    assert totals["overdue milestones"] == 1
    assert "no indicators" in response.content.decode()


def test_the_contributions_figure_downloads_as_csv_with_its_source(reader: User) -> None:
    compact = make_compact()
    plan(compact)
    url = reverse("assistance:compact", kwargs={"pk": compact.pk})
    response = signed_in(reader).get(url, {"format": "csv", "figure": "contributions"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(r["kind"], r["committed_usd"], r["delivered_usd"]) for r in rows} == {
        ("Financial", "200000", "120000"),
        ("In kind (estimate)", "0", "30000"),
    }
    assert all("TIP Monitor compact records" in r["sources"] for r in rows)


def test_the_contributions_chart_draws_on_the_server(reader: User) -> None:
    compact = make_compact()
    plan(compact)
    url = reverse("assistance:compact", kwargs={"pk": compact.pk})
    response = signed_in(reader).get(url, {"format": "svg", "figure": "contributions"})
    assert response.status_code == 200
    assert response.content.lstrip().startswith(b"<svg")


def test_a_program_officer_creates_a_compact_through_the_form(officer: User) -> None:
    response = signed_in(officer).post(
        reverse("assistance:compact-new"),
        {
            "country": "GHA",
            "title": "Ghana CPC",
            "signed": "2015-06-01",
            "start": "2015-07-01",
            "end": "2019-06-30",
            "status": "active",
            "us_commitment_usd": "5000000",
        },
    )
    compact = Compact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assistance:compact", kwargs={"pk": compact.pk})
    assert AuditEntry.objects.filter(action="compact.create", object_id=str(compact.pk)).exists()


def test_a_form_with_a_broken_rule_keeps_what_was_typed(officer: User) -> None:
    response = signed_in(officer).post(
        reverse("assistance:compact-new"),
        {
            "country": "GHA",
            "title": "Typed title kept",
            "start": "2019-07-01",
            "end": "2015-06-30",
            "status": "negotiating",
            "us_commitment_usd": "10",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Typed title kept"' in html
    assert "on or before it starts" in html
    assert not Compact.objects.exists()


def test_a_milestone_outside_the_compact_is_shown_back_with_the_message(officer: User) -> None:
    compact = make_compact()
    activity = plan(compact).activity
    url = reverse("assistance:compact-milestone", kwargs={"pk": compact.pk})
    response = signed_in(officer).post(
        url,
        {
            "activity": activity.pk,
            "title": "Typed milestone",
            "due": (compact.end + timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Typed milestone"' in html
    assert "is outside the compact" in html
    assert not Milestone.objects.filter(title="Typed milestone").exists()


def test_a_concurrent_edit_is_refused_and_keeps_the_input(officer: User) -> None:
    compact = make_compact()
    url = reverse("assistance:compact-edit", kwargs={"pk": compact.pk})
    form = {
        "country": "GHA",
        "start": compact.start.isoformat(),
        "end": compact.end.isoformat(),
        "signed": compact.signed.isoformat() if compact.signed else "",
        "status": "active",
        "us_commitment_usd": "5000000",
        "version": "1",
    }
    first = signed_in(officer).post(url, {**form, "title": "First editor's title"})
    assert first.status_code == 302
    second = signed_in(person("second", EDITOR_GROUP)).post(
        url, {**form, "title": "Second editor's title"}
    )
    assert second.status_code == 409
    assert 'value="Second editor\'s title"' in second.content.decode().replace("&#x27;", "'")
    assert "Someone else saved this compact (version 2)" in second.content.decode()
    compact.refresh_from_db()
    assert (compact.title, compact.version) == ("First editor's title", 2)


def test_recording_completion_moves_a_milestone_out_of_overdue(officer: User) -> None:
    compact = make_compact()
    overdue = plan(compact).overdue
    url = reverse("assistance:compact-complete", kwargs={"pk": compact.pk, "mid": overdue.pk})
    response = signed_in(officer).post(
        url,
        {
            f"m{overdue.pk}-completed": TODAY.isoformat(),
            f"m{overdue.pk}-evidence": "Gazette no. 12",
        },
    )
    assert response.status_code == 302
    status = compacts.compact_view(compact.pk, TODAY, officer).status
    assert status.overdue == []


# Roles on every route.

ROUTES = [
    ("assistance:compacts", {}, "get"),
    ("assistance:compact-new", {}, "get"),
    ("assistance:compact", {"pk": 0}, "get"),
    ("assistance:compact-edit", {"pk": 0}, "get"),
    ("assistance:compact-new", {}, "post"),
    ("assistance:compact-edit", {"pk": 0}, "post"),
    ("assistance:compact-objective", {"pk": 0}, "post"),
    ("assistance:compact-activity", {"pk": 0}, "post"),
    ("assistance:compact-milestone", {"pk": 0}, "post"),
    ("assistance:compact-complete", {"pk": 0, "mid": 0}, "post"),
    ("assistance:compact-indicator", {"pk": 0}, "post"),
    ("assistance:compact-target", {"pk": 0}, "post"),
    ("assistance:compact-contribution", {"pk": 0}, "post"),
    ("assistance:compact-delivery", {"pk": 0, "cid": 0}, "post"),
]


def _url(name: str, kwargs: dict[str, int], parts: Plan) -> str:
    real = {"pk": parts.objective.compact_id, "mid": parts.overdue.pk, "cid": parts.contribution.pk}
    return reverse(name, kwargs={k: real[k] for k in kwargs})


@pytest.mark.parametrize(("name", "kwargs", "method"), ROUTES)
def test_every_compact_route_refuses_anonymous_and_roleless_users(
    client: Client, nobody: User, name: str, kwargs: dict[str, int], method: str
) -> None:
    compact = make_compact()
    url = _url(name, kwargs, plan(compact))
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert getattr(signed_in(nobody), method)(url).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), [(n, k) for n, k, m in ROUTES if m == "post"])
def test_a_reader_cannot_post_to_any_compact_route(
    reader: User, name: str, kwargs: dict[str, int]
) -> None:
    compact = make_compact()
    url = _url(name, kwargs, plan(compact))
    audited = AuditEntry.objects.count()
    assert signed_in(reader).post(url, {"title": "x"}).status_code == 403
    assert AuditEntry.objects.count() == audited


def test_a_reader_may_read_and_a_program_officer_may_open_the_forms(
    reader: User, officer: User
) -> None:
    compact = make_compact()
    parts = plan(compact)
    for name, kwargs, method in ROUTES:
        if method == "get" and name not in ("assistance:compact-new", "assistance:compact-edit"):
            url = _url(name, kwargs, parts)
            assert signed_in(reader).get(url).status_code == 200, name
    for name in ("assistance:compact-new", "assistance:compact-edit"):
        kwargs = {"pk": compact.pk} if name.endswith("edit") else {}
        assert signed_in(reader).get(reverse(name, kwargs=kwargs)).status_code == 403
        assert signed_in(officer).get(reverse(name, kwargs=kwargs)).status_code == 200
