"""End to end in Debian chromium: a program officer records an actual and sees it drawn
against its target on the program page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser

from browsing import debian_chromium
from personas import PASSWORD
from tipmon.assistance.access import EDITOR_GROUP
from tipmon.assistance.models import Indicator, IndicatorValue, Program, ReportingPeriod

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def award(bundled_data_transactional: None) -> Program:
    officer = User.objects.create_user("officer", password=PASSWORD)
    officer.groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])
    program = Program.objects.create(
        code="NPL-2025-01", title="Shelter and legal aid", implementer="A Nepali NGO",
        implementer_type="ngo", channel="ngo", country_id="NPL", protection=True,
        start_date=date(2024, 10, 1), end_date=date(2026, 9, 30), status="active",
    )  # fmt: skip
    indicator = Indicator.objects.create(
        program=program, code="V1", title="Survivors assisted", disaggregation="sex"
    )
    period = ReportingPeriod.objects.create(
        program=program, label="Year 1", start=date(2024, 10, 1), end=date(2025, 9, 30)
    )
    IndicatorValue.objects.create(
        indicator=indicator, period=period, kind="target", value=Decimal(100)
    )
    return program


@pytest.fixture
def browser(award: Program) -> Iterator[Browser]:
    with debian_chromium() as launched:
        yield launched


def test_a_program_officer_records_an_actual_and_sees_the_chart(
    browser: Browser, live_server: object
) -> None:
    base = str(live_server)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/accounts/login/?next=/work/assistance/programs/NPL-2025-01/values")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/programs/NPL-2025-01/values")
    page.select_option("#id_indicator", label="V1 Survivors assisted")
    page.select_option("#id_period", label="Year 1 (2024-10-01 to 2025-09-30)")
    page.select_option("#id_kind", "actual")
    page.select_option("#id_sex", "female")
    page.fill("#id_value", "64")
    page.click("#assistance-form button[type=submit]")
    page.wait_for_url("**/programs/NPL-2025-01/")
    assert "Actual recorded." in page.inner_text("main")
    chart = page.locator("#chart-indicator-v1")
    chart.locator("svg").first.wait_for()
    assert chart.get_attribute("data-rendered") == "true"
    row = page.inner_text("#table-indicator-v1 tbody tr")
    assert "Year 1" in row
    assert "100" in row
    assert "64" in row
    assert not errors
