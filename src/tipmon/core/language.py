"""The language switcher: a link per language that keeps the choice in a cookie.

The address never carries the language (no ``/es/`` prefix), so every page keeps one address
and the public cache (:mod:`tipmon.core.publiccache`) keys its entries on the negotiated
language instead. A plain link rather than Django's ``set_language`` form: that form needs a
CSRF token, and a token on every public page would set a cookie and keep every page out of
the cache. Switching the chrome's language changes nothing else, so a forged link can do no
more than change it back.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def supported_codes() -> frozenset[str]:
    return frozenset(code for code, _ in settings.LANGUAGES)


def safe_next(request: HttpRequest) -> str:
    """Where to go after switching: ``next`` when it is an address on this site, else home."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_safe
@never_cache
def switch(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Remember ``code`` as the reader's language and go back to the page they were on."""
    if code not in supported_codes():
        raise Http404("This site is not available in that language.")
    response = HttpResponseRedirect(safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )
    return response
