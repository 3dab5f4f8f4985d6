"""Request screening and the response headers that Django's SecurityMiddleware does not set.

``NulParameterMiddleware`` refuses a path or query string carrying a NUL character before any
view sees it: no text column of PostgreSQL can hold one, so a search for it would fail deep
in the database instead of telling the caller what is wrong (SQLite took it silently). It
raises ``BadRequest``, so the project's 400 handler answers (``tipmon.core.views``): the
JSON envelope under /api/, the site's error page elsewhere.

The content security policy allows scripts, styles, fonts and images from this site only:
no inline script, no eval (charts.js runs Vega with its expression interpreter), no CDN.
The Django admin is left to its own defaults. The CMS's editing interface (``/cms/``, Wagtail)
gets the same policy with three relaxations it needs, and only there: inline style
attributes, ``blob:`` images (upload previews) and framing by this site (the live preview).
"""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
UNPOLICED_PREFIXES = ("/admin/",)
CMS_PREFIX = "/cms/"
CMS_CONTENT_SECURITY_POLICY = (
    CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("img-src 'self' data:", "img-src 'self' data: blob:")
    .replace("frame-ancestors 'none'", "frame-ancestors 'self'")
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(CMS_PREFIX):
            response.headers.setdefault("Content-Security-Policy", CMS_CONTENT_SECURITY_POLICY)
        elif not request.path.startswith(UNPOLICED_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


NUL_MESSAGE = "The address contains a NUL character (%00), which no path or parameter may hold."


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists())


class NulParameterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            raise BadRequest(NUL_MESSAGE)
        return self.get_response(request)
