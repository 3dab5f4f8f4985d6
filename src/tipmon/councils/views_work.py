"""Staff pages under /work/councils/ and /work/interagency/.

Every view: anonymous users are sent to sign in; a signed-in user who is not a reader gets
403; only council coordinators reach the forms and see members' private details. Views
parse, call a service and render; the rules are the services'.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tipmon.core.errors import page_errors
from tipmon.councils import queries, services
from tipmon.councils.access import is_coordinator, require_coordinator, require_reader
from tipmon.councils.forms import (
    CommitmentForm,
    ConsentForm,
    MeetingForm,
    MemberForm,
    RecommendationForm,
    ReportForm,
    ResponseForm,
)
from tipmon.councils.models import (
    Commitment,
    Council,
    CouncilReport,
    Meeting,
    Member,
    Recommendation,
)
from tipmon.councils.progress import is_overdue


def _form_page(
    request: HttpRequest,
    form: Any,
    title: str,
    back: str,
    status: int = 200,
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "councils/form.html",
        {"form": form, "title": title, "back": back, "multipart": multipart},
        status=status,
    )


def _refused(form: Any, exc: services.CouncilError) -> int:
    form.add_error(None, str(exc))
    return 409 if isinstance(exc, services.ConcurrentEdit) else 400


def _version(form: Any) -> int:
    return int(form.cleaned_data.get("version") or 0)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    councils = Council.objects.annotate(
        n_members=Count("members", distinct=True), n_meetings=Count("meetings", distinct=True)
    )
    return render(
        request,
        "councils/work/home.html",
        {"councils": councils, "coordinator": is_coordinator(request.user)},
    )


@login_required
@page_errors
def council(request: HttpRequest, slug: str) -> HttpResponse:
    require_reader(request.user)
    found = queries.council(slug)
    members = found.members.defer("photo").prefetch_related("consents")
    rows = [(m, queries.public_items(m)) for m in members]
    return render(
        request,
        "councils/work/council.html",
        {
            "council": found,
            "rows": rows,
            "meetings": found.meetings.all(),
            "reports": found.reports.annotate(n_recs=Count("recommendations")),
            "coordinator": is_coordinator(request.user),
        },
    )


def _member_values(form: MemberForm) -> tuple[dict[str, Any], dict[str, Any]]:
    data = form.cleaned_data
    values = {k: data[k] for k in services.MEMBER_FIELDS}
    private = {k: data[k] for k in services.PRIVATE_FIELDS}
    return values, private


@login_required
@page_errors
def member_new(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    found = queries.council(slug)
    back = reverse("councils:work-council", args=[slug])
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.create_member(found, *_member_values(form), request.user, request)
        except services.CouncilError as exc:
            return _form_page(request, form, "New member", back, _refused(form, exc))
        messages.success(request, f"{member.name} added. Record consent before publishing.")
        return redirect("councils:member", member.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, f"New member of the {found.name}", back, status)


@login_required
def member(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    found = get_object_or_404(Member.objects.select_related("council").defer("photo"), pk=pk)
    coordinator = is_coordinator(request.user)
    context: dict[str, Any] = {
        "member": found,
        "coordinator": coordinator,
        "public": queries.public_items(found),
        "consents": found.consents.select_related("recorded_by"),
        "attended": found.attendance.select_related("meeting"),
    }
    if coordinator:
        context["private"] = queries.private_details(found, request.user)
        context["consent_form"] = ConsentForm()
    return render(request, "councils/work/member.html", context)


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(Member.objects.select_related("council"), pk=pk)
    back = reverse("councils:member", args=[pk])
    if request.method != "POST":
        secret = queries.private_details(found, request.user)
        initial = {k: getattr(found, k) for k in services.MEMBER_FIELDS}
        initial |= {k: getattr(secret, k) for k in services.PRIVATE_FIELDS}
        form = MemberForm(initial=initial | {"version": found.version})
        return _form_page(request, form, f"Edit {found.name}", back, multipart=True)
    form = MemberForm(request.POST, request.FILES)
    title = f"Edit {found.name}"
    if not form.is_valid():
        return _form_page(request, form, title, back, 400, multipart=True)
    upload = form.cleaned_data.get("photo")
    try:
        services.update_member(
            found,
            *_member_values(form),
            _version(form),
            request.user,
            request,
            photo=upload.read() if upload is not None else None,
        )
    except services.CouncilError as exc:
        return _form_page(request, form, title, back, _refused(form, exc), multipart=True)
    messages.success(request, "Saved.")
    return redirect("councils:member", pk)


@login_required
@require_POST
def member_consent(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(Member, pk=pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an item and a decision; nothing was recorded.")
        return redirect("councils:member", pk)
    data = form.cleaned_data
    services.record_consent(found, data["item"], data["given"], request.user, request, data["note"])
    word = "given" if data["given"] else "withheld"
    messages.success(request, f"Consent to publish the {data['item']} {word}: in effect now.")
    return redirect("councils:member", pk)


@login_required
def member_photo(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    found = get_object_or_404(Member, pk=pk)
    if not found.photo:
        return HttpResponse("No photo.", status=404, content_type="text/plain")
    response = HttpResponse(bytes(found.photo), content_type=found.photo_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _meeting_members(meeting_council: Council) -> Any:
    return meeting_council.members.defer("photo").order_by("name")


@login_required
@page_errors
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    found = queries.council(slug)
    back = reverse("councils:work-council", args=[slug])
    form = MeetingForm(request.POST or None, members=_meeting_members(found))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.create_meeting(found, data, request.user, request, data["present"])
        except services.CouncilError as exc:
            return _form_page(request, form, "New meeting", back, _refused(form, exc))
        messages.success(request, "Meeting recorded.")
        return redirect("councils:meeting", meeting.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, f"New meeting of the {found.name}", back, status)


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    found = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    return render(
        request,
        "councils/work/meeting.html",
        {
            "meeting": found,
            "coordinator": is_coordinator(request.user),
            "attendance": found.attendance.select_related("member").order_by("member__name"),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    back = reverse("councils:meeting", args=[pk])
    members = _meeting_members(found.council)
    title = f"Edit {found.title}"
    if request.method != "POST":
        initial = {k: getattr(found, k) for k in services.MEETING_FIELDS}
        present = [a.member_id for a in found.attendance.all() if a.present]
        form = MeetingForm(
            initial=initial | {"version": found.version, "present": present}, members=members
        )
        return _form_page(request, form, title, back)
    form = MeetingForm(request.POST, members=members)
    if not form.is_valid():
        return _form_page(request, form, title, back, 400)
    data = form.cleaned_data
    try:
        services.update_meeting(found, data, _version(form), request.user, request, data["present"])
    except services.CouncilError as exc:
        return _form_page(request, form, title, back, _refused(form, exc))
    messages.success(request, "Saved.")
    return redirect("councils:meeting", pk)


@login_required
@page_errors
def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    found = queries.council(slug)
    back = reverse("councils:work-council", args=[slug])
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.create_report(found, form.cleaned_data, request.user, request)
        messages.success(request, "Report recorded; add its recommendations.")
        return redirect("councils:report", report.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, f"New report of the {found.name}", back, status)


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    found = get_object_or_404(CouncilReport.objects.select_related("council"), pk=pk)
    recs = found.recommendations.annotate(n_responses=Count("responses"))
    return render(
        request,
        "councils/work/report.html",
        {"report": found, "recs": recs, "coordinator": is_coordinator(request.user)},
    )


@login_required
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(CouncilReport, pk=pk)
    back = reverse("councils:report", args=[pk])
    next_number = (
        found.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    form = RecommendationForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        try:
            rec = services.create_recommendation(found, form.cleaned_data, request.user, request)
        except services.CouncilError as exc:
            return _form_page(request, form, "New recommendation", back, _refused(form, exc))
        messages.success(request, f"Recommendation {rec.number} recorded.")
        return redirect("councils:report", pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, f"New recommendation: {found.title}", back, status)


@login_required
def recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    found = get_object_or_404(Recommendation.objects.select_related("report__council"), pk=pk)
    return render(
        request,
        "councils/work/recommendation.html",
        {
            "rec": found,
            "responses": found.responses.all(),
            "coordinator": is_coordinator(request.user),
        },
    )


@login_required
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(Recommendation, pk=pk)
    back = reverse("councils:recommendation", args=[pk])
    title = f"Edit recommendation {found.number}"
    if request.method != "POST":
        initial = {k: getattr(found, k) for k in services.REC_FIELDS}
        form = RecommendationForm(initial=initial | {"version": found.version})
        return _form_page(request, form, title, back)
    form = RecommendationForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, title, back, 400)
    try:
        services.update_recommendation(
            found, form.cleaned_data, _version(form), request.user, request
        )
    except services.CouncilError as exc:
        return _form_page(request, form, title, back, _refused(form, exc))
    messages.success(request, "Saved.")
    return redirect("councils:recommendation", pk)


@login_required
def response_new(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(Recommendation, pk=pk)
    back = reverse("councils:recommendation", args=[pk])
    form = ResponseForm(request.POST or None, initial={"agency": found.agency})
    if request.method == "POST" and form.is_valid():
        services.add_response(found, form.cleaned_data, request.user, request)
        messages.success(request, "Agency response recorded.")
        return redirect("councils:recommendation", pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(
        request, form, f"Agency response to recommendation {found.number}", back, status
    )


# Interagency commitments.


@login_required
def commitments(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    today = timezone.localdate()
    rows = [(c, is_overdue(c.due, c.status, today)) for c in Commitment.objects.all()]
    return render(
        request,
        "councils/work/commitments.html",
        {"rows": rows, "coordinator": is_coordinator(request.user)},
    )


@login_required
def commitment_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    back = reverse("councils:commitments")
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_commitment(form.cleaned_data, request.user, request)
        except services.CouncilError as exc:
            return _form_page(request, form, "New commitment", back, _refused(form, exc))
        messages.success(request, "Commitment recorded.")
        return redirect("councils:commitments")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, "New commitment", back, status)


@login_required
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    found = get_object_or_404(Commitment, pk=pk)
    back = reverse("councils:commitments")
    title = f"Edit commitment: {found.agency}"
    if request.method != "POST":
        initial = {k: getattr(found, k) for k in services.COMMITMENT_FIELDS}
        form = CommitmentForm(initial=initial | {"version": found.version})
        return _form_page(request, form, title, back)
    form = CommitmentForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, title, back, 400)
    try:
        services.update_commitment(found, form.cleaned_data, _version(form), request.user, request)
    except services.CouncilError as exc:
        return _form_page(request, form, title, back, _refused(form, exc))
    messages.success(request, "Saved.")
    return redirect("councils:commitments")
