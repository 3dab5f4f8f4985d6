"""Error pages: HTML for the site, the JSON envelope for anything under /api/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from tipmon.api.envelope import error


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception else "The request could not be understood."
    if _wants_json(request):
        return JsonResponse(error("bad_request", message), status=400)
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = "There is no page at this address."
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    if _wants_json(request):
        return JsonResponse(error("not_found", message), status=404)
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error("server_error", "Something went wrong on our side."), status=500)
    return render(request, "500.html", status=500)
