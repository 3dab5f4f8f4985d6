"""Staff uploads and public submissions, through the real pipeline, the real sandbox and
the real database."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tipmon.assessments.models import ReportingCycle
from tipmon.evidence import intake
from tipmon.evidence.access import CONFIDENTIAL_GROUP
from tipmon.evidence.models import Document, DocumentStatus, EvidenceItem, Submission

STORY = (
    "Ghanaian police investigated 45 trafficking cases in 2025 (30 for sex trafficking and "
    "15 for forced labor), compared with 30 cases the previous year. Prosecutors in Accra "
    "charged 12 suspects, and the courts convicted 7 traffickers. The government identified "
    "220 potential victims and referred them to shelters run with civil society.\n\n"
    "A survivor, Ama Mensah (not her real name), told investigators she was recruited with a "
    "false job offer; her recruiter can be reached at +233 24 555 0199 or at "
    "ama.recruiter@example.com."
)
OTHER_STORY = (
    "Peruvian authorities opened an inquiry into forced labor in illegal gold mines in "
    "Madre de Dios, and the labor inspectorate conducted 300 inspections in mining areas, "
    "leading to the rescue of workers who had been paid nothing for months."
)


@pytest.fixture(autouse=True)
def _private_media(settings: object, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_an_upload_becomes_masked_text_and_proposed_items(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    (result,) = intake.take_files([("ghana.txt", STORY.encode())], user=desk_officer)
    assert result.outcome == "processed", result.message
    document = Document.objects.get()
    assert document.status == DocumentStatus.DONE
    assert "ama.recruiter@example.com" not in document.masked_text
    assert "+233 24 555 0199" not in document.masked_text
    assert "ama.recruiter@example.com" in document.original_text
    assert len(document.masked_text) == len(document.original_text)
    items = EvidenceItem.objects.filter(document=document, country_id="GHA")
    assert items.exists()
    figures = {(f["metric"], f["form"], f["period"], f["value"]) for i in items for f in i.figures}
    assert ("investigations", "total", "current", 45) in figures
    assert ("investigations", "total", "previous", 30) in figures


def test_a_second_upload_of_the_same_file_adds_nothing(desk_officer: User) -> None:
    intake.take_files([("ghana.txt", STORY.encode())], user=desk_officer)
    items = EvidenceItem.objects.count()
    (again,) = intake.take_files([("copy.txt", STORY.encode())], user=desk_officer)
    assert again.outcome == "already"
    assert Document.objects.count() == 1
    assert EvidenceItem.objects.count() == items


def test_a_reprinted_story_counts_once(desk_officer: User) -> None:
    intake.take_files([("wire.txt", STORY.encode())], user=desk_officer)
    reprint = "ACCRA (Daily Chronicle) - " + STORY + "\n\nFollow us for more news."
    (result,) = intake.take_files([("reprint.txt", reprint.encode())], user=desk_officer)
    document = Document.objects.get(filename="reprint.txt")
    assert document.duplicate_of is not None
    assert document.duplicate_of.filename == "wire.txt"
    assert not document.items.exists()
    assert "same story" in result.message


def test_a_zip_is_opened_and_a_program_inside_is_refused_with_its_reason(
    desk_officer: User,
) -> None:
    archive = _zip(
        {
            "ghana.txt": STORY.encode(),
            "peru.html": f"<html><body><p>{OTHER_STORY}</p></body></html>".encode(),
            "report.pdf": b"MZ\x90\x00" + b"\x00" * 200,
        }
    )
    results = {r.name: r for r in intake.take_files([("batch.zip", archive)], user=desk_officer)}
    assert results["batch.zip/ghana.txt"].outcome == "processed"
    assert results["batch.zip/peru.html"].outcome == "processed"
    refused = results["batch.zip/report.pdf"]
    assert refused.outcome == "rejected"
    assert "program" in refused.message
    assert Document.objects.get(filename="report.pdf").status == DocumentStatus.REJECTED


def test_a_zip_bomb_is_refused_and_the_rest_of_the_upload_goes_on(desk_officer: User) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"\0" * (60 * 1024 * 1024))
    results = intake.take_files(
        [("bomb.zip", buffer.getvalue()), ("ghana.txt", STORY.encode())], user=desk_officer
    )
    outcomes = {r.name.split(":")[0]: r.outcome for r in results}
    assert outcomes["bomb.zip"] == "rejected"
    assert outcomes["ghana.txt"] == "processed"


def test_an_encrypted_pdf_is_kept_as_rejected_with_a_reason(desk_officer: User) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    data = io.BytesIO()
    writer.write(data)
    (result,) = intake.take_files([("locked.pdf", data.getvalue())], user=desk_officer)
    assert result.outcome == "rejected"
    document = Document.objects.get()
    assert document.rejection_code == "encrypted"
    assert "password" in document.rejection_message.lower()


# Public submissions.

FORM = {
    "organization": "Coalition Against Forced Labour",
    "contact_name": "Jo Researcher",
    "contact_email": "jo@example.org",
    "contact_phone": "+1 202 555 0100",
    "countries": ["GHA"],
    "period_start": "2025-04-01",
    "period_end": "2026-03-31",
    "text": STORY,
}


def test_a_public_submission_gets_a_receipt_and_its_text_is_processed(db: None) -> None:
    response = Client().post("/submissions/new", FORM)
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.receipt in response.content.decode()
    statement = Document.objects.get(submission=submission)
    assert statement.source_kind == "submission"
    assert statement.context_country_id == "GHA"
    assert statement.status == DocumentStatus.DONE


def test_a_filled_honeypot_stores_nothing(db: None) -> None:
    response = Client().post("/submissions/new", FORM | {"website": "http://spam.example"})
    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert not Document.objects.exists()


def test_an_attachment_that_is_a_program_is_refused_and_the_text_kept(db: None) -> None:
    program = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = Client().post("/submissions/new", FORM | {"attachments": [program]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "evidence.pdf" in body
    assert "Coalition Against Forced Labour" in body
    assert "Ghanaian police investigated" in body
    assert not Submission.objects.exists()


def test_a_contradictory_period_is_refused_with_what_was_typed(db: None) -> None:
    response = Client().post("/submissions/new", FORM | {"period_end": "2024-01-01"})
    assert response.status_code == 400
    assert "must end on or after" in response.content.decode()
    assert not Submission.objects.exists()


def test_submissions_from_one_address_are_rate_limited(db: None) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(intake.SUBMISSIONS_PER_HOUR):
        text = STORY + f"\n\nAddendum {n}."
        assert client.post("/submissions/new", FORM | {"text": text}).status_code == 200
    refused = client.post("/submissions/new", FORM | {"text": STORY + " Last one."})
    assert refused.status_code == 400
    assert "wait an hour" in refused.content.decode()
    assert "Last one." in refused.content.decode()
    assert Submission.objects.count() == intake.SUBMISSIONS_PER_HOUR
    assert Client(REMOTE_ADDR="198.51.100.7").post("/submissions/new", FORM).status_code == 200


def test_contact_details_are_only_for_the_confidential_group(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    Client().post("/submissions/new", FORM)
    submission = Submission.objects.get()
    analyst = Client()
    analyst.force_login(desk_officer)
    for url in ("/work/evidence/submissions/", f"/work/evidence/submissions/{submission.pk}/"):
        body = analyst.get(url).content.decode()
        assert "jo@example.org" not in body
        assert "Jo Researcher" not in body
    desk_officer.groups.add(Group.objects.get_or_create(name=CONFIDENTIAL_GROUP)[0])
    body = analyst.get(f"/work/evidence/submissions/{submission.pk}/").content.decode()
    assert "jo@example.org" in body


def test_the_unmasked_original_is_only_for_the_confidential_group(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    intake.take_files([("ghana.txt", STORY.encode())], user=desk_officer)
    document = Document.objects.get()
    client = Client()
    client.force_login(desk_officer)
    page = client.get(f"/work/evidence/documents/{document.pk}/").content.decode()
    assert "ama.recruiter@example.com" not in page
    assert client.get(f"/work/evidence/documents/{document.pk}/original").status_code == 403
    desk_officer.groups.add(Group.objects.get_or_create(name=CONFIDENTIAL_GROUP)[0])
    original = client.get(f"/work/evidence/documents/{document.pk}/original")
    assert "ama.recruiter@example.com" in original.content.decode()
