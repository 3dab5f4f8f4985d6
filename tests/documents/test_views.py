"""The public form: a valid POST answers with the file; missing, contradictory or
non-standard terms are shown back with what was typed and what to fix; nothing is stored."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

VALID = {
    "language": "en",
    "document": "",
    "format": "pdf",
    "employer_name": "Rima Haddad",
    "employer_address": "12 Rue Gouraud, Beirut",
    "worker_name": "Maria Santos",
    "country": "LBN",
    "wage": "450",
    "currency": "usd",
    "wage_period": "month",
    "hours_per_day": "8",
    "hours_per_week": "48",
    "rest_days": "1",
    "annual_leave_days": "18",
    "passport_holder": "worker",
    "fees_paid_by": "employer",
    "start": "2026-01-05",
    "end": "",
    "duties": "Cooking, cleaning and laundry",
    "accommodation": "live_in",
}


def post(client: Client, **changes: Any) -> Any:
    return client.post("/domestic-workers/", {**VALID, **changes})


def test_the_form_page_explains_the_standards_and_marks_draft_translations(client: Client) -> None:
    page = client.get("/domestic-workers/").content.decode()
    assert "The worker always keeps their own passport" in page
    assert "never charged to the worker" in page
    assert "to be completed by local counsel" in page
    assert "Spanish, French, Arabic, Tagalog, Indonesian versions are machine-drafted" in page
    assert "Arabic (العربية), draft translation" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_valid_terms_give_the_package_as_a_pdf_download(client: Client) -> None:
    response = post(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="domestic-worker-package-en.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 5


def test_one_document_in_arabic_as_docx(client: Client) -> None:
    response = post(client, language="ar", document="complaint", format="docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="domestic-worker-complaint-ar.docx"' in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


def test_generating_documents_stores_nothing(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert post(client).status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_a_passport_held_by_the_employer_is_refused_with_the_reason_and_the_form_kept(
    client: Client,
) -> None:
    response = post(client, passport_holder="employer", worker_name="Maria <b>Santos</b>")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The documents were not generated" in page
    assert "The worker keeps their own passport and identity documents at all times" in page
    assert 'value="Maria &lt;b&gt;Santos&lt;/b&gt;"' in page
    assert 'value="employer" checked' in page
    assert 'value="Cooking, cleaning and laundry"' not in page  # a textarea keeps it as text
    assert "Cooking, cleaning and laundry</textarea>" in page


def test_fees_charged_to_the_worker_are_refused(client: Client) -> None:
    response = post(client, fees_paid_by="worker")
    assert response.status_code == 400
    assert "never charged to the worker" in response.content.decode()


def test_missing_fields_are_each_named_and_what_was_typed_is_kept(client: Client) -> None:
    response = post(client, employer_name="", wage="", start="", country="")
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"employer_name", "wage", "start", "country"}
    page = response.content.decode()
    assert page.count("This is needed for the documents; please fill it in.") >= 4
    assert 'value="Maria Santos"' in page
    assert 'href="#employer_name-group"' in page


def test_contradictory_fields_are_refused_with_what_to_fix(client: Client) -> None:
    response = post(
        client, start="2026-03-01", end="2026-02-01", hours_per_day="6", hours_per_week="45"
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "The end date must come after the start date" in errors["end"][0]
    assert (
        "45 hours a week cannot be worked in 6 working days of 6 hours"
        in (errors["hours_per_week"][0])
    )
    page = response.content.decode()
    assert 'value="2026-02-01"' in page
    assert 'value="45"' in page


def test_a_value_that_does_not_parse_is_marked_once_and_not_as_missing(client: Client) -> None:
    response = post(client, wage="four hundred", rest_days="0")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["wage"] == ["Enter a number."]
    assert "at least one weekly rest day" in errors["rest_days"][0]
    assert 'value="four hundred"' in response.content.decode()


def test_an_unknown_language_or_document_is_refused(client: Client) -> None:
    assert post(client, language="de").status_code == 400
    assert post(client, document="visa").status_code == 400


def test_the_form_needs_a_csrf_token() -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/domestic-workers/", VALID).status_code == 403
    strict.get("/domestic-workers/")
    token = strict.cookies["csrftoken"].value
    response = strict.post("/domestic-workers/", {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 200


def test_the_translations_page_lists_each_language_and_its_review_status(client: Client) -> None:
    page = client.get("/domestic-workers/translations").content.decode()
    assert page.count("Draft translation — to be reviewed by a qualified translator") == 5
    assert '<span lang="ar" dir="rtl">العربية</span> (Arabic)' in page
    assert "review-status.json" in page
