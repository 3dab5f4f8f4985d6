"""Programs exported as IATI 2.03: valid against the vendored schema, figures intact, the
downloads and the command role-checked, and the assistance pages joined up."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Sum
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from lxml import etree

from personas import PASSWORD
from tipmon.assistance import compacts, iati_export
from tipmon.assistance import programs as services
from tipmon.assistance.grants_import import import_grants
from tipmon.assistance.iati import ACTIVITY_SCHEMA, EXTENSION_NS, PLACEHOLDER_REPORTING_ORG_REF
from tipmon.assistance.models import (
    Funding,
    Indicator,
    IndicatorValue,
    Program,
    ReportingPeriod,
)
from tipmon.assistance.urls_iati import urlpatterns
from tipmon.countries.models import Country

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
GENERATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NS = {"t": EXTENSION_NS}


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ACTIVITY_SCHEMA)))


def assert_valid(xml: bytes) -> etree._Element:
    doc = etree.fromstring(xml)
    schema = _schema()
    assert schema.validate(doc), schema.error_log.last_error
    return doc


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def values(el: etree._Element, path: str) -> list[Decimal]:
    return [Decimal(v) for v in el.xpath(path)]


# The bundled grants.


def test_the_bundled_grants_export_as_one_valid_activity_per_program() -> None:
    import_grants()
    programs = Program.objects.all()
    doc = assert_valid(iati_export.export_programs(programs, GENERATED).xml)
    activities = doc.findall("iati-activity")
    assert len(activities) == programs.count() > 1000
    identifiers = {a.findtext("iati-identifier") for a in activities}
    codes = programs.values_list("code", flat=True)
    assert identifiers == {f"{PLACEHOLDER_REPORTING_ORG_REF}-{code}" for code in codes}
    money = Funding.objects.aggregate(o=Sum("obligated_usd"), d=Sum("disbursed_usd"))
    assert sum(values(doc, "//transaction[transaction-type/@code='2']/value/text()")) == money["o"]
    assert sum(values(doc, "//transaction[transaction-type/@code='3']/value/text()")) == money["d"]
    assert sum(values(doc, "//budget/value/text()")) == money["o"]


def test_a_historical_grant_keeps_its_country_fiscal_year_and_source_row() -> None:
    import_grants()
    program = Program.objects.filter(country__isnull=False, funding__obligated_usd__gt=0).first()
    assert program is not None
    assert program.country is not None
    fy = program.funding.get().fiscal_year
    doc = assert_valid(iati_export.export_programs(iati_export.one(program), GENERATED).xml)
    activity = doc.find("iati-activity")
    assert activity is not None
    assert activity.xpath("recipient-country/@code") == [program.country.iso2]
    assert activity.xpath("activity-status/@code") == ["4"]  # closed
    assert activity.xpath("budget/period-start/@iso-date") == [f"{fy - 1}-10-01"]
    assert activity.xpath("budget/period-end/@iso-date") == [f"{fy}-09-30"]
    assert set(activity.xpath("transaction/transaction-date/@iso-date")) == {f"{fy}-09-30"}
    rows = activity.xpath("t:source/@record", namespaces=NS)
    assert rows == [program.code, f"row {program.source_row}"]


def test_regional_and_global_grants_go_to_the_region_of_their_bureau() -> None:
    import_grants()
    regional = Program.objects.filter(country__isnull=True)
    doc = assert_valid(iati_export.export_programs(regional, GENERATED).xml)
    by_code = {
        a.xpath("other-identifier/@ref")[0]: a.xpath("recipient-region/@code")
        for a in doc.findall("iati-activity")
    }
    for program in regional:
        assert by_code[program.code] == [iati_export.BUREAU_REGIONS[program.bureau]]
    assert not doc.xpath("//recipient-country")


# A program with funding and disaggregated results.


@pytest.fixture
def reported(program: Program, program_officer: User) -> Program:
    """Nepal: FY2025 and FY2026 funding, an indicator by sex and age with targets and actuals."""
    services.record_funding(program, 2025, Decimal("500000"), Decimal("200000"), program_officer)
    services.record_funding(program, 2026, Decimal("300000"), Decimal("150000"), program_officer)
    indicator = services.add_indicator(
        program,
        {
            "code": "PRO-1",
            "title": "Survivors receiving shelter",
            "unit": "count",
            "direction": "ascending",
            "baseline_value": Decimal(12),
            "baseline_year": 2024,
            "disaggregation": "sex_age",
        },
        program_officer,
    )
    year1 = services.add_period(
        program, "Year 1", date(2024, 10, 1), date(2025, 9, 30), program_officer
    )
    figures = [
        ("target", "total", "total", "100"),
        ("target", "female", "total", "60"),
        ("target", "male", "total", "40"),
        ("target", "female", "child", "20"),
        ("actual", "total", "total", "87"),
        ("actual", "female", "total", "55"),
        ("actual", "male", "total", "32"),
        ("actual", "female", "child", "18.5"),
    ]
    for kind, sex, age, value in figures:
        cell = services.Cell(kind, sex, age)
        services.record_value(indicator, year1, cell, Decimal(value), program_officer)
    program.refresh_from_db()
    return program


def _measure(activity: etree._Element, tag: str, **dims: str) -> list[Decimal]:
    """The values of ``tag`` (target or actual) whose dimensions are exactly ``dims``."""
    found = []
    for el in activity.iter(tag):
        got = {d.get("name"): d.get("value") for d in el.findall("dimension")}
        if got == dims:
            found.append(Decimal(el.get("value")))
    return found


def test_a_program_with_funding_and_sex_and_age_results_validates_and_keeps_its_figures(
    reported: Program,
) -> None:
    doc = assert_valid(iati_export.export_programs(iati_export.one(reported), GENERATED).xml)
    (activity,) = doc.findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"{PLACEHOLDER_REPORTING_ORG_REF}-NPL-2025-01"
    assert activity.xpath("recipient-country/@code") == ["NP"]
    assert activity.xpath("activity-status/@code") == ["2"]  # implementation
    assert activity.xpath("activity-date/@type") == ["1", "2", "3"]  # no actual end yet
    assert activity.xpath("participating-org[@role='4']/narrative/text()") == ["A Nepali NGO"]
    description = activity.findtext("description/narrative") or ""
    assert "Objective areas: prosecution, protection." in description
    budgets = [
        (
            b.xpath("period-start/@iso-date")[0],
            b.xpath("period-end/@iso-date")[0],
            Decimal(b.findtext("value") or ""),
        )
        for b in activity.findall("budget")
    ]
    assert budgets == [
        ("2024-10-01", "2025-09-30", Decimal("500000.00")),
        ("2025-10-01", "2026-09-30", Decimal("300000.00")),
    ]
    transactions = [
        (
            t.xpath("transaction-type/@code")[0],
            t.xpath("transaction-date/@iso-date")[0],
            Decimal(t.findtext("value") or ""),
        )
        for t in activity.findall("transaction")
    ]
    # FY2026 is still running on 1 March 2026: dated that day, never in the future.
    assert transactions == [
        ("2", "2025-09-30", Decimal("500000.00")),
        ("3", "2025-09-30", Decimal("200000.00")),
        ("2", "2026-03-01", Decimal("300000.00")),
        ("3", "2026-03-01", Decimal("150000.00")),
    ]
    (indicator,) = activity.iter("indicator")
    assert indicator.findtext("title/narrative") == "PRO-1: Survivors receiving shelter"
    assert indicator.xpath("baseline/@year") == ["2024"]
    assert indicator.xpath("baseline/@value") == ["12.00"]
    assert indicator.xpath("period/period-start/@iso-date") == ["2024-10-01"]
    assert _measure(activity, "target") == [Decimal(100)]
    assert _measure(activity, "target", sex="female") == [Decimal(60)]
    assert _measure(activity, "target", sex="male") == [Decimal(40)]
    assert _measure(activity, "target", sex="female", age="under 18") == [Decimal(20)]
    assert _measure(activity, "actual") == [Decimal(87)]
    assert _measure(activity, "actual", sex="female", age="under 18") == [Decimal("18.5")]


CELLS = [
    (sex, age)
    for sex in ("total", "female", "male", "other")
    for age in ("total", "child", "adult")
]
AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@st.composite
def funding_years(draw: st.DrawFn) -> list[tuple[int, Decimal, Decimal]]:
    """Fiscal years 2025-2026 with obligations, and disbursements within them."""
    lines = []
    for year in draw(st.sets(st.sampled_from([2025, 2026]))):
        obligated = draw(AMOUNTS)
        spent = draw(st.decimals(min_value=0, max_value=obligated, places=2, allow_nan=False))
        lines.append((year, obligated, spent))
    return sorted(lines)


@examples(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=funding_years(),
    figures=st.dictionaries(
        st.tuples(st.sampled_from(["target", "actual"]), st.sampled_from(CELLS)),
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    ),
)
def test_any_funding_and_sex_and_age_values_export_validly_and_add_up(
    program: Program,
    lines: list[tuple[int, Decimal, Decimal]],
    figures: dict[tuple[str, tuple[str, str]], Decimal],
) -> None:
    with transaction.atomic():
        for year, obligated, spent in lines:
            Funding.objects.create(
                program=program, fiscal_year=year, obligated_usd=obligated, disbursed_usd=spent
            )
        indicator = Indicator.objects.create(
            program=program, code="X-1", title="People reached", disaggregation="sex_age"
        )
        period = ReportingPeriod.objects.create(
            program=program, label="Year 1", start=date(2024, 10, 1), end=date(2025, 9, 30)
        )
        for (kind, (sex, age)), value in figures.items():
            IndicatorValue.objects.create(
                indicator=indicator, period=period, kind=kind, sex=sex, age=age, value=value
            )
        xml = iati_export.export_programs(iati_export.one(program), GENERATED).xml
        transaction.set_rollback(True)
    activity = assert_valid(xml).find("iati-activity")
    assert activity is not None
    commitments = values(activity, "transaction[transaction-type/@code='2']/value/text()")
    disbursements = values(activity, "transaction[transaction-type/@code='3']/value/text()")
    assert sum(commitments) == sum(o for _, o, _ in lines)
    assert sum(disbursements) == sum(d for _, _, d in lines)
    for (kind, (sex, age)), value in figures.items():
        dims = {"sex": iati_export.SEX_VALUES.get(sex), "age": iati_export.AGE_VALUES.get(age)}
        wanted = {k: v for k, v in dims.items() if v is not None}
        assert _measure(activity, kind, **wanted) == [value]


def test_the_office_identifier_comes_from_the_setting(
    reported: Program, settings: LazySettings
) -> None:
    settings.TIPMON_IATI_REPORTING_ORG_REF = "US-GOV-99"
    doc = assert_valid(iati_export.export_programs(iati_export.one(reported), GENERATED).xml)
    assert doc.xpath("//iati-identifier/text()") == ["US-GOV-99-NPL-2025-01"]
    assert doc.xpath("//reporting-org/@ref") == ["US-GOV-99"]


def test_a_country_without_an_alpha_2_code_is_refused_by_name(program: Program) -> None:
    Country.objects.filter(iso3="NPL").update(iso2="")
    with pytest.raises(iati_export.ExportRefused, match=r"NPL-2025-01: Nepal .*alpha-2"):
        iati_export.export_programs(iati_export.one(program), GENERATED)


def test_an_empty_selection_is_refused_rather_than_an_invalid_empty_file() -> None:
    with pytest.raises(iati_export.NothingToExport, match="at least one activity"):
        iati_export.export_programs(Program.objects.none(), GENERATED)


# Downloads.


def addresses(program: Program) -> dict[str, str]:
    return {
        "iati": "/work/assistance/iati.xml",
        "program-iati": f"/work/assistance/programs/{program.code}/iati.xml",
    }


def test_every_download_route_has_an_address_here(program: Program) -> None:
    assert {p.name for p in urlpatterns} == set(addresses(program))


def test_anonymous_users_are_sent_to_sign_in_and_users_without_a_role_refused(
    client: Client, program: Program, no_role: User
) -> None:
    for url in addresses(program).values():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login")
        assert signed_in(no_role).get(url).status_code == 403, url


def test_a_reader_downloads_valid_files_and_may_not_post(
    reported: Program, assistance_reader: User
) -> None:
    client = signed_in(assistance_reader)
    for url in addresses(reported).values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/xml")
        assert response["Content-Disposition"].startswith("attachment")
        assert_valid(response.content)
        assert client.post(url).status_code == 405, url


def test_the_download_takes_the_program_list_filters(
    reported: Program, assistance_reader: User
) -> None:
    import_grants()
    client = signed_in(assistance_reader)
    doc = assert_valid(client.get("/work/assistance/iati.xml?country=NPL&status=active").content)
    assert doc.xpath("//other-identifier/@ref") == [reported.code]
    nepal = assert_valid(client.get("/work/assistance/iati.xml?country=npl").content)
    assert len(nepal.findall("iati-activity")) == Program.objects.filter(country="NPL").count()
    assert set(nepal.xpath("//recipient-country/@code")) == {"NP"}
    response = client.get("/work/assistance/iati.xml?country=NPL&fy=1990")
    assert response.status_code == 404
    assert b"at least one activity" in response.content


def test_a_refused_export_says_which_program_and_writes_no_file(
    program: Program, assistance_reader: User
) -> None:
    Country.objects.filter(iso3="NPL").update(iso2="")
    response = signed_in(assistance_reader).get(addresses(program)["program-iati"])
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/plain")
    assert b"NPL-2025-01" in response.content
    assert b"alpha-2" in response.content


# The command.


def test_the_command_writes_a_valid_file_for_one_country(reported: Program, tmp_path: Path) -> None:
    import_grants()
    target = tmp_path / "nepal.xml"
    out = StringIO()
    call_command("assistance", "export-iati", str(target), "--country", "npl", stdout=out)
    doc = assert_valid(target.read_bytes())
    count = Program.objects.filter(country="NPL").count()
    assert len(doc.findall("iati-activity")) == count
    assert f"{count:,} IATI activities" in out.getvalue()
    assert not list(tmp_path.glob("*.partial"))


def test_the_command_refuses_an_unknown_country_or_an_unwritable_export(
    program: Program, tmp_path: Path
) -> None:
    target = tmp_path / "out.xml"
    with pytest.raises(CommandError, match="No country with the ISO3 code 'XXX'"):
        call_command("assistance", "export-iati", str(target), "--country", "XXX")
    Country.objects.filter(iso3="NPL").update(iso2="")
    with pytest.raises(CommandError, match=r"Nothing was written\. Program NPL-2025-01"):
        call_command("assistance", "export-iati", str(target))
    assert not target.exists()


# Joined-up pages.


def test_the_program_list_links_to_compacts_operations_targeting_and_the_filtered_iati_file(
    program: Program, assistance_reader: User
) -> None:
    page = signed_in(assistance_reader).get("/work/assistance/?country=NPL").content.decode()
    for href in (
        "/work/assistance/compacts/",
        "/work/assistance/operations",
        "/work/assistance/targeting/",
        "/work/assistance/iati.xml?country=NPL",
    ):
        assert f'href="{href}"' in page, href


def test_the_country_page_lists_the_country_compacts_with_their_gaps(
    program: Program, program_officer: User, assistance_reader: User
) -> None:
    compact = compacts.create_compact(
        {
            "country": Country.objects.get(iso3="NPL"),
            "title": "Nepal child protection compact",
            "start": date(2023, 1, 1),
            "end": date(2030, 12, 31),
            "status": "active",
            "signed": date(2022, 12, 1),
        },
        program_officer,
    )
    objective = compacts.add_objective(compact, "Prosecute child trafficking", 1, program_officer)
    activity = compacts.add_activity(objective, "Train prosecutors", program_officer)
    compacts.add_milestone(
        activity,
        {"title": "First training", "due": date(2024, 6, 30)},
        date(2026, 1, 1),
        program_officer,
    )
    client = signed_in(assistance_reader)
    page = client.get("/work/assistance/countries/NPL/").content.decode()
    assert 'id="country-compacts"' in page
    assert f'href="/work/assistance/compacts/{compact.pk}/"' in page
    assert "No indicators." in page
    overdue = page.split(compact.title)[1].split("</tr>")[0]
    assert '<td class="text-right">1</td>' in overdue  # the 2024 milestone is overdue
    other = client.get("/work/assistance/countries/THA/").content.decode()
    assert compact.title not in other
    assert 'id="country-compacts-none"' in other


def test_the_workspace_links_to_assistance_only_for_those_who_may_read_it(
    assistance_reader: User, no_role: User
) -> None:
    reader_home = signed_in(assistance_reader).get("/work/").content.decode()
    assert 'id="assistance-links"' in reader_home
    for href in ("/work/assistance/", "/work/assistance/compacts/", "/work/assistance/targeting/"):
        assert f'href="{href}"' in reader_home, href
    assert 'id="assistance-links"' not in signed_in(no_role).get("/work/").content.decode()


# Settings and packaging.


def test_the_default_office_identifier_is_the_writer_placeholder() -> None:
    assert django_settings.TIPMON_IATI_REPORTING_ORG_REF == PLACEHOLDER_REPORTING_ORG_REF


def test_an_identifier_with_spaces_stops_start_up(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TIPMON_")}
    env = base | {"TIPMON_VAR_DIR": str(tmp_path), "TIPMON_IATI_REPORTING_ORG_REF": "US GOV 1"}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='tipmon.settings'; django.setup()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "TIPMON_IATI_REPORTING_ORG_REF must be an IATI organisation identifier" in result.stderr


def test_the_schema_and_its_licence_ship_as_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    package = REPO / "src" / "tipmon" / "assistance" / "iati"
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    needed = {p for p in (package / "schema" / "2.03").iterdir() if p.suffix != ".md"}
    assert {p.name for p in needed} >= {"iati-activities-schema.xsd", "LICENSE", "license.rst"}
    assert needed <= shipped
