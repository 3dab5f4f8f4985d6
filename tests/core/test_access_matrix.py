"""Every route, for every role, against an access table written out by hand.

The table below says, for each named route (and for the embargoed ones, once on a published
and once on an unpublished cycle), what each role gets on GET: the page, a redirect, the
sign-in page, 403 or 404. A second table says the same for POST on every route that takes
one, and for every role without write permission the test also checks that nothing was
written (no row inserted, updated or deleted, which covers the audit log).

A new route fails ``test_every_route_has_an_address_and_an_expected_row`` until it is given an
address below and a row in the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from councils.helpers import matrix_ids as _councils
from routing import all_routes, writes
from tipmon.assessments.models import CountryAssessment, CycleMember, ReportingCycle, Role, State
from tipmon.assessments.publication import publish_cycle
from tipmon.assessments.services import draft_narrative, open_cycle
from tipmon.assistance import programs as program_services
from tipmon.assistance import targeting_app
from tipmon.assistance.access import EDITOR_GROUP, READER_GROUP
from tipmon.assistance.forms_targeting import DEFAULT_PROGRAMS, TargetingForm
from tipmon.assistance.models import (
    Activity,
    Attachment,
    Compact,
    CompactIndicator,
    Contribution,
    Milestone,
    Objective,
    Program,
    ReportingPeriod,
    SavedScenario,
    StaffAssignment,
)
from tipmon.assistance.models.grants import Grant
from tipmon.evidence.access import CONFIDENTIAL_GROUP
from tipmon.evidence.models import Document, EvidenceItem, Submission
from tipmon.site.seed import seed_site
from tipmon.tiers.models import TierPlacement
from tipmon.trends.models import LawEnforcementYear, UnodcFigure

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("access-matrix")]

PUBLISHED, EMBARGOED = 2026, 2027
PROGRAM = "NPL-2025-01"

# The roles, in the column order of the tables below.
ROLES = (
    "anon",  # anonymous reader
    "none",  # signed in, no role, no group, not staff
    "desk",  # desk officer of Nepal's bureau (SCA) on both cycles
    "desk-x",  # desk officer of another bureau (EAP) on both cycles
    "review",  # regional reviewer on both cycles
    "edit",  # report editor on both cycles
    "appr",  # approver on both cycles
    "read",  # the "assistance readers" group
    "po",  # the "program officers" group
    "staff",  # Django staff, no permission, no group, no cycle role
    "super",  # Django superuser (no cycle role)
    "conf",  # regional reviewer in the "confidential evidence" group
)
CYCLE_ROLES = {
    "desk": (Role.DESK_OFFICER, "SCA"),
    "desk-x": (Role.DESK_OFFICER, "EAP"),
    "review": (Role.REGIONAL_REVIEWER, ""),
    "edit": (Role.REPORT_EDITOR, ""),
    "appr": (Role.APPROVER, ""),
    "conf": (Role.REGIONAL_REVIEWER, ""),
}

# Addresses. ``{name}`` stands for an id of the fixture data (see ``World``); a label with
# ``#published`` or ``#embargoed`` is its route on the published or the unpublished cycle.
P, E = f"{PUBLISHED}", f"{EMBARGOED}"
A = "/work/assistance"
URLS: dict[str, str] = {
    "site:home": "/",
    # The CMS's pages (seeded in the world below), its documents and its admin (one row for
    # every route under /cms/: tests/site/test_cms_admin_access.py tries each of them).
    "site:search": "/search?q=shelter",
    "site:latest": "/news/",
    "site:policy-issues": "/policy-issues/",
    "site:programs": "/international-programs/",
    "site:compacts": "/compact-partnerships/",
    "site:councils": "/advisory-councils/",
    "site:domestic-workers": "/domestic-workers-protections/",
    "wagtail_serve": "/news/country-record-open-data/",
    "wagtailcore_authenticate_with_password": "/_util/authenticate_with_password/1/1/",
    "wagtaildocs_serve": "/documents/1/missing.pdf",
    "wagtaildocs_authenticate_with_password": "/documents/authenticate_with_password/1/",
    "wagtailadmin_home": "/cms/",
    "countries:index": "/countries",
    "countries:profile": "/countries/NPL",
    "tiers:latest": "/tiers",
    "tiers:year#published": f"/tiers/{P}",
    "tiers:year#embargoed": f"/tiers/{E}",
    "tiers:statute#published": f"/tiers/{P}/statute",
    "tiers:statute#embargoed": f"/tiers/{E}/statute",
    "trends:index": "/trends/",
    "trends:transitions": "/trends/transitions",
    "trends:movers": "/trends/movers",
    "trends:law-enforcement": "/trends/law-enforcement",
    "trends:victims": "/trends/victims",
    "trends:compare": "/trends/compare?country=NPL",
    "trends:coverage": "/trends/coverage",
    "trends:map": "/trends/map",
    "trends:forecast": "/trends/forecast",
    "trends:legacy-law-enforcement": "/law-enforcement",
    "data:sources": "/data/sources",
    "opendata:index": "/data/open",
    "opendata:dictionary": "/data/open/dictionary",
    "opendata:datapackage": "/data/open/datapackage.json",
    "opendata:download": "/data/open/tier_placements.csv",
    "set-language": "/language/es/?next=/countries",
    "assistance:programs": f"{A}/",
    "assistance:program-new": f"{A}/programs/new",
    "assistance:program": f"{A}/programs/{PROGRAM}/",
    "assistance:program-edit": f"{A}/programs/{PROGRAM}/edit",
    "assistance:funding": f"{A}/programs/{PROGRAM}/funding",
    "assistance:indicator": f"{A}/programs/{PROGRAM}/indicators",
    "assistance:period": f"{A}/programs/{PROGRAM}/periods",
    "assistance:value": f"{A}/programs/{PROGRAM}/values",
    "assistance:report": f"{A}/programs/{PROGRAM}/reports",
    "assistance:program-csv": f"{A}/programs/{PROGRAM}/figures/funding-npl-2025-01.csv",
    "assistance:attachment": A + "/attachments/{attachment}",
    "assistance:country": f"{A}/countries/NPL/",
    "assistance:country-csv": f"{A}/countries/NPL/figures/country-npl-funding.csv",
    "assistance:objective": f"{A}/objectives/protection/",
    "assistance:objective-csv": f"{A}/objectives/protection/figures/"
    "objective-protection-funding.csv",
    "assistance:compacts": f"{A}/compacts/",
    "assistance:compact-new": f"{A}/compacts/new",
    "assistance:compact": A + "/compacts/{compact}/",
    "assistance:compact-edit": A + "/compacts/{compact}/edit",
    "assistance:compact-objective": A + "/compacts/{compact}/objectives",
    "assistance:compact-activity": A + "/compacts/{compact}/activities",
    "assistance:compact-milestone": A + "/compacts/{compact}/milestones",
    "assistance:compact-complete": A + "/compacts/{compact}/milestones/{milestone}",
    "assistance:compact-indicator": A + "/compacts/{compact}/indicators",
    "assistance:compact-target": A + "/compacts/{compact}/targets",
    "assistance:compact-contribution": A + "/compacts/{compact}/contributions",
    "assistance:compact-delivery": A + "/compacts/{compact}/contributions/{contribution}",
    "assistance:operations": f"{A}/operations",
    "assistance:operations-priority": f"{A}/operations/priorities",
    "assistance:operations-budget": f"{A}/operations/budget",
    "assistance:operations-staff": f"{A}/operations/staff",
    "assistance:operations-staff-remove": A + "/operations/staff/{assignment}/remove",
    "assistance:operations-desk-officers": f"{A}/operations/desk-officers",
    "assistance:targeting": f"{A}/targeting/",
    # No scenario in the query: a 400, after the role check.
    "assistance:targeting-csv": f"{A}/targeting/allocation.csv",
    "assistance:targeting-save": f"{A}/targeting/save",
    "assistance:targeting-inputs": f"{A}/targeting/inputs",
    "assistance:targeting-scenarios": f"{A}/targeting/scenarios/",
    "assistance:targeting-scenario": A + "/targeting/scenarios/{scenario}/",
    "assistance:targeting-scenario-csv": A + "/targeting/scenarios/{scenario}/allocation.csv",
    "assistance:targeting-compare": A + "/targeting/compare?a={scenario}&b={other_scenario}",
    "assistance:targeting-compare-csv": A
    + "/targeting/compare.csv?a={scenario}&b={other_scenario}",
    "assistance:iati": f"{A}/iati.xml",
    "assistance:program-iati": f"{A}/programs/{PROGRAM}/iati.xml",
    "evidence:submit": "/submissions/new",
    "documents:form": "/domestic-workers/",
    "documents:translations": "/domestic-workers/translations",
    "evidence:dashboard": "/work/evidence/",
    "evidence:process-pending": "/work/evidence/process-pending",
    "evidence:document": "/work/evidence/documents/{document}/",
    "evidence:original": "/work/evidence/documents/{document}/original",
    "evidence:queue": "/work/evidence/review/",
    "evidence:item": "/work/evidence/items/{item}/",
    "evidence:submissions": "/work/evidence/submissions/",
    "evidence:submission": "/work/evidence/submissions/{submission}/",
    "evidence:labels": "/work/evidence/reviews.jsonl",
    "councils:index": "/councils/",
    "councils:recommendations": "/councils/recommendations/",
    "councils:progress": "/councils/progress/2025/",
    "councils:progress-pdf": "/councils/progress/2025/report.pdf",
    "councils:photo": "/councils/members/{council_member}/photo.jpg",
    "councils:council": "/councils/survivors/",
    "councils:public-member": "/councils/survivors/members/{council_member}/",
    "councils:public-meeting": "/councils/survivors/meetings/{council_meeting}/",
    "councils:interagency": "/interagency/",
    "councils:interagency-csv": "/interagency/commitments.csv",
    "councils:work-home": "/work/councils/",
    "councils:member": "/work/councils/members/{council_member}/",
    "councils:member-edit": "/work/councils/members/{council_member}/edit",
    "councils:member-consent": "/work/councils/members/{council_member}/consent",
    "councils:member-photo": "/work/councils/members/{council_member}/photo",
    "councils:meeting": "/work/councils/meetings/{council_meeting}/",
    "councils:meeting-edit": "/work/councils/meetings/{council_meeting}/edit",
    "councils:report": "/work/councils/reports/{council_report}/",
    "councils:rec-new": "/work/councils/reports/{council_report}/recommendations/new",
    "councils:recommendation": "/work/councils/recommendations/{council_rec}/",
    "councils:rec-edit": "/work/councils/recommendations/{council_rec}/edit",
    "councils:response-new": "/work/councils/recommendations/{council_rec}/responses/new",
    "councils:work-council": "/work/councils/survivors/",
    "councils:member-new": "/work/councils/survivors/members/new",
    "councils:meeting-new": "/work/councils/survivors/meetings/new",
    "councils:report-new": "/work/councils/survivors/reports/new",
    "councils:commitments": "/work/interagency/",
    "councils:commitment-new": "/work/interagency/new",
    "councils:commitment-edit": "/work/interagency/{commitment}/edit",
    "assessments:home": "/work/",
    "assessments:dashboard#published": f"/work/{P}/",
    "assessments:dashboard#embargoed": f"/work/{E}/",
    "assessments:publish": f"/work/{E}/publish",
    "assessments:interim#published": f"/work/{P}/interim",
    "assessments:interim#embargoed": f"/work/{E}/interim",
    "assessments:assessment#published": f"/work/{P}/NPL/",
    "assessments:assessment#embargoed": f"/work/{E}/NPL/",
    "assessments:move": f"/work/{E}/NPL/move",
    "assessments:comment": f"/work/{E}/NPL/comment",
    "assessments:engagement": f"/work/{E}/NPL/engagement",
    "assessments:narrative": f"/work/{E}/NPL/narrative",
    "assessments:diff#published": f"/work/{P}/NPL/diff",
    "assessments:diff#embargoed": f"/work/{E}/NPL/diff",
    "publishing:index": "/reports",
    "publishing:report#published": f"/reports/{P}/",
    "publishing:report#embargoed": f"/reports/{E}/",
    "publishing:pdf#published": f"/reports/{P}/report.pdf",
    "publishing:pdf#embargoed": f"/reports/{E}/report.pdf",
    "publishing:interim#published": f"/reports/{P}/interim",
    "publishing:interim#embargoed": f"/reports/{E}/interim",
    "publishing:country#published": f"/reports/{P}/NPL",
    "publishing:country#embargoed": f"/reports/{E}/NPL",
    "login": "/accounts/login/",
    "logout": "/accounts/logout/",
    "password_change": "/accounts/password_change/",
    "password_change_done": "/accounts/password_change/done/",
    "password_reset": "/accounts/password_reset/",
    "password_reset_done": "/accounts/password_reset/done/",
    "password_reset_confirm": "/accounts/reset/MQ/set-password/",
    "password_reset_complete": "/accounts/reset/done/",
    "api-v1:api-root": "/api/v1/",
    "api-v1:openapi-json": "/api/v1/openapi.json",
    "api-v1:openapi-view": "/api/v1/docs",
    "api-v1:countries": "/api/v1/countries",
    "api-v1:resolve": "/api/v1/countries/resolve?name=Nepal",
    "api-v1:country": "/api/v1/countries/NPL",
    "api-v1:country_tiers": "/api/v1/countries/NPL/tiers",
    "api-v1:country_unodc": "/api/v1/countries/NPL/unodc",
    "api-v1:country_statute_status": "/api/v1/countries/NPL/statute",
    "api-v1:country_tier_forecast": "/api/v1/countries/NPL/forecast",
    "api-v1:report_years": "/api/v1/tiers",
    "api-v1:placements": "/api/v1/tiers/placements?country=NPL",
    "api-v1:tier_list_of_year#published": f"/api/v1/tiers/{P}",
    "api-v1:tier_list_of_year#embargoed": f"/api/v1/tiers/{E}",
    "api-v1:statute_of_year#published": f"/api/v1/tiers/{P}/statute",
    "api-v1:statute_of_year#embargoed": f"/api/v1/tiers/{E}/statute",
    "api-v1:check": f"/api/v1/tiers/check?iso3=NPL&year={E}&tier=2wl",
    "api-v1:law_enforcement": "/api/v1/law-enforcement",
    "api-v1:unodc_figures": "/api/v1/unodc?country=NPL",
    "api-v1:countries_law_enforcement": "/api/v1/law-enforcement/countries",
    "api-v1:datasets": "/api/v1/datasets",
    # The admin site; its per-model pages are added from ADMIN_MODELS below.
    "admin:index": "/admin/",
    "admin:login": "/admin/login/",
    "admin:logout": "/admin/logout/",
    "admin:password_change": "/admin/password_change/",
    "admin:password_change_done": "/admin/password_change/done/",
    "admin:autocomplete": "/admin/autocomplete/",
    "admin:jsi18n": "/admin/jsi18n/",
    "admin:view_on_site": "/admin/r/{country_type}/THA/",
    "admin:app_list": "/admin/auth/",
    "admin:catch_all": "/admin/no-such-page/",
}

#: Every model the admin edits, with the fixture object its pages are tried on.
ADMIN_MODELS = {
    "auth.group": "group",
    "auth.user": "user",
    "countries.country": "country",
    "tipdata.dataset": "dataset",
    "tiers.tierplacement": "placement",
    "trends.lawenforcementyear": "law_enforcement",
    "trends.unodcfigure": "unodc",
    "assistance.grant": "grant",
}
ADMIN_PAGES = {
    "changelist": "",
    "add": "add/",
    "history": "{pk}/history/",
    "delete": "{pk}/delete/",
    "change": "{pk}/change/",
    "object": "{pk}/",  # unnamed: redirects to the change page
}
for _model, _key in ADMIN_MODELS.items():
    _app, _name = _model.split(".")
    for _page, _tail in ADMIN_PAGES.items():
        URLS[f"admin:{_app}_{_name}_{_page}"] = f"/admin/{_app}/{_name}/" + _tail.replace(
            "{pk}", "{" + _key + "}"
        )
URLS["admin:auth_user_password_change"] = "/admin/auth/user/{user}/password/"


def route_key(route: str, name: str) -> str:
    """The label of a walked route: its name, or for the admin's unnamed ones a made-up one."""
    if route.startswith("cms/"):
        return "wagtailadmin_home"  # the CMS admin, as one row (see URLS)
    if not name.endswith(":None"):
        return name
    if route == "admin/(?P<url>.*)$":
        return "admin:catch_all"
    found = re.fullmatch(r"admin/(\w+)/(\w+)/<path:object_id>/", route)
    assert found, f"an unnamed route needs a label here: {route}"
    return f"admin:{found[1]}_{found[2]}_object"


def parse_table(text: str) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for line in text.strip().splitlines():
        if line.startswith("#"):
            continue
        label, *cells = line.split()
        assert len(cells) == len(ROLES), f"{label}: {len(cells)} cells for {len(ROLES)} roles"
        assert label not in rows, f"{label} twice"
        rows[label] = dict(zip(ROLES, cells, strict=True))
    return rows


# The fixture data, built once for the module inside a transaction rolled back at its end.

TODAY = date.today()
PASSWORD = "a long enough passphrase 42"  # the same as tests/personas.py


@dataclass(frozen=True)
class World:
    users: dict[str, User]
    ids: dict[str, Any]

    def url(self, label: str) -> str:
        return URLS[label].format(**self.ids)


def _publish(cycle: ReportingCycle, approver: User) -> None:
    """A small published cycle: Nepal and Thailand only, both approved at Tier 2."""
    CountryAssessment.objects.filter(cycle=cycle).exclude(country_id__in=("NPL", "THA")).delete()
    for item in CountryAssessment.objects.filter(cycle=cycle).select_related("country", "cycle"):
        item.proposed_tier = item.final_tier = "Tier 2"
        item.narrative = draft_narrative(item)
        item.state = State.APPROVED
        item.save()
    publish_cycle(cycle, approver)
    ReportingCycle.objects.filter(pk=cycle.pk).update(interim_published_at=timezone.now())


def _users() -> dict[str, User]:
    users: dict[str, User] = {}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(
            f"matrix-{role}", password=PASSWORD, is_staff=role in {"staff", "super"},
            is_superuser=role == "super",
        )  # fmt: skip
    users["read"].groups.add(Group.objects.get_or_create(name=READER_GROUP)[0])
    users["po"].groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])
    users["conf"].groups.add(Group.objects.get_or_create(name=CONFIDENTIAL_GROUP)[0])
    return users


def _assistance(officer: User) -> dict[str, Any]:
    program = Program.objects.create(
        code=PROGRAM, title="Shelter and legal aid for survivors", implementer="A Nepali NGO",
        implementer_type="ngo", channel="ngo", country_id="NPL", protection=True,
        start_date=date(2024, 10, 1), end_date=date(2026, 9, 30), status="active",
        program_officer=officer,
    )  # fmt: skip
    program_services.record_funding(
        program, 2025, Decimal(100_000), Decimal(40_000), officer, None, 0, ""
    )
    period = ReportingPeriod.objects.create(
        program=program, label="Year 1", start=date(2024, 10, 1), end=date(2025, 9, 30)
    )
    report = program_services.submit_report(
        program, period, "Shelter opened.",
        [program_services.Upload("notes.txt", 12, lambda: b"First year.\n")], officer,
    )  # fmt: skip
    compact = Compact.objects.create(
        country_id="GHA", title="Ghana Child Protection Compact", start=date(TODAY.year - 1, 1, 1),
        end=date(TODAY.year + 3, 12, 31), status="active", us_commitment_usd=Decimal(5_000_000),
    )  # fmt: skip
    objective = Objective.objects.create(compact=compact, title="Prosecution", order=1)
    activity = Activity.objects.create(objective=objective, title="Train prosecutors")
    milestone = Milestone.objects.create(activity=activity, title="Curriculum", due=TODAY)
    CompactIndicator.objects.create(compact=compact, objective=objective, title="Cases")
    contribution = Contribution.objects.create(
        compact=compact, year=TODAY.year, kind="financial", description="Shelter budget",
        committed_usd=Decimal(200_000), delivered_usd=Decimal(0),
    )  # fmt: skip
    assignment = StaffAssignment.objects.create(
        user=officer, role="program_officer", fiscal_year=2025, fte_share=Decimal("0.5"),
        country_id="NPL",
    )  # fmt: skip
    scenarios = [_scenario(officer, name, budget) for name, budget in (("A", 9), ("B", 12))]
    return {
        "attachment": Attachment.objects.get(report=report).pk,
        "compact": compact.pk,
        "milestone": milestone.pk,
        "contribution": contribution.pk,
        "assignment": assignment.pk,
        "scenario": scenarios[0].pk,
        "other_scenario": scenarios[1].pk,
    }


def _scenario(officer: User, name: str, millions: int) -> SavedScenario:
    form = TargetingForm(
        {"run": "1", "name": name, "budget": str(millions * 10**6), "need": "0.4",
         "will": "0.25", "capacity": "0.15", "funding_gap": "0.2", "method": "min-max",
         "missing": "midpoint", "trajectory_years": "5", "funding_years": "5",
         "programs": DEFAULT_PROGRAMS, "default_cap": "900000"}
    )  # fmt: skip
    assert form.is_valid(), form.errors
    return targeting_app.save_scenario(form.spec, officer)


def _admin_objects(users: dict[str, User]) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType

    from tipmon.countries.models import Country
    from tipmon.data.models import Dataset

    return {
        "group": Group.objects.get(name=READER_GROUP).pk,
        "user": users["none"].pk,
        "country": "THA",
        "country_type": ContentType.objects.get_for_model(Country).pk,
        # The publication's dataset: the admin's delete page lists few related rows.
        "dataset": Dataset.objects.order_by("-pk").first().pk,  # type: ignore[union-attr]
        "placement": TierPlacement.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "law_enforcement": LawEnforcementYear.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "unodc": UnodcFigure.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "grant": Grant.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
    }


def _evidence() -> dict[str, Any]:
    """A processed document with one proposed item on Nepal for the unpublished cycle, and
    a public submission."""
    text = "Nepali police investigated 45 trafficking cases; write to victim@example.org."
    document = Document.objects.create(
        sha256="e" * 64, filename="cib.txt", size=len(text), source_kind="government",
        status="done", masked_text=text.replace("victim@example.org", "█" * 18),
        original_text=text,
    )  # fmt: skip
    item = EvidenceItem.objects.create(
        document=document, passage_index=0, start=0, end=len(text), country_id="NPL",
        report_year=EMBARGOED, pillar="prosecution", criteria=["C1"], figures=[],
        confidence=0.9, proposal={"country": "NPL"},
    )  # fmt: skip
    submission = Submission.objects.create(
        receipt="TIP-2026-TESTTEST", organization="An NGO", contact_name="Jo",
        contact_email="jo@example.org", period_start=date(2025, 4, 1),
        period_end=date(2026, 3, 31), text="What we saw.",
    )  # fmt: skip
    return {"document": document.pk, "item": item.pk, "submission": submission.pk}


@contextmanager
def _each_pdf_rendered_once() -> Iterator[None]:
    """The report PDF is rendered once (WeasyPrint takes seconds) and served again to the
    other roles: what is tested here is who gets it; tests/publishing tests what it holds."""
    from tipmon.publishing import views

    rendered: dict[int, bytes] = {}
    real = views.report_pdf

    def once(report: Any) -> bytes:
        if report.year not in rendered:
            rendered[report.year] = real(report)
        return rendered[report.year]

    views.report_pdf = once
    try:
        yield
    finally:
        views.report_pdf = real


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=media),
        _each_pdf_rendered_once(),
        transaction.atomic(),
    ):
        users = _users()
        cycles = [open_cycle(PUBLISHED), open_cycle(EMBARGOED)]
        for role, (kind, bureau) in CYCLE_ROLES.items():
            for cycle in cycles:
                CycleMember.objects.create(cycle=cycle, user=users[role], role=kind, bureau=bureau)
        _publish(cycles[0], users["appr"])
        # A proposed tier lets the desk officer draft a narrative from the assessment.
        CountryAssessment.objects.filter(cycle=cycles[1], country_id="NPL").update(
            proposed_tier="Tier 2"
        )
        ids = _assistance(users["po"]) | _admin_objects(users) | _evidence() | _councils()
        seed_site()
        yield World(users, ids)
        transaction.set_rollback(True)


# Running the requests.


def outcome(response: Any) -> str:
    """A status as the tables write it: ``in`` is a redirect to a sign-in page."""
    if response.status_code == 302:
        where = response["Location"]
        return "in" if where.startswith(("/accounts/login/", "/admin/login/")) else "302"
    return str(response.status_code)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anon":
        client.force_login(world.users[role])
    return client


class Rollback(Exception):
    """Raised to undo what one request wrote."""


def attempt(client: Client, method: str, url: str, data: dict[str, Any]) -> tuple[str, int]:
    """One request in a savepoint that is rolled back: its outcome and the rows it changed."""
    before = writes()
    result = ""
    try:
        with transaction.atomic():
            if method == "get":
                result = outcome(client.get(url))
            else:
                result = outcome(client.post(url, data))
            changed = writes() - before
            raise Rollback
    except Rollback:
        pass
    return result, changed


# What each role gets on GET. ``in``: a redirect to a sign-in page; ``302``/``301``: another
# redirect; ``400``: the role check passed and the request itself was refused.
# A desk officer ("desk") holds Nepal's bureau; "desk-x" another bureau's: Nepal is hidden.
GET = parse_table("""
#  route                         anon none desk desk-x review edit appr read po  staff super conf
site:home                             200  200  200  200   200   200  200  200  200  200  200  200
site:search                           200  200  200  200   200   200  200  200  200  200  200  200
site:latest                           200  200  200  200   200   200  200  200  200  200  200  200
site:policy-issues                    200  200  200  200   200   200  200  200  200  200  200  200
site:programs                         200  200  200  200   200   200  200  200  200  200  200  200
site:compacts                         200  200  200  200   200   200  200  200  200  200  200  200
site:councils                         200  200  200  200   200   200  200  200  200  200  200  200
site:domestic-workers                 200  200  200  200   200   200  200  200  200  200  200  200
wagtail_serve                         200  200  200  200   200   200  200  200  200  200  200  200
wagtailcore_authenticate_with_password 404 404  404  404   404   404  404  404  404  404  404  404
wagtaildocs_serve                     404  404  404  404   404   404  404  404  404  404  404  404
wagtaildocs_authenticate_with_password 404 404  404  404   404   404  404  404  404  404  404  404
wagtailadmin_home                     in   in   in   in    in    in   in   in   in   in   200  in
countries:index                       200  200  200  200   200   200  200  200  200  200  200  200
countries:profile                     200  200  200  200   200   200  200  200  200  200  200  200
tiers:latest                          302  302  302  302   302   302  302  302  302  302  302  302
tiers:year#published                  200  200  200  200   200   200  200  200  200  200  200  200
tiers:year#embargoed                  404  404  404  404   404   404  404  404  404  404  404  404
tiers:statute#published               200  200  200  200   200   200  200  200  200  200  200  200
tiers:statute#embargoed               404  404  404  404   404   404  404  404  404  404  404  404
trends:index                          200  200  200  200   200   200  200  200  200  200  200  200
trends:transitions                    200  200  200  200   200   200  200  200  200  200  200  200
trends:movers                         200  200  200  200   200   200  200  200  200  200  200  200
trends:law-enforcement                200  200  200  200   200   200  200  200  200  200  200  200
trends:victims                        200  200  200  200   200   200  200  200  200  200  200  200
trends:compare                        200  200  200  200   200   200  200  200  200  200  200  200
trends:coverage                       200  200  200  200   200   200  200  200  200  200  200  200
trends:map                            200  200  200  200   200   200  200  200  200  200  200  200
trends:forecast                       200  200  200  200   200   200  200  200  200  200  200  200
trends:legacy-law-enforcement         301  301  301  301   301   301  301  301  301  301  301  301
data:sources                          200  200  200  200   200   200  200  200  200  200  200  200
opendata:index                        200  200  200  200   200   200  200  200  200  200  200  200
opendata:dictionary                   200  200  200  200   200   200  200  200  200  200  200  200
opendata:datapackage                  200  200  200  200   200   200  200  200  200  200  200  200
opendata:download                     200  200  200  200   200   200  200  200  200  200  200  200
set-language                          302  302  302  302   302   302  302  302  302  302  302  302
assistance:programs                   in   403  200  200   200   200  200  200  200  200  200  200
assistance:program-new                in   403  403  403   403   403  403  403  200  403  200  403
assistance:program                    in   403  200  200   200   200  200  200  200  200  200  200
assistance:program-edit               in   403  403  403   403   403  403  403  200  403  200  403
assistance:funding                    in   403  403  403   403   403  403  403  200  403  200  403
assistance:indicator                  in   403  403  403   403   403  403  403  200  403  200  403
assistance:period                     in   403  403  403   403   403  403  403  200  403  200  403
assistance:value                      in   403  403  403   403   403  403  403  200  403  200  403
assistance:report                     in   403  403  403   403   403  403  403  200  403  200  403
assistance:program-csv                in   403  200  200   200   200  200  200  200  200  200  200
assistance:attachment                 in   403  200  200   200   200  200  200  200  200  200  200
assistance:country                    in   403  200  200   200   200  200  200  200  200  200  200
assistance:country-csv                in   403  200  200   200   200  200  200  200  200  200  200
assistance:objective                  in   403  200  200   200   200  200  200  200  200  200  200
assistance:objective-csv              in   403  200  200   200   200  200  200  200  200  200  200
assistance:compacts                   in   403  200  200   200   200  200  200  200  200  200  200
assistance:compact-new                in   403  403  403   403   403  403  403  200  403  200  403
assistance:compact                    in   403  200  200   200   200  200  200  200  200  200  200
assistance:compact-edit               in   403  403  403   403   403  403  403  200  403  200  403
assistance:compact-objective          in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-activity           in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-milestone          in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-complete           in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-indicator          in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-target             in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-contribution       in   403  405  405   405   405  405  405  405  405  405  405
assistance:compact-delivery           in   403  405  405   405   405  405  405  405  405  405  405
assistance:operations                 in   403  200  200   200   200  200  200  200  200  200  200
assistance:operations-priority        in   403  405  405   405   405  405  405  405  405  405  405
assistance:operations-budget          in   403  405  405   405   405  405  405  405  405  405  405
assistance:operations-staff           in   403  405  405   405   405  405  405  405  405  405  405
assistance:operations-staff-remove    in   403  405  405   405   405  405  405  405  405  405  405
assistance:operations-desk-officers   in   403  405  405   405   405  405  405  405  405  405  405
assistance:targeting                  in   403  200  200   200   200  200  200  200  200  200  200
assistance:targeting-csv              in   403  400  400   400   400  400  400  400  400  400  400
assistance:targeting-save             in   405  405  405   405   405  405  405  405  405  405  405
assistance:targeting-inputs           in   403  200  200   200   200  200  200  200  200  200  200
assistance:targeting-scenarios        in   403  200  200   200   200  200  200  200  200  200  200
assistance:targeting-scenario         in   403  200  200   200   200  200  200  200  200  200  200
assistance:targeting-scenario-csv     in   403  200  200   200   200  200  200  200  200  200  200
assistance:targeting-compare          in   403  200  200   200   200  200  200  200  200  200  200
assistance:targeting-compare-csv      in   403  200  200   200   200  200  200  200  200  200  200
assistance:iati                       in   403  200  200   200   200  200  200  200  200  200  200
assistance:program-iati               in   403  200  200   200   200  200  200  200  200  200  200
evidence:submit                       200  200  200  200   200   200  200  200  200  200  200   200
documents:form                        200  200  200  200   200   200  200  200  200  200  200   200
documents:translations                200  200  200  200   200   200  200  200  200  200  200   200
evidence:dashboard                    in   403  200  200   200   200  200  403  403  200  200   200
evidence:process-pending              in   405  405  405   405   405  405  405  405  405  405   405
evidence:document                     in   403  200  200   200   200  200  403  403  200  200   200
evidence:original                     in   403  403  403   403   403  403  403  403  403  403   200
evidence:queue                        in   403  200  200   200   200  200  403  403  200  200   200
evidence:item                         in   403  200  200   200   200  200  403  403  200  200   200
evidence:submissions                  in   403  200  200   200   200  200  403  403  200  200   200
evidence:submission                   in   403  200  200   200   200  200  403  403  200  200   200
evidence:labels                       in   403  200  200   200   200  200  403  403  200  200   200
councils:index                        200  200  200  200   200   200  200  200  200  200  200   200
councils:recommendations              200  200  200  200   200   200  200  200  200  200  200   200
councils:progress                     200  200  200  200   200   200  200  200  200  200  200   200
councils:progress-pdf                 200  200  200  200   200   200  200  200  200  200  200   200
councils:photo                        200  200  200  200   200   200  200  200  200  200  200   200
councils:council                      200  200  200  200   200   200  200  200  200  200  200   200
councils:public-member                200  200  200  200   200   200  200  200  200  200  200   200
councils:public-meeting               200  200  200  200   200   200  200  200  200  200  200   200
councils:interagency                  200  200  200  200   200   200  200  200  200  200  200   200
councils:interagency-csv              200  200  200  200   200   200  200  200  200  200  200   200
councils:work-home                    in   403  200  200   200   200  200  403  403  200  200   200
councils:member                       in   403  200  200   200   200  200  403  403  200  200   200
councils:member-edit                  in   403  403  403   403   403  403  403  403  403  403   403
councils:member-consent               in   405  405  405   405   405  405  405  405  405  405   405
councils:member-photo                 in   403  200  200   200   200  200  403  403  200  200   200
councils:meeting                      in   403  200  200   200   200  200  403  403  200  200   200
councils:meeting-edit                 in   403  403  403   403   403  403  403  403  403  403   403
councils:report                       in   403  200  200   200   200  200  403  403  200  200   200
councils:rec-new                      in   403  403  403   403   403  403  403  403  403  403   403
councils:recommendation               in   403  200  200   200   200  200  403  403  200  200   200
councils:rec-edit                     in   403  403  403   403   403  403  403  403  403  403   403
councils:response-new                 in   403  403  403   403   403  403  403  403  403  403   403
councils:work-council                 in   403  200  200   200   200  200  403  403  200  200   200
councils:member-new                   in   403  403  403   403   403  403  403  403  403  403   403
councils:meeting-new                  in   403  403  403   403   403  403  403  403  403  403   403
councils:report-new                   in   403  403  403   403   403  403  403  403  403  403   403
councils:commitments                  in   403  200  200   200   200  200  403  403  200  200   200
councils:commitment-new               in   403  403  403   403   403  403  403  403  403  403   403
councils:commitment-edit              in   403  403  403   403   403  403  403  403  403  403   403
assessments:home                      in   200  200  200   200   200  200  200  200  200  200  200
assessments:dashboard#published       in   404  200  200   200   200  200  404  404  404  404  200
assessments:dashboard#embargoed       in   404  200  200   200   200  200  404  404  404  404  200
assessments:publish                   in   405  405  405   405   405  405  405  405  405  405  405
assessments:interim#published         in   404  200  200   200   200  200  404  404  404  404  200
assessments:interim#embargoed         in   404  200  200   200   200  200  404  404  404  404  200
assessments:assessment#published      in   404  200  404   200   200  200  404  404  404  404  200
assessments:assessment#embargoed      in   404  200  404   200   200  200  404  404  404  404  200
assessments:move                      in   405  405  405   405   405  405  405  405  405  405  405
assessments:comment                   in   405  405  405   405   405  405  405  405  405  405  405
assessments:engagement                in   405  405  405   405   405  405  405  405  405  405  405
assessments:narrative                 in   405  405  405   405   405  405  405  405  405  405  405
assessments:diff#published            in   404  200  404   200   200  200  404  404  404  404  200
assessments:diff#embargoed            in   404  200  404   200   200  200  404  404  404  404  200
publishing:index                      200  200  200  200   200   200  200  200  200  200  200  200
publishing:report#published           200  200  200  200   200   200  200  200  200  200  200  200
publishing:report#embargoed           404  404  404  404   404   404  404  404  404  404  404  404
publishing:pdf#published              200  200  200  200   200   200  200  200  200  200  200  200
publishing:pdf#embargoed              404  404  404  404   404   404  404  404  404  404  404  404
publishing:interim#published          200  200  200  200   200   200  200  200  200  200  200  200
publishing:interim#embargoed          404  404  404  404   404   404  404  404  404  404  404  404
publishing:country#published          200  200  200  200   200   200  200  200  200  200  200  200
publishing:country#embargoed          404  404  404  404   404   404  404  404  404  404  404  404
login                                 200  200  200  200   200   200  200  200  200  200  200  200
logout                                405  405  405  405   405   405  405  405  405  405  405  405
password_change                       in   200  200  200   200   200  200  200  200  200  200  200
password_change_done                  in   200  200  200   200   200  200  200  200  200  200  200
password_reset                        200  200  200  200   200   200  200  200  200  200  200  200
password_reset_done                   200  200  200  200   200   200  200  200  200  200  200  200
password_reset_confirm                200  200  200  200   200   200  200  200  200  200  200  200
password_reset_complete               200  200  200  200   200   200  200  200  200  200  200  200
api-v1:api-root                       404  404  404  404   404   404  404  404  404  404  404  404
api-v1:openapi-json                   200  200  200  200   200   200  200  200  200  200  200  200
api-v1:openapi-view                   200  200  200  200   200   200  200  200  200  200  200  200
api-v1:countries                      200  200  200  200   200   200  200  200  200  200  200  200
api-v1:resolve                        200  200  200  200   200   200  200  200  200  200  200  200
api-v1:country                        200  200  200  200   200   200  200  200  200  200  200  200
api-v1:country_tiers                  200  200  200  200   200   200  200  200  200  200  200  200
api-v1:country_unodc                  200  200  200  200   200   200  200  200  200  200  200  200
api-v1:country_statute_status         200  200  200  200   200   200  200  200  200  200  200  200
api-v1:country_tier_forecast          200  200  200  200   200   200  200  200  200  200  200  200
api-v1:report_years                   200  200  200  200   200   200  200  200  200  200  200  200
api-v1:placements                     200  200  200  200   200   200  200  200  200  200  200  200
api-v1:tier_list_of_year#published    200  200  200  200   200   200  200  200  200  200  200  200
api-v1:tier_list_of_year#embargoed    404  404  404  404   404   404  404  404  404  404  404  404
api-v1:statute_of_year#published      200  200  200  200   200   200  200  200  200  200  200  200
api-v1:statute_of_year#embargoed      404  404  404  404   404   404  404  404  404  404  404  404
api-v1:check                          200  200  200  200   200   200  200  200  200  200  200  200
api-v1:law_enforcement                200  200  200  200   200   200  200  200  200  200  200  200
api-v1:unodc_figures                  200  200  200  200   200   200  200  200  200  200  200  200
api-v1:countries_law_enforcement      200  200  200  200   200   200  200  200  200  200  200  200
api-v1:datasets                       200  200  200  200   200   200  200  200  200  200  200  200
admin:index                           in   in   in   in    in    in   in   in   in   200  200  in
admin:login                           200  200  200  200   200   200  200  200  200  302  302  200
admin:logout                          302  302  302  302   302   302  302  302  302  405  405  302
admin:password_change                 in   in   in   in    in    in   in   in   in   200  200  in
admin:password_change_done            in   in   in   in    in    in   in   in   in   200  200  in
admin:autocomplete                    in   in   in   in    in    in   in   in   in   403  403  in
admin:jsi18n                          in   in   in   in    in    in   in   in   in   200  200  in
admin:view_on_site                    in   in   in   in    in    in   in   in   in   404  404  in
admin:app_list                        in   in   in   in    in    in   in   in   in   404  200  in
admin:catch_all                       in   in   in   in    in    in   in   in   in   404  404  in
admin:auth_user_password_change       in   in   in   in    in    in   in   in   in   403  200  in
""")
#: The admin's pages for one model answer alike for every model: staff without a permission
#: get 403, everyone not staff the admin's sign-in page.
ADMIN_GET = {
    "changelist": "in   in   in   in    in    in   in   in   in   403  200   in",
    "add": "in   in   in   in    in    in   in   in   in   403  200   in",
    "history": "in   in   in   in    in    in   in   in   in   403  200   in",
    "delete": "in   in   in   in    in    in   in   in   in   403  200   in",
    "change": "in   in   in   in    in    in   in   in   in   403  200   in",
    "object": "in   in   in   in    in    in   in   in   in   302  302   in",
}
#: Datasets are loaded from files, never added by hand (``has_add_permission`` is False).
ADMIN_GET_EXCEPTIONS = {
    "admin:tipdata_dataset_add": "in   in   in   in    in    in   in   in   in   403  403   in",
}
for _model in ADMIN_MODELS:
    _app, _name = _model.split(".")
    for _page, _cells in ADMIN_GET.items():
        _label = f"admin:{_app}_{_name}_{_page}"
        _row = ADMIN_GET_EXCEPTIONS.get(_label, _cells)
        GET[_label] = dict(zip(ROLES, _row.split(), strict=True))


# What each role gets on POST, where a route takes one. A ``w`` after the status says the
# request writes; every other cell must leave the database as it was. On the unpublished
# cycle Nepal's assessment is a draft: its desk officer holds the pen. A ``302`` without
# ``w`` on a workspace route is the way back to the page with the refusal as a message
# (nothing written, which the test checks); 400 is a writer's form refused as incomplete.
POST = parse_table("""
#  route                         anon none desk desk-x review edit appr read po   staff super conf
evidence:submit                       400  400  400  400   400   400  400  400  400  400  400   400
documents:form                        400  400  400  400   400   400  400  400  400  400  400   400
evidence:dashboard                    in   403  400  400   400   400  400  403  403  400  400   400
evidence:process-pending              in   403  302  302   302   302  302  403  403  302  302   302
evidence:item                         in   403  302w 403   302w  302w 302w 403  403  403  403   302w
assessments:assessment#embargoed      in   404  302w 404   403   403  403  404  404  404  404  403
assessments:assessment#published      in   404  403  404   403   403  403  404  404  404  404  403
assessments:move                      in   404  302w 404   302   302  302  404  404  404  404  302
assessments:comment                   in   404  302w 404   302w  302w 302w 404  404  404  404  302w
assessments:engagement                in   404  302w 404   302w  302w 302w 404  404  404  404  302w
assessments:narrative                 in   404  302w 404   302   302  302  404  404  404  404  302
assessments:publish                   in   404  302  302   302   302  302  404  404  404  404  302
assessments:interim#embargoed         in   404  403  403   400   400  400  404  404  404  404  400
assessments:interim#published         in   404  403  403   400   400  400  404  404  404  404  400
assistance:program-new                in   403  403  403   403   403  403  403  400  403  400  403
assistance:program-edit               in   403  403  403   403   403  403  403  400  403  400  403
assistance:funding                    in   403  403  403   403   403  403  403  400  403  400  403
assistance:indicator                  in   403  403  403   403   403  403  403  400  403  400  403
assistance:period                     in   403  403  403   403   403  403  403  302w 403  302w  403
assistance:value                      in   403  403  403   403   403  403  403  400  403  400  403
assistance:report                     in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-new                in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-edit               in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-objective          in   403  403  403   403   403  403  403  302w 403  302w  403
assistance:compact-activity           in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-milestone          in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-complete           in   403  403  403   403   403  403  403  302w 403  302w  403
assistance:compact-indicator          in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-target             in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-contribution       in   403  403  403   403   403  403  403  400  403  400  403
assistance:compact-delivery           in   403  403  403   403   403  403  403  302w 403  302w  403
assistance:operations-priority        in   403  403  403   403   403  403  403  302w 403  302w  403
assistance:operations-budget          in   403  403  403   403   403  403  403  400  403  400  403
assistance:operations-staff           in   403  403  403   403   403  403  403  400  403  400  403
assistance:operations-staff-remove    in   403  403  403   403   403  403  403  302w 403  302w  403
assistance:operations-desk-officers   in   403  403  403   403   403  403  403  400  403  400  403
assistance:targeting-save             in   403  403  403   403   403  403  403  400  403  400  403
councils:member-edit                  in   403  403  403   403   403  403  403  403  403  403   403
councils:member-consent               in   403  403  403   403   403  403  403  403  403  403   403
councils:meeting-edit                 in   403  403  403   403   403  403  403  403  403  403   403
councils:rec-new                      in   403  403  403   403   403  403  403  403  403  403   403
councils:rec-edit                     in   403  403  403   403   403  403  403  403  403  403   403
councils:response-new                 in   403  403  403   403   403  403  403  403  403  403   403
councils:member-new                   in   403  403  403   403   403  403  403  403  403  403   403
councils:meeting-new                  in   403  403  403   403   403  403  403  403  403  403   403
councils:report-new                   in   403  403  403   403   403  403  403  403  403  403   403
councils:commitment-new               in   403  403  403   403   403  403  403  403  403  403   403
councils:commitment-edit              in   403  403  403   403   403  403  403  403  403  403   403
admin:auth_group_add                  in   in   in   in    in    in   in   in   in   403  302w  in
admin:auth_group_change               in   in   in   in    in    in   in   in   in   403  302w  in
admin:auth_group_delete               in   in   in   in    in    in   in   in   in   403  302w  in
admin:auth_group_changelist           in   in   in   in    in    in   in   in   in   403  302w  in
admin:auth_user_password_change       in   in   in   in    in    in   in   in   in   403  302w  in
""")
NEW_PASSWORD = "another long passphrase 43"

#: Pages whose reading is itself recorded: a successful GET writes one audit-log row.
AUDITED_READS = {"evidence:original"}


def _assessment_form(year: int) -> dict[str, Any]:
    """What Nepal's assessment page posts unchanged, built from the assessment's own rows."""
    item = CountryAssessment.objects.get(cycle__report_year=year, country_id="NPL")
    findings = list(item.findings.all())
    data: dict[str, Any] = {"version": item.version, "proposed_tier": "", "narrative": "",
                            "f-TOTAL_FORMS": len(findings), "f-INITIAL_FORMS": len(findings),
                            "r-TOTAL_FORMS": 0, "r-INITIAL_FORMS": 0}  # fmt: skip
    for i, finding in enumerate(findings):
        data |= {f"f-{i}-id": finding.pk, f"f-{i}-rating": finding.rating,
                 f"f-{i}-text": finding.text, f"f-{i}-evidence": ""}  # fmt: skip
    return data


#: What is posted; a route without an entry gets an empty form.
POST_DATA: dict[str, Any] = {
    "assessments:assessment#embargoed": lambda world: _assessment_form(EMBARGOED),
    "assessments:assessment#published": lambda world: _assessment_form(PUBLISHED),
    "assessments:move": {"action": "submit", "reason": ""},
    "assessments:comment": {"section": "tier", "text": "Which evidence supports Tier 2?"},
    "assessments:engagement": {"kind": "bilateral", "held_on": "2026-06-01", "summary": "Met"},
    "assessments:narrative": {"version": "1"},
    "assessments:interim#embargoed": {"note-NPL": "A new shelter opened."},
    "assessments:interim#published": {"note-NPL": "A new shelter opened."},
    "assistance:period": {"label": "Year 2", "start": "2025-10-01", "end": "2026-09-30"},
    "assistance:compact-objective": {"title": "Prevention in schools", "order": "2"},
    "assistance:operations-priority": {"title": "Partners", "order": "2", "fiscal_year": "2026"},
    "evidence:item": lambda world: {"version": "1", "action": "accept"},
    "admin:auth_group_add": {"name": "auditors"},
    "admin:auth_group_change": {"name": "readers renamed"},
    "admin:auth_group_delete": {"post": "yes"},
    "admin:auth_group_changelist": lambda world: {
        "action": "delete_selected",
        "_selected_action": [world.ids["group"]],
        "post": "yes",
    },
    "admin:auth_user_password_change": {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
}
#: Forms open to anyone whose POST may write a session or a throttle row by design (signing
#: in and out, password reset and change); tests/core/test_throttle.py covers them.
OPEN_FORMS = {
    "login", "logout", "password_change", "password_reset", "password_reset_confirm",
    "admin:login", "admin:logout", "admin:password_change",
}  # fmt: skip


def post_data(world: World, label: str) -> dict[str, Any]:
    data = POST_DATA.get(label, {})
    return dict(data(world) if callable(data) else data)


# The tests.


def test_every_route_has_an_address_and_an_expected_row() -> None:
    walked = {route_key(route, name) for route, name in all_routes()}
    labelled = {label.split("#")[0] for label in URLS}
    assert walked - labelled == set(), "give these routes an address in URLS and a row in GET"
    assert labelled - walked == set(), "these addresses name no route"
    assert set(GET) == set(URLS)
    assert set(POST) <= set(URLS)
    assert set(POST_DATA) <= set(POST)
    for label in URLS:
        assert "#" not in label or label.split("#")[1] in {"published", "embargoed"}, label


def test_each_address_reaches_the_route_it_is_listed_for(world: World) -> None:
    from django.urls import resolve

    for label in URLS:
        path = world.url(label).split("?")[0]
        match = resolve(path)
        name = match.view_name if match.url_name else ""
        assert name == label.split("#")[0] or not name, (label, path, name)


def test_no_refused_post_is_listed_as_a_success() -> None:
    for label, row in POST.items():
        for role, cell in row.items():
            if not cell.endswith("w"):
                assert not cell.startswith("2"), f"{label} {role}: a refused POST cannot be 2xx"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says_on_get(world: World, role: str) -> None:
    client = client_for(world, role)
    wrong, wrote = [], []
    for label in URLS:
        result, changed = attempt(client, "get", world.url(label), {})
        if result != GET[label][role]:
            wrong.append(f"{label}: {result}, expected {GET[label][role]}")
        if changed and not (label in AUDITED_READS and result == "200" and changed == 1):
            wrote.append(label)
    assert not wrong, f"{role} on GET:\n" + "\n".join(wrong)
    assert not wrote, f"{role}: a GET wrote to the database at {wrote}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_write_only_where_the_table_says(world: World, role: str) -> None:
    client = client_for(world, role)
    wrong = []
    for label, row in POST.items():
        result, changed = attempt(client, "post", world.url(label), post_data(world, label))
        expected = row[role]
        if result != expected.rstrip("w"):
            wrong.append(f"{label}: {result}, expected {expected}")
        elif changed and not expected.endswith("w"):
            wrong.append(f"{label}: {result} but {changed} rows changed")
        elif expected.endswith("w") and not changed:
            wrong.append(f"{label}: {result} and nothing written, expected a write")
    assert not wrong, f"{role} on POST:\n" + "\n".join(wrong)


def _admin_model_page(label: str) -> bool:
    return label.startswith("admin:") and label.rsplit("_", 1)[-1] in ADMIN_PAGES


@pytest.mark.parametrize("role", ["anon", "none", "desk", "po", "staff", "super"])
def test_routes_without_a_post_row_write_nothing_when_posted(world: World, role: str) -> None:
    """A superuser may change anything in the admin (the group rows of POST show those
    writes are seen); everywhere else a POST without a row writes nothing for anyone."""
    client = client_for(world, role)
    wrong = []
    for label in URLS:
        if label in POST or label.split("#")[0] in OPEN_FORMS:
            continue
        if role == "super" and _admin_model_page(label):
            continue
        result, changed = attempt(client, "post", world.url(label), {})
        if changed or result not in {GET[label][role], "405", "403", "in"}:
            wrong.append(f"{label}: {result}, {changed} rows changed")
    assert not wrong, f"{role} posting where no POST is expected:\n" + "\n".join(wrong)


def test_a_desk_officer_of_another_bureau_sees_no_row_of_nepal_on_the_dashboard(
    world: World,
) -> None:
    """The dashboard lists proposed tiers: a bureau-scoped desk officer sees their bureau's."""
    CountryAssessment.objects.filter(cycle__report_year=EMBARGOED, country_id="NPL").update(
        proposed_tier="Tier 3"
    )
    other = client_for(world, "desk-x").get(f"/work/{EMBARGOED}/").content.decode()
    own = client_for(world, "desk").get(f"/work/{EMBARGOED}/").content.decode()
    reviewer = client_for(world, "review").get(f"/work/{EMBARGOED}/").content.decode()
    nepal = f'href="/work/{EMBARGOED}/NPL/"'
    assert nepal not in other
    assert f'href="/work/{EMBARGOED}/THA/"' in other  # Thailand is in EAP
    assert nepal in own
    assert f'href="/work/{EMBARGOED}/THA/"' not in own
    assert nepal in reviewer
