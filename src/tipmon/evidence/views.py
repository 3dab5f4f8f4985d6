"""Evidence pages: staff intake and review under /work/evidence/, and the public call for
submissions at /submissions/new.

Anonymous users are sent to sign in (except on the public form); signed-in users without
an analyst role get 403. Views parse, call a service and render.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from tipmon.core import audit
from tipmon.countries.models import Country
from tipmon.evidence import ingest, intake, services
from tipmon.evidence.access import (
    is_confidential_reader,
    may_review,
    require_analyst,
    require_confidential_reader,
    require_reviewer,
)
from tipmon.evidence.forms import ReviewForm, SubmissionForm, UploadForm
from tipmon.evidence.models import Document, DocumentStatus, EvidenceItem, ItemStatus, Submission
from tipmon.evidence.pipeline.types import CRITERIA_IDS, PILLARS

PAGE_SIZE = 25


def marked(text: str, start: int, end: int, spans: list[dict[str, Any]]) -> SafeString:
    """``text[start:end]`` as HTML with each figure span in a <mark>."""
    parts: list[str] = []
    at = start
    for span in sorted(spans, key=lambda s: s["start"]):
        s, e = max(span["start"], at), min(span["end"], end)
        if s >= e:
            continue
        parts.append(format_html("{}", text[at:s]))
        parts.append(format_html('<mark title="{}">{}</mark>', span.get("title", ""), text[s:e]))
        at = e
    parts.append(format_html("{}", text[at:end]))
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html


def _figure_spans(item: EvidenceItem) -> list[dict[str, Any]]:
    spans = []
    for f in item.proposal.get("figures", []):
        span = f.get("span") or {}
        if "start" in span:
            title = f"{f['metric']} ({f['form']}, {f['period']}): {f['value']}"
            spans.append({"start": span["start"], "end": span["end"], "title": title})
    return spans


# What the item cards' correction fields offer.
CARD_CHOICES = {"pillars": PILLARS, "criteria_ids": CRITERIA_IDS}


def _item_view(item: EvidenceItem) -> dict[str, Any]:
    return {
        "item": item,
        "passage": marked(item.document.masked_text, item.start, item.end, _figure_spans(item)),
        "figures_text": services.figures_as_text(item.figures),
    }


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    status = 200
    results: list[intake.IntakeResult] = []
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            files = [(f.name or "upload", f.read()) for f in form.cleaned_data["documents"]]
            results = intake.take_files(
                files,
                user=request.user,
                source_kind=form.cleaned_data["source_kind"],
                context_country=form.cleaned_data["context_country"],
                source_note=form.cleaned_data["source_note"],
            )
            form = UploadForm(initial={"source_kind": form.cleaned_data["source_kind"]})
        else:
            messages.error(request, "The upload was not taken: see the fields marked below.")
            status = 400
    status_counts = dict(
        Document.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    item_counts = dict(
        EvidenceItem.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return render(
        request,
        "evidence/dashboard.html",
        {
            "form": form,
            "results": results,
            "documents": Document.objects.select_related("context_country")[:20],
            "status_counts": status_counts,
            "item_counts": item_counts,
            "proposed": item_counts.get(ItemStatus.PROPOSED, 0),
        },
        status=status,
    )


@login_required
def document(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    doc = get_object_or_404(Document.objects.select_related("duplicate_of", "submission"), pk=pk)
    items = list(doc.items.select_related("country", "document"))
    return render(
        request,
        "evidence/document.html",
        {
            "doc": doc,
            "items": [_item_view(i) for i in items],
            "confidential": is_confidential_reader(request.user),
            "masked_count": len(doc.pii or []),
            **CARD_CHOICES,
            "duplicates": doc.duplicates.all()[:50],
        },
    )


@login_required
def document_original(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    require_confidential_reader(request.user)
    doc = get_object_or_404(Document, pk=pk)
    audit.record("evidence.read-original", doc, request.user)
    return render(request, "evidence/original.html", {"doc": doc})


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    status = request.GET.get("status", ItemStatus.PROPOSED)
    if status not in ItemStatus.values:
        status = ItemStatus.PROPOSED
    country = request.GET.get("country", "").strip().upper()[:3]
    items = EvidenceItem.objects.filter(status=status).select_related("document", "country")
    if country:
        items = items.filter(country_id=country)
    page = Paginator(items.order_by("-confidence", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    views = []
    for item in page.object_list:
        view = _item_view(item)
        cycle = services.target_cycle(item.report_year)
        view["cycle"] = cycle
        view["may_review"] = may_review(request.user, cycle, item.country)
        views.append(view)
    return render(
        request,
        "evidence/queue.html",
        {
            "page": page,
            "items": views,
            "status": status,
            "statuses": ItemStatus.choices,
            "country": country,
            "countries": Country.objects.filter(
                pk__in=EvidenceItem.objects.values("country_id")
            ).order_by("short_name"),
            **CARD_CHOICES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    obj = get_object_or_404(EvidenceItem.objects.select_related("document", "country"), pk=pk)
    initial = {
        "version": obj.version,
        "country": obj.country_id,
        "report_year": obj.report_year,
        "pillar": obj.pillar,
        "criteria": obj.criteria,
        "figures": services.figures_as_text(obj.figures),
        "note": obj.note,
    }
    form = ReviewForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        require_reviewer(request.user, services.target_cycle(obj.report_year), obj.country)
        if form.is_valid():
            data = form.cleaned_data
            try:
                correction = None
                if data["action"] == "correct":
                    correction = services.Correction(
                        country=data["country"].upper(),
                        report_year=data["report_year"],
                        pillar=data["pillar"],
                        criteria=data["criteria"],
                        figures=services.parse_figures(data["figures"]),
                        note=data["note"],
                    )
                services.review(obj.pk, request.user, data["action"], data["version"], correction)
            except services.ConcurrentEdit as e:
                messages.error(request, str(e))
                obj.refresh_from_db()
                form = ReviewForm(request.POST)
                status = 409
            except services.ReviewError as e:
                messages.error(request, str(e))
                status = 400
            else:
                messages.success(request, f"Item {obj.pk}: {data['action']} saved.")
                return redirect(request.POST.get("next") or "evidence:queue")
        else:
            messages.error(request, "The review was not saved: see the fields marked below.")
            status = 400
    cycle = services.target_cycle(obj.report_year)
    context = _item_view(obj) | {
        "form": form,
        "cycle": cycle,
        "may_review": may_review(request.user, cycle, obj.country),
    }
    return render(request, "evidence/item.html", context, status=status)


@login_required
def submissions(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    page = Paginator(
        Submission.objects.prefetch_related("countries", "documents"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/submissions.html",
        {"page": page, "confidential": is_confidential_reader(request.user)},
    )


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    obj = get_object_or_404(Submission.objects.prefetch_related("countries"), pk=pk)
    return render(
        request,
        "evidence/submission.html",
        {
            "s": obj,
            "documents": obj.documents.all(),
            "confidential": is_confidential_reader(request.user),
        },
    )


@login_required
def labels(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in services.labelled_data())
    response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="evidence-reviews.jsonl"'
    return response


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The public call for submissions. A filled honeypot gets the same receipt page as a
    person would, with nothing stored."""
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            return render(request, "evidence/receipt.html", {"receipt": None, "files": []})
        try:
            attachments = intake.check_attachments(data["attachments"])
            received = intake.receive_submission(
                organization=data["organization"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                countries=list(data["countries"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                text=data["text"],
                attachments=attachments,
                address=request.META.get("REMOTE_ADDR"),
            )
        except intake.SubmissionRefused as e:
            form.add_error("attachments" if "attach" in str(e).lower() else None, str(e))
            return render(request, "evidence/submit.html", {"form": form}, status=400)
        # The first file is the statement typed into the form; the rest are attachments.
        public_files = [
            {"name": r.name, "outcome": r.outcome, "message": r.message} for r in received.files[1:]
        ]
        return render(
            request,
            "evidence/receipt.html",
            {"receipt": received.submission.receipt, "files": public_files},
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "evidence/submit.html", {"form": form}, status=status)


@login_required
@require_POST
def process_pending(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    report = ingest.IngestReport()
    ingest.process_pending(report=report, limit=intake.PROCESS_NOW_LIMIT)
    done = report.processed + report.duplicates + report.rejected
    left = Document.objects.filter(status=DocumentStatus.PENDING).count()
    messages.info(request, f"Processed {done} waiting document(s); {left} still waiting.")
    return redirect("evidence:dashboard")
