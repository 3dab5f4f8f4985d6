"""Operational resources on a real database: FTE capacity, desk officers, need against
resources on the bundled record, the page, its downloads and its roles."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from personas import PASSWORD, member
from tipmon.assessments.models import ReportingCycle, Role
from tipmon.assistance import operations
from tipmon.assistance.access import EDITOR_GROUP, READER_GROUP
from tipmon.assistance.models import (
    BudgetLine,
    Funding,
    Program,
    StaffAssignment,
    StrategicPriority,
)
from tipmon.core.models import AuditEntry
from tipmon.countries.models import Country

pytestmark = pytest.mark.django_db
FY = 2026
TODAY = date(2026, 3, 1)


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


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assign(user: User, share: str, **scope: object) -> StaffAssignment:
    return StaffAssignment.objects.create(
        user=user, role="program_officer", fiscal_year=FY, fte_share=Decimal(share), **scope
    )


def program(code: str, iso3: str, obligated: int) -> Program:
    item = Program.objects.create(
        code=code,
        title=f"Program {code}",
        implementer="An NGO",
        implementer_type="ngo",
        channel="ngo",
        country_id=iso3,
        start_date=date(2025, 10, 1),
        end_date=date(2027, 9, 30),
        protection=True,
    )
    Funding.objects.create(program=item, fiscal_year=FY, obligated_usd=Decimal(obligated))
    return item


def test_it_refuses_fte_shares_above_one_naming_person_year_and_total(officer: User) -> None:
    analyst = person("maria")
    assign(analyst, "0.70", country_id="NPL")
    values = {"user": analyst, "role": "other", "fiscal_year": FY, "fte_share": Decimal("0.50")}
    with pytest.raises(operations.OperationsRuleError) as refused:
        operations.add_assignment(values, officer)
    assert str(refused.value) == (
        "Maria's FTE shares in FY2026 would total 1.20 (0.70 already assigned + 0.50 now); "
        "the most is 1.00. Nothing was saved."
    )
    assert StaffAssignment.objects.filter(user=analyst).count() == 1
    assert not AuditEntry.objects.filter(action="operations.assignment.add").exists()


def test_the_assignment_form_shows_the_fte_refusal_and_keeps_the_input(officer: User) -> None:
    analyst = person("maria")
    assign(analyst, "0.80")
    response = signed_in(officer).post(
        reverse("assistance:operations-staff"),
        {
            "user": analyst.pk,
            "role": "desk_officer",
            "fiscal_year": FY,
            "fte_share": "0.25",
            "country": "NPL",
            "note": "typed note",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "would total 1.05" in html
    assert 'value="typed note"' in html
    assert StaffAssignment.objects.filter(user=analyst).count() == 1


def test_exactly_full_time_is_allowed_and_audited(officer: User) -> None:
    analyst = person("maria")
    assign(analyst, "0.60")
    values = {"user": analyst, "role": "other", "fiscal_year": FY, "fte_share": Decimal("0.40")}
    item = operations.add_assignment(values, officer)
    entry = AuditEntry.objects.get(action="operations.assignment.add")
    assert entry.object_id == str(item.pk)
    assert entry.user == officer


def test_it_refuses_time_on_both_a_country_and_a_bureau(officer: User) -> None:
    values = {
        "user": person("maria"),
        "role": "other",
        "fiscal_year": FY,
        "fte_share": Decimal("0.2"),
        "country": Country.objects.get(pk="NPL"),
        "bureau": "SCA",
    }
    with pytest.raises(operations.OperationsRuleError, match="not to country and bureau"):
        operations.add_assignment(values, officer)


def test_importing_desk_officers_is_idempotent_and_keeps_within_capacity(officer: User) -> None:
    cycle = ReportingCycle.objects.create(
        report_year=FY,
        data_call=date(2025, 9, 1),
        drafts_due=date(2025, 12, 1),
        clearance_due=date(2026, 2, 1),
        approval_due=date(2026, 4, 1),
        release_by=date(2026, 6, 30),
        interim_due=date(2027, 2, 1),
    )
    busy = member(cycle, "busy", Role.DESK_OFFICER, "SCA")
    member(cycle, "free", Role.DESK_OFFICER, "AF")
    member(cycle, "editor", Role.REPORT_EDITOR)
    assign(busy, "0.60", country_id="NPL")
    first = operations.import_desk_officers(FY, officer)
    assert first.cycle_year == FY
    created = {(a.user.username, a.bureau, a.fte_share) for a in first.created}
    assert created == {("busy", "SCA", Decimal("0.40")), ("free", "AF", Decimal("1.00"))}
    again = operations.import_desk_officers(FY, officer)
    assert (again.created, again.already) == ([], 2)
    assert StaffAssignment.objects.filter(role="desk_officer").count() == 2
    assert AuditEntry.objects.filter(action="operations.desk_officers.import").count() == 2


def test_need_and_resource_shares_each_sum_to_one_on_the_record(reader: User) -> None:
    staff = person("maria")
    assign(staff, "0.5", country_id="NPL")
    assign(person("sam"), "0.75", bureau="AF")
    program("P-1", "THA", 300_000)
    program("P-2", "GHA", 100_000)
    view = operations.operations_view(FY, TODAY, reader)
    assert view.report_year == 2025
    for rows in (view.comparison.bureaus, view.comparison.countries):
        assert sum(r.need for r in rows) == pytest.approx(1)
        assert sum(r.staff for r in rows) == pytest.approx(1)
        assert sum(r.money for r in rows) == pytest.approx(1)
    by_bureau = {r.key: r for r in view.comparison.bureaus}
    assert by_bureau["SCA"].fte == 0.5
    assert by_bureau["AF"].usd == 100_000
    assert by_bureau["AF"].staff == pytest.approx(0.75 / 1.25)
    assert len(view.comparison.countries) == 16


def test_the_need_score_follows_the_stated_method_on_the_record(reader: User) -> None:
    countries, year = operations.need_inputs(FY)
    assert year == 2025
    scores = {c.iso3: c for c in countries}
    view = operations.operations_view(FY, TODAY, reader)
    points = {s.iso3: s.points for s in view.comparison.scores}
    for iso3, country in scores.items():
        tier = {"Tier 3": 3, "Tier 2 Watch List": 2, "Tier 2": 1, "Special Case": 1}
        base = tier.get(country.tier or "", 0)
        assert base <= points[iso3] <= base + 2, iso3
        if country.facing_downgrade:
            assert country.tier == "Tier 2 Watch List"
    assert any(c.facing_downgrade for c in countries)


def test_the_page_shows_the_method_and_downloads_each_figure_with_sources(
    reader: User,
) -> None:
    priority = StrategicPriority.objects.create(title="Targeted foreign assistance", order=1)
    BudgetLine.objects.create(
        fiscal_year=FY, priority=priority, category="staff", amount_usd=Decimal(1_250_000)
    )
    client = signed_in(reader)
    url = reverse("assistance:operations")
    page = client.get(url, {"fy": FY})
    assert page.status_code == 200
    html = page.content.decode()
    assert "How need is measured" in html
    assert "Need score per country = tier points" in html
    assert "$1,250,000" in html
    for slug in ("need-by-bureau", "need-by-country", "budget", "staff"):
        response = client.get(url, {"fy": FY, "format": "csv", "figure": slug})
        assert response.status_code == 200, slug
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        if rows:
            assert rows[0]["sources"], slug
    need = client.get(url, {"fy": FY, "format": "csv", "figure": "need-by-bureau"})
    first = next(csv.DictReader(io.StringIO(need.content.decode())))
    assert "tier_placements" in first["sources"]


def test_each_operations_chart_draws_on_the_server(reader: User) -> None:
    program("P-1", "THA", 300_000)
    assign(person("maria"), "0.5", country_id="THA")
    client = signed_in(reader)
    for slug in ("need-by-bureau", "need-by-country", "staff"):
        response = client.get(
            reverse("assistance:operations"), {"fy": FY, "format": "svg", "figure": slug}
        )
        assert response.status_code == 200, slug
        assert response.content.lstrip().startswith(b"<svg"), slug


def test_a_bad_fiscal_year_is_a_clear_400(reader: User) -> None:
    response = signed_in(reader).get(reverse("assistance:operations"), {"fy": "next"})
    assert response.status_code == 400


ROUTES = [
    ("assistance:operations", {}, "get"),
    ("assistance:operations-priority", {}, "post"),
    ("assistance:operations-budget", {}, "post"),
    ("assistance:operations-staff", {}, "post"),
    ("assistance:operations-staff-remove", {"aid": 0}, "post"),
    ("assistance:operations-desk-officers", {}, "post"),
]


def _url(name: str, kwargs: dict[str, int]) -> str:
    if kwargs:
        kwargs = {"aid": assign(person("target"), "0.1").pk}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kwargs", "method"), ROUTES)
def test_every_operations_route_refuses_anonymous_and_roleless_users(
    client: Client, name: str, kwargs: dict[str, int], method: str
) -> None:
    url = _url(name, kwargs)
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert getattr(signed_in(person("nobody")), method)(url).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), [(n, k) for n, k, m in ROUTES if m == "post"])
def test_a_reader_cannot_post_to_any_operations_route(
    reader: User, name: str, kwargs: dict[str, int]
) -> None:
    url = _url(name, kwargs)
    count = StaffAssignment.objects.count()
    response = signed_in(reader).post(url, {"title": "x", "fiscal_year": FY})
    assert response.status_code == 403
    assert StaffAssignment.objects.count() == count
    assert not AuditEntry.objects.exists()


def test_a_program_officer_adds_a_priority_and_a_budget_line(officer: User) -> None:
    client = signed_in(officer)
    added = client.post(
        reverse("assistance:operations-priority"),
        {"title": "Partnerships", "order": 2, "fiscal_year": FY},
    )
    assert added.status_code == 302
    priority = StrategicPriority.objects.get(title="Partnerships")
    line = client.post(
        reverse("assistance:operations-budget"),
        {
            "fiscal_year": FY,
            "priority": priority.pk,
            "category": "travel",
            "amount_usd": "42000",
        },
    )
    assert line.status_code == 302
    assert line["Location"].startswith(f"{reverse('assistance:operations')}?fy={FY}")
    assert BudgetLine.objects.get().amount_usd == Decimal(42000)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "operations.priority.add",
        "operations.budget.add",
    ]
