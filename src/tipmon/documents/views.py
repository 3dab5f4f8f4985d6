"""The public model-documents form (GET shows it, a valid POST answers with the file) and
the translations' review status. Nothing typed into the form is stored."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from tipmon.documents import catalogs, pdf, rules, services, word
from tipmon.documents.forms import TermsForm

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _languages() -> list[dict[str, object]]:
    statuses = catalogs.review_statuses()
    return [{"language": lang, "status": statuses[lang.code]} for lang in catalogs.LANGUAGES]


@require_http_methods(["GET", "POST"])
def form(request: HttpRequest) -> HttpResponse:
    bound = TermsForm(request.POST or None)
    if request.method == "POST" and bound.is_valid():
        fmt = bound.cleaned_data["format"]
        package = services.package(
            bound.terms(), bound.cleaned_data["language"], bound.cleaned_data["document"] or None
        )
        body = pdf.render(package) if fmt == "pdf" else word.render(package)
        response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{package.filename(fmt)}"'
        response["Cache-Control"] = "no-store"
        return response
    status = 400 if request.method == "POST" else 200
    context = {
        "form": bound,
        "languages": _languages(),
        "max_day": rules.MAX_HOURS_PER_DAY,
        "max_week": rules.MAX_HOURS_PER_WEEK,
    }
    return render(request, "documents/form.html", context, status=status)


@require_GET
def translations(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/translations.html", {"languages": _languages()})
