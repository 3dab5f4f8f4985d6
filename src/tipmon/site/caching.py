"""CMS answers stay out of the shared public cache (tipmon.core.publiccache).

An editor's publication changes no dataset, so that cache could not tell that a stored copy
of a page had gone stale; marking the answers ``private`` keeps them out of it (a browser
may still keep its own copy)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_cache_control


def not_shared(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True)
    return response
