"""The councils and interagency pages: consent, publication, concurrency, figures, seed."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from PIL import Image

from councils.helpers import Seeded, signed_in
from tipmon.councils.models import (
    AgencyResponse,
    Commitment,
    Consent,
    Meeting,
    Member,
    Recommendation,
)
from tipmon.councils.seed import seed

pytestmark = pytest.mark.django_db


def _public_profile(member: Member) -> str:
    return f"/councils/{member.council.slug}/members/{member.pk}/"


def test_the_seed_is_idempotent(db: None) -> None:
    first = seed()
    counts = [m.objects.count() for m in (Member, Meeting, Recommendation, Commitment, Consent)]
    second = seed()
    assert first.created > 30
    assert second.created == 0
    assert second.existing == first.created
    assert [
        m.objects.count() for m in (Member, Meeting, Recommendation, Commitment, Consent)
    ] == counts
    assert all(m.demo for m in Member.objects.all())


def test_a_member_without_consent_is_neither_listed_nor_reachable(seeded: Seeded) -> None:
    client = signed_in(None)
    council = client.get("/councils/survivors/").content.decode()
    assert seeded.member.name not in council
    assert seeded.named.name in council
    assert client.get(_public_profile(seeded.member)).status_code == 404


def test_withdrawing_consent_hides_the_name_at_once(seeded: Seeded, coordinator: User) -> None:
    reader = signed_in(None)
    assert reader.get(_public_profile(seeded.named)).status_code == 200
    response = signed_in(coordinator).post(
        f"/work/councils/members/{seeded.named.pk}/consent",
        {"item": "name", "given": "no", "note": "Asked by phone"},
    )
    assert response.status_code == 302
    assert reader.get(_public_profile(seeded.named)).status_code == 404
    assert seeded.named.name not in reader.get("/councils/survivors/").content.decode()
    latest = Consent.objects.filter(member=seeded.named, item="name").latest("recorded_at")
    assert latest.recorded_by == coordinator
    assert not latest.given


def test_public_pages_are_never_kept_by_a_shared_cache(seeded: Seeded) -> None:
    response = signed_in(None).get(_public_profile(seeded.named))
    assert "no-store" in response["Cache-Control"]


def test_a_biography_is_shown_only_with_its_own_consent(seeded: Seeded, coordinator: User) -> None:
    named_only = Member.objects.get(name="Joss Emberlyn")
    page = signed_in(None).get(_public_profile(named_only)).content.decode()
    assert named_only.name in page
    assert "vacatur" not in page  # the biography's words
    signed_in(coordinator).post(
        f"/work/councils/members/{named_only.pk}/consent", {"item": "biography", "given": "yes"}
    )
    assert "vacatur" in signed_in(None).get(_public_profile(named_only)).content.decode()


def test_a_photo_is_re_encoded_and_public_only_with_consent(
    seeded: Seeded, coordinator: User
) -> None:
    member = seeded.named
    client = signed_in(coordinator)
    form = client.get(f"/work/councils/members/{member.pk}/edit").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    image = Image.new("RGB", (1200, 900), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "secret location note"  # ImageDescription
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    upload = io.BytesIO(raw.getvalue())
    upload.name = "me.jpg"
    assert client.post(f"/work/councils/members/{member.pk}/edit", data | {"photo": upload})
    member.refresh_from_db()
    stored = bytes(member.photo)
    assert b"secret location note" not in stored
    assert max(Image.open(io.BytesIO(stored)).size) == 600
    assert signed_in(None).get(f"/councils/members/{member.pk}/photo.jpg").status_code == 404
    client.post(f"/work/councils/members/{member.pk}/consent", {"item": "photo", "given": "yes"})
    photo = signed_in(None).get(f"/councils/members/{member.pk}/photo.jpg")
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"


def test_a_file_that_is_not_an_image_is_refused_and_the_form_keeps_what_was_typed(
    seeded: Seeded, coordinator: User
) -> None:
    member = seeded.named
    client = signed_in(coordinator)
    form = client.get(f"/work/councils/members/{member.pk}/edit").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    upload = io.BytesIO(b"<script>alert(1)</script>")
    upload.name = "photo.jpg"
    response = client.post(
        f"/work/councils/members/{member.pk}/edit",
        data | {"photo": upload, "biography": "A new biography typed here."},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "not an image we can read" in body
    assert "A new biography typed here." in body
    member.refresh_from_db()
    assert member.biography != "A new biography typed here."


def test_a_stale_form_is_refused_and_nothing_is_overwritten(
    seeded: Seeded, coordinator: User
) -> None:
    item = seeded.commitment
    client = signed_in(coordinator)
    url = f"/work/interagency/{item.pk}/edit"
    opened = client.get(url).context["form"].initial
    base = {k: v for k, v in opened.items() if v is not None}
    first = client.post(url, base | {"status": "completed", "evidence": "Training held."})
    assert first.status_code == 302
    stale = client.post(url, base | {"action": "An older wording of the action."})
    assert stale.status_code == 409
    assert "Someone else saved this commitment" in stale.content.decode()
    assert "An older wording of the action." in stale.content.decode()  # kept in the form
    item.refresh_from_db()
    assert item.status == "completed"
    assert item.action != "An older wording of the action."
    assert item.version == 2


def test_a_commitment_is_completed_only_with_evidence(seeded: Seeded, coordinator: User) -> None:
    item = seeded.commitment
    client = signed_in(coordinator)
    url = f"/work/interagency/{item.pk}/edit"
    base = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    response = client.post(url, base | {"status": "completed", "evidence": ""})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == "in-progress"


def test_staff_read_the_tracker_but_only_coordinators_change_it(
    seeded: Seeded, staff: User, no_role: User
) -> None:
    assert signed_in(staff).get("/work/interagency/").status_code == 200
    assert signed_in(no_role).get("/work/interagency/").status_code == 403
    before = Commitment.objects.count()
    response = signed_in(staff).post(
        "/work/interagency/new",
        {
            "agency": "Department of State",
            "action": "x",
            "due": "2027-01-01",
            "status": "planned",
            "source": "y",
        },
    )
    assert response.status_code == 403
    assert Commitment.objects.count() == before


def test_an_unannounced_meeting_is_hidden_and_unpublished_parts_stay_internal(
    seeded: Seeded, coordinator: User
) -> None:
    client = signed_in(None)
    future = seeded.future
    Meeting.objects.filter(pk=future.pk).update(
        agenda_published=False, minutes="Private draft minutes text."
    )
    page = client.get(f"/councils/survivors/meetings/{future.pk}/").content.decode()
    assert "agenda is not published yet" in page
    assert "Private draft minutes text." not in page
    Meeting.objects.filter(pk=future.pk).update(notice_published=False)
    assert client.get(f"/councils/survivors/meetings/{future.pk}/").status_code == 404
    past = client.get(f"/councils/survivors/meetings/{seeded.meeting.pk}/").content.decode()
    assert "members present" in past


def test_publishing_minutes_that_are_not_written_is_refused(
    seeded: Seeded, coordinator: User
) -> None:
    client = signed_in(coordinator)
    url = f"/work/councils/meetings/{seeded.future.pk}/edit"
    base = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    base["present"] = [str(p) for p in base.get("present", [])]
    response = client.post(url, base | {"minutes": "", "minutes_published": "on"})
    assert response.status_code == 400
    assert "Write the minutes before publishing" in response.content.decode()


def test_recommendations_of_a_draft_report_are_not_public(seeded: Seeded) -> None:
    draft_rec = seeded.draft.recommendations.get()
    page = signed_in(None).get("/councils/recommendations/").content.decode()
    assert draft_rec.text not in page
    assert seeded.rec.text in page
    response = AgencyResponse.objects.filter(recommendation=seeded.rec).first()
    assert response is not None
    assert response.text in page


def test_the_interagency_summary_counts_by_status_and_agency_and_lists_the_overdue(
    seeded: Seeded,
) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    page = signed_in(None).get("/interagency/")
    summary = page.context["data"].summary
    assert summary.total == Commitment.objects.count()
    overdue = [
        c
        for c in Commitment.objects.all()
        if c.due < today and c.status in {"planned", "in-progress"}
    ]
    assert summary.overdue == len(overdue)
    body = page.content.decode()
    assert f'id="overdue-count">{len(overdue)}<' in body
    assert "Source: TIP Monitor records: interagency commitments" in body


def test_the_csv_carries_its_source_and_defuses_formulas(seeded: Seeded, coordinator: User) -> None:
    Commitment.objects.create(
        agency="Department of Labor",
        action='=HYPERLINK("http://x")',
        due=date(2027, 1, 1),
        source="Letter",
    )
    body = signed_in(None).get("/interagency/commitments.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == Commitment.objects.count()
    assert all(
        r["source"].startswith("TIP Monitor records: interagency commitments (") for r in rows
    )
    assert any(r["action"].startswith("'=HYPERLINK") for r in rows)


def test_the_progress_report_gives_every_figure_a_source_in_html_and_pdf(
    seeded: Seeded,
) -> None:
    client = signed_in(None)
    page = client.get("/councils/progress/2025/")
    report = page.context["report"]
    figures = [f for s in report.sections for f in s.figures]
    assert figures
    body = page.content.decode()
    for f in figures:
        assert f'id="figure-{f.key}"' in body
        assert str(f.source) in body
    # 4 published recommendations of the survivors' 2025 report, 1 implemented.
    assert report.figure("survivor-recs").value == "4"
    assert report.figure("survivor-implemented").value == "1 of 4 (25%)"
    pdf = client.get("/councils/progress/2025/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/councils/progress/1999/").status_code == 404


def test_the_printed_report_holds_the_same_figures(seeded: Seeded) -> None:
    from django.utils import timezone

    from tipmon.councils.queries import progress
    from tipmon.councils.report import progress_html

    report = progress(2025, timezone.localdate())
    html = progress_html(report)
    assert all(str(f.source) in html for s in report.sections for f in s.figures)
