"""Answers that must stay out of the shared public cache (tipmon.core.publiccache).

Site search is one: each query is its own answer, and storing them would only crowd out
pages. CMS pages themselves are cached like any public page; a publish changes the cache's
state (core.publiccache.cache_state), so no stored copy outlives it."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_cache_control


def not_shared(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True)
    return response
