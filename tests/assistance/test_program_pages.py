"""The assistance pages: who may reach them, forms that keep what was typed, downloads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse

from personas import PASSWORD
from tipmon.assistance import programs as services
from tipmon.assistance.models import Attachment, Funding, IndicatorValue, Program, ProgressReport
from tipmon.assistance.urls import urlpatterns
from tipmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


def routes(program: Program, attachment: int = 1) -> dict[str, str]:
    """A concrete address for every named assistance route."""
    code = program.code
    return {
        "programs": "/work/assistance/",
        "program-new": "/work/assistance/programs/new",
        "program": f"/work/assistance/programs/{code}/",
        "program-edit": f"/work/assistance/programs/{code}/edit",
        "funding": f"/work/assistance/programs/{code}/funding",
        "indicator": f"/work/assistance/programs/{code}/indicators",
        "period": f"/work/assistance/programs/{code}/periods",
        "value": f"/work/assistance/programs/{code}/values",
        "report": f"/work/assistance/programs/{code}/reports",
        "program-csv": f"/work/assistance/programs/{code}/figures/funding-{code.lower()}.csv",
        "attachment": f"/work/assistance/attachments/{attachment}",
        "country": "/work/assistance/countries/NPL/",
        "country-csv": "/work/assistance/countries/NPL/figures/country-npl-funding.csv",
        "objective": "/work/assistance/objectives/protection/",
        "objective-csv": "/work/assistance/objectives/protection/figures/objective-protection-"
        "funding.csv",
    }


WRITE_ROUTES = {"program-new", "program-edit", "funding", "indicator", "period", "value", "report"}


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def attachment(program: Program, program_officer: User) -> Attachment:
    period = services.add_period(
        program, "Year 1", date(2024, 10, 1), date(2025, 9, 30), program_officer
    )
    report = services.submit_report(
        program, period, "Shelter opened.",
        [services.Upload("shelter.pdf", len(PDF), lambda: PDF)], program_officer,
    )  # fmt: skip
    return report.attachments.get()


def test_every_route_has_an_address_in_these_tests(program: Program) -> None:
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == set(routes(program))


def test_anonymous_users_are_sent_to_sign_in_everywhere(
    client: Client, program: Program, attachment: Attachment
) -> None:
    for name, url in routes(program, attachment.pk).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name


def test_a_signed_in_user_without_a_role_is_refused_everywhere(
    no_role: User, program: Program, attachment: Attachment
) -> None:
    client = signed_in(no_role)
    for name, url in routes(program, attachment.pk).items():
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"title": "x"}).status_code == 403, name


def test_a_reader_reads_every_page_and_may_not_write(
    assistance_reader: User, program: Program, attachment: Attachment
) -> None:
    client = signed_in(assistance_reader)
    for name, url in routes(program, attachment.pk).items():
        if name in WRITE_ROUTES:
            assert client.get(url).status_code == 403, name
            assert client.post(url, {"fiscal_year": "2025"}).status_code == 403, name
        else:
            assert client.get(url).status_code == 200, name
    assert not Funding.objects.exists()


def test_staff_and_cycle_members_read_too(program: Program, desk_officer: User) -> None:
    staff = User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    for user in (staff, desk_officer):
        assert signed_in(user).get(routes(program)["program"]).status_code == 200


def test_a_program_officer_reaches_every_form(
    program_officer: User, program: Program, attachment: Attachment
) -> None:
    client = signed_in(program_officer)
    for name, url in routes(program, attachment.pk).items():
        assert client.get(url).status_code == 200, name


def test_a_refused_disbursement_keeps_what_was_typed_and_saves_nothing(
    program_officer: User, program: Program
) -> None:
    client = signed_in(program_officer)
    response = client.post(
        routes(program)["funding"],
        {"fiscal_year": "2025", "obligated_usd": "1000", "disbursed_usd": "1500.25",
         "note": "typed note", "version": "0"},
    )  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "By the end of fiscal year 2025, $1,500.25 would have been disbursed" in body
    assert 'value="1500.25"' in body
    assert 'value="typed note"' in body
    assert not Funding.objects.exists()


def test_a_stale_program_edit_answers_409_and_keeps_the_users_input(
    program_officer: User, program: Program
) -> None:
    services.update_program(program, {"title": "Saved by a colleague"}, 1, program_officer)
    client = signed_in(program_officer)
    data = {
        "code": program.code, "title": "My own title", "implementer": program.implementer,
        "implementer_type": "ngo", "channel": "ngo", "country": "NPL", "bureau": "",
        "protection": "on", "start_date": "2024-10-01", "end_date": "2026-09-30",
        "status": "active", "version": "1",
    }  # fmt: skip
    response = client.post(routes(program)["program-edit"], data)
    assert response.status_code == 409
    assert "now version 2" in response.content.decode()
    assert 'value="My own title"' in response.content.decode()
    assert Program.objects.get(pk=program.pk).title == "Saved by a colleague"


def test_a_program_officer_records_an_actual_and_sees_it_in_the_chart_data(
    program_officer: User, program: Program
) -> None:
    client = signed_in(program_officer)
    client.post(routes(program)["indicator"], {"code": "V1", "title": "Victims assisted",
                "unit": "count", "direction": "ascending", "disaggregation": "sex"})  # fmt: skip
    client.post(routes(program)["period"], {"label": "Year 1", "start": "2024-10-01",
                "end": "2025-09-30"})  # fmt: skip
    indicator = program.indicators.get()
    period = program.periods.get()
    for kind, sex, value in (("target", "total", "100"), ("actual", "female", "30"),
                             ("actual", "male", "42")):  # fmt: skip
        response = client.post(routes(program)["value"], {
            "indicator": indicator.pk, "period": period.pk, "kind": kind, "sex": sex,
            "age": "total", "value": value, "version": "0"})  # fmt: skip
        assert response.status_code == 302
    page = client.get(routes(program)["program"]).content.decode()
    assert 'id="spec-indicator-v1"' in page
    csv = client.get(f"/work/assistance/programs/{program.code}/figures/indicator-v1.csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("period,period_end,target,actual,achieved,sources")
    assert lines[1].startswith("Year 1,2025-09-30,100,72,0.72,")
    assert "program officers" in lines[1]
    assert IndicatorValue.objects.count() == 3
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"indicator.add", "period.add", "indicator_value.record"} <= actions


def test_an_upload_over_the_limit_is_refused_with_the_report(
    settings: object, program_officer: User, program: Program, tmp_path: Path
) -> None:
    settings.TIPMON_UPLOAD_MAX_BYTES = 100  # type: ignore[attr-defined]
    period = services.add_period(program, "Y1", date(2024, 10, 1), date(2025, 9, 30),
                                 program_officer)  # fmt: skip
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 200, content_type="application/pdf")
    response = signed_in(program_officer).post(
        routes(program)["report"],
        {"period": period.pk, "narrative": "My narrative", "attachments": [big]},
    )
    assert response.status_code == 400
    assert "the limit is 100 bytes" in response.content.decode()
    assert "My narrative" in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_a_fake_pdf_is_refused_by_its_content(program_officer: User, program: Program) -> None:
    period = services.add_period(program, "Y1", date(2024, 10, 1), date(2025, 9, 30),
                                 program_officer)  # fmt: skip
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    good = SimpleUploadedFile("notes.txt", b"fine text", "text/plain")
    response = signed_in(program_officer).post(
        routes(program)["report"],
        {"period": period.pk, "narrative": "n", "attachments": [good, fake]},
    )
    assert response.status_code == 400
    assert "its content is not a PDF file" in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert not Attachment.objects.exists()


def test_an_attachment_is_stored_privately_and_streamed_to_readers(
    assistance_reader: User, attachment: Attachment, tmp_path: Path
) -> None:
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(tmp_path / "media")
    assert stored.name != "shelter.pdf"
    response = signed_in(assistance_reader).get(routes(attachment.report.program)["attachment"]
                                                .replace("/1", f"/{attachment.pk}"))  # fmt: skip
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert 'filename="shelter.pdf"' in response["Content-Disposition"]


def test_the_program_list_filters_and_totals(
    assistance_reader: User, program: Program, program_officer: User
) -> None:
    services.record_funding(program, 2025, Decimal("1000"), Decimal("400"), program_officer)
    services.record_funding(program, 2026, Decimal("500"), Decimal("0"), program_officer)
    client = signed_in(assistance_reader)
    page = client.get("/work/assistance/?country=NPL&objective=protection").content.decode()
    assert "$1,500</strong> obligated" in page
    assert "$400</strong> disbursed" in page
    page = client.get("/work/assistance/?country=NPL&fy=2026").content.decode()
    assert "$500</strong> obligated" in page
    page = client.get("/work/assistance/?country=NPL&objective=prevention").content.decode()
    assert "No program matches" in page


def test_the_assessment_page_links_to_assistance_in_the_country(
    desk_officer: User, program: Program
) -> None:
    page = signed_in(desk_officer).get("/work/2026/NPL/").content.decode()
    assert reverse("assistance:country", args=["NPL"]) in page
    assert "1 program" in page


def test_a_program_officer_creates_a_regional_program_and_it_is_audited(
    program_officer: User,
) -> None:
    response = signed_in(program_officer).post(
        "/work/assistance/programs/new",
        {"code": "AF-REG-1", "title": "Regional prosecutor training", "implementer": "UNODC",
         "implementer_type": "international", "channel": "multilateral", "bureau": "AF",
         "prosecution": "on", "start_date": "2025-01-01", "end_date": "2026-12-31",
         "status": "planned", "criteria": ["C1", "MS1"], "version": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    program = Program.objects.get(code="AF-REG-1")
    assert (program.country_id, program.bureau, program.criteria) == (None, "AF", ["C1", "MS1"])
    entry = AuditEntry.objects.filter(action="program.create").get()
    assert entry.object_id == str(program.pk)
    assert entry.user_id == program_officer.pk


def test_a_progress_report_with_attachments_is_audited_with_their_checksums(
    attachment: Attachment,
) -> None:
    entry = AuditEntry.objects.filter(action="progress_report.submit").get()
    assert entry.detail["attachments"] == [attachment.sha256]
    assert entry.object_id == str(attachment.report_id)
