"""The program services on a real database: rules refuse with a message and save nothing,
concurrent edits do not overwrite each other, every write is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from tipmon.assistance import programs as services
from tipmon.assistance.access import NoAssistanceAccess
from tipmon.assistance.models import Funding, Indicator, IndicatorValue, Program, ReportingPeriod
from tipmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_disbursement_above_the_obligation_is_refused_and_nothing_is_saved(
    program: Program, program_officer: User
) -> None:
    services.record_funding(program, 2025, Decimal("250000"), Decimal("100000"), program_officer)
    before = AuditEntry.objects.count()
    with pytest.raises(services.AssistanceError) as refused:
        services.record_funding(program, 2026, Decimal("0"), Decimal("200000"), program_officer)
    message = str(refused.value)
    assert "fiscal year 2026" in message
    assert "$300,000.00" in message
    assert "$250,000.00" in message
    assert "Nothing was saved" in message
    assert list(Funding.objects.filter(program=program).values_list("fiscal_year", flat=True)) == [
        2025
    ]
    assert AuditEntry.objects.count() == before


def test_lowering_an_earlier_obligation_below_what_was_spent_is_refused(
    program: Program, program_officer: User
) -> None:
    line = services.record_funding(program, 2025, Decimal(100), Decimal(100), program_officer)
    with pytest.raises(services.AssistanceError, match="fiscal year 2025"):
        services.record_funding(
            program, 2025, Decimal(50), Decimal(100), program_officer, expected_version=line.version
        )
    assert Funding.objects.get(pk=line.pk).obligated_usd == Decimal(100)


def test_funding_is_recorded_and_audited(program: Program, program_officer: User) -> None:
    line = services.record_funding(program, 2025, Decimal("1000.50"), Decimal(0), program_officer)
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "funding.record"
    assert entry.object_id == str(line.pk)
    assert entry.detail["obligated"] == "1000.50"
    assert entry.user_id == program_officer.pk


def test_a_second_editor_on_a_stale_funding_line_gets_a_conflict(
    program: Program, program_officer: User
) -> None:
    line = services.record_funding(program, 2025, Decimal(100), Decimal(0), program_officer)
    services.record_funding(program, 2025, Decimal(200), Decimal(0), program_officer, None, 1)
    with pytest.raises(services.ConcurrentEdit, match="now version 2"):
        services.record_funding(program, 2025, Decimal(300), Decimal(0), program_officer, None, 1)
    assert Funding.objects.get(pk=line.pk).obligated_usd == Decimal(200)


def test_a_reader_cannot_write(program: Program, assistance_reader: User) -> None:
    with pytest.raises(NoAssistanceAccess):
        services.record_funding(program, 2025, Decimal(1), Decimal(0), assistance_reader)
    assert not Funding.objects.exists()


def test_a_reporting_period_outside_the_award_is_refused(
    program: Program, program_officer: User
) -> None:
    with pytest.raises(services.AssistanceError, match="outside the award's period"):
        services.add_period(
            program, "Year 3", date(2026, 10, 1), date(2027, 9, 30), program_officer
        )
    assert not ReportingPeriod.objects.exists()


def _indicator(program: Program, disaggregation: str = "sex", unit: str = "count") -> Indicator:
    return Indicator.objects.create(
        program=program, code="V1", title="Victims assisted", unit=unit,
        disaggregation=disaggregation,
    )  # fmt: skip


def test_an_actual_for_a_period_outside_the_award_is_refused(
    program: Program, program_officer: User
) -> None:
    indicator = _indicator(program)
    # A period stored before the award was shortened by other means lies outside it now.
    late = ReportingPeriod.objects.create(
        program=program, label="Year 3", start=date(2026, 10, 1), end=date(2027, 9, 30)
    )
    with pytest.raises(services.AssistanceError) as refused:
        services.record_value(
            indicator, late, services.Cell("actual", "total", "total"), Decimal(12), program_officer
        )
    assert "The actual for Year 3" in str(refused.value)
    assert "outside the award's period" in str(refused.value)
    assert not IndicatorValue.objects.exists()


def test_values_by_sex_are_recorded_and_a_stale_edit_conflicts(
    program: Program, program_officer: User
) -> None:
    indicator = _indicator(program)
    period = services.add_period(
        program, "Year 1", date(2024, 10, 1), date(2025, 9, 30), program_officer
    )
    female = services.Cell("actual", "female", "total")
    first = services.record_value(indicator, period, female, Decimal(40), program_officer)
    services.record_value(indicator, period, female, Decimal(41), program_officer, None, 1)
    with pytest.raises(services.ConcurrentEdit):
        services.record_value(indicator, period, female, Decimal(99), program_officer, None, 1)
    assert IndicatorValue.objects.get(pk=first.pk).value == Decimal(41)
    with pytest.raises(services.AssistanceError, match="disaggregated by sex only"):
        services.record_value(
            indicator, period, services.Cell("actual", "total", "child"), Decimal(3),
            program_officer,
        )  # fmt: skip


def test_a_program_edit_on_a_stale_version_conflicts_and_keeps_the_newer_one(
    program: Program, program_officer: User
) -> None:
    services.update_program(program, {"title": "First edit"}, 1, program_officer)
    with pytest.raises(services.ConcurrentEdit, match="now version 2"):
        services.update_program(program, {"title": "Second edit"}, 1, program_officer)
    assert Program.objects.get(pk=program.pk).title == "First edit"
    assert AuditEntry.objects.filter(action="program.update").count() == 1


def test_a_program_needs_one_scope_and_an_objective_area(program_officer: User) -> None:
    values = {
        "code": "X-1", "title": "t", "implementer": "i", "implementer_type": "ngo",
        "channel": "ngo", "country": None, "bureau": "", "start_date": date(2025, 1, 1),
        "end_date": date(2024, 1, 1), "criteria": ["C99"],
    }  # fmt: skip
    with pytest.raises(services.AssistanceError) as refused:
        services.create_program(values, program_officer)
    message = str(refused.value)
    assert "either a country or a bureau" in message
    assert "at least one objective area" in message
    assert "ends (2024-01-01) on or before it starts" in message
    assert "Unknown criteria codes: C99" in message
    assert not Program.objects.filter(code="X-1").exists()


def test_changing_the_award_dates_cannot_strand_a_reporting_period(
    program: Program, program_officer: User
) -> None:
    services.add_period(program, "Year 2", date(2025, 10, 1), date(2026, 9, 30), program_officer)
    with pytest.raises(services.AssistanceError, match="Year 2"):
        services.update_program(program, {"end_date": date(2026, 3, 31)}, 1, program_officer)
