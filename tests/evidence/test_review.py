"""Reviewing proposed evidence: accept, correct, reject; filing into the assessment;
concurrent reviews; who may review."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from personas import member
from tipmon.assessments.models import CountryAssessment, Finding, ReportingCycle, Role
from tipmon.core.models import AuditEntry
from tipmon.evidence import services
from tipmon.evidence.models import Document, DocumentStatus, EvidenceItem, ItemStatus

TEXT = (
    "Nepal's Central Investigation Bureau investigated 45 trafficking cases in 2025, "
    "compared with 30 the previous year, and the courts convicted 12 traffickers."
)


def make_item(country: str = "NPL", year: int | None = 2026, **fields: Any) -> EvidenceItem:
    document = Document.objects.create(
        sha256=f"{EvidenceItem.objects.count():064d}",
        filename="cib-annual-2025.txt",
        size=len(TEXT),
        source_kind="government",
        status=DocumentStatus.DONE,
        masked_text=TEXT,
        original_text=TEXT,
    )
    figures = [
        {
            "metric": "investigations",
            "form": "total",
            "period": "current",
            "value": 45,
            "span": {"page": None, "start": 50, "end": 52},
        }
    ]
    proposal = {
        "country": country,
        "pillar": "prosecution",
        "criteria": ["C1"],
        "report_year": year,
        "figures": figures,
    }
    values = {
        "document": document,
        "passage_index": 0,
        "start": 0,
        "end": len(TEXT),
        "country_id": country,
        "report_year": year,
        "pillar": "prosecution",
        "criteria": ["C1"],
        "figures": figures,
        "confidence": 0.9,
        "proposal": proposal,
    }
    return EvidenceItem.objects.create(**(values | fields))


def test_accepting_files_the_item_into_the_assessment_with_a_citation(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = make_item()
    services.review(item.pk, desk_officer, "accept", item.version)
    item.refresh_from_db()
    assessment = CountryAssessment.objects.get(cycle=cycle, country_id="NPL")
    assert item.status == ItemStatus.ACCEPTED
    assert item.assessment == assessment
    assert item.reviewed_by == desk_officer
    assert item.version == 2
    finding = Finding.objects.get(assessment=assessment, standard="C1")
    assert f"Evidence #{item.pk}: cib-annual-2025.txt" in finding.evidence
    assert AuditEntry.objects.filter(action="evidence.accepted").exists()


def test_accepting_twice_cites_the_item_once(desk_officer: User, cycle: ReportingCycle) -> None:
    item = make_item()
    services.review(item.pk, desk_officer, "accept", 1)
    services.review(item.pk, desk_officer, "accept", 2)
    finding = Finding.objects.get(
        assessment__cycle=cycle, assessment__country_id="NPL", standard="C1"
    )
    assert finding.evidence.count(f"Evidence #{item.pk}:") == 1


def test_a_correction_keeps_the_proposal_as_labelled_data(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = make_item()
    figures = services.parse_figures(
        "investigations total current 45\ninvestigations total previous 30"
    )
    correction = services.Correction("NPL", 2026, "prosecution", ["C1", "C11"], figures)
    services.review(item.pk, desk_officer, "correct", 1, correction)
    item.refresh_from_db()
    assert item.status == ItemStatus.CORRECTED
    assert item.criteria == ["C1", "C11"]
    assert len(item.figures) == 2
    assert item.proposal["criteria"] == ["C1"]
    (row,) = services.labelled_data()
    assert row["proposed"]["criteria"] == ["C1"]
    assert row["reviewed"]["criteria"] == ["C1", "C11"]
    assert row["decision"] == "corrected"
    assert Finding.objects.get(assessment=item.assessment, standard="C11").evidence


def test_rejecting_files_nothing(desk_officer: User, cycle: ReportingCycle) -> None:
    item = make_item()
    services.review(item.pk, desk_officer, "reject", 1)
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.assessment is None
    assert not Finding.objects.filter(evidence__contains=f"Evidence #{item.pk}:").exists()


def test_a_second_reviewer_with_a_stale_form_overwrites_nothing(
    desk_officer: User, reviewer: User, cycle: ReportingCycle
) -> None:
    item = make_item()
    services.review(item.pk, desk_officer, "reject", 1)
    with pytest.raises(services.ConcurrentEdit):
        services.review(item.pk, reviewer, "accept", 1)
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.reviewed_by == desk_officer


def test_a_desk_officer_of_another_bureau_cannot_review(cycle: ReportingCycle) -> None:
    other = member(cycle, "desk-eap", Role.DESK_OFFICER, "EAP")
    item = make_item()
    with pytest.raises(PermissionError):
        services.review(item.pk, other, "accept", 1)
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED
    assert item.version == 1


def test_evidence_for_a_published_report_is_refused(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    ReportingCycle.objects.filter(pk=cycle.pk).update(published_at=timezone.now())
    item = make_item()
    with pytest.raises(services.ReviewError, match="published"):
        services.review(item.pk, desk_officer, "accept", 1)


def test_an_item_without_a_year_files_into_the_open_cycle(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = make_item(year=None)
    services.review(item.pk, desk_officer, "accept", 1)
    item.refresh_from_db()
    assert item.assessment is not None
    assert item.assessment.cycle == cycle


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prosecutions sex current", "line 1: write"),
        ("arrests total current 4", "metric must be"),
        ("prosecutions both current 4", "form must be"),
        ("prosecutions sex later 4", "period must be"),
        ("prosecutions sex current 4\nconvictions sex current four", "line 2: the value"),
    ],
)
def test_typed_figures_are_checked_line_by_line(text: str, message: str) -> None:
    with pytest.raises(services.ReviewError, match=message):
        services.parse_figures(text)


def test_a_bad_correction_in_the_browser_keeps_what_was_typed(
    desk_officer: User, cycle: ReportingCycle
) -> None:
    item = make_item()
    client = Client()
    client.force_login(desk_officer)
    response = client.post(
        f"/work/evidence/items/{item.pk}/",
        {
            "version": 1,
            "action": "correct",
            "country": "NPL",
            "pillar": "protection",
            "figures": "victims_identified total current many",
            "note": "checked the annex",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "victims_identified total current many" in body
    assert "checked the annex" in body
    assert "the value must be a whole number" in body
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED


def test_a_stale_form_in_the_browser_gets_409_and_the_other_decision(
    desk_officer: User, reviewer: User, cycle: ReportingCycle
) -> None:
    item = make_item()
    services.review(item.pk, reviewer, "reject", 1)
    client = Client()
    client.force_login(desk_officer)
    response = client.post(f"/work/evidence/items/{item.pk}/", {"version": 1, "action": "accept"})
    assert response.status_code == 409
    assert "Somebody else reviewed this item" in response.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
