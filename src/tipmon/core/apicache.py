"""A per-process cache of public API answers, keyed on the address and the data's state.

Only requests that carry no cookie are served from it or stored in it: such a request gets
exactly what any anonymous reader gets, so nothing that needs a role can leak through the
cache. Only 200 answers of GET or HEAD under ``/api/v1/`` are kept, each with an ETag built
from the data state and the body, so a client that sends ``If-None-Match`` gets a 304. A
change to the data (see :mod:`tipmon.core.datastate`) makes every entry stale at once.
``TIPMON_API_CACHE_ENTRIES`` bounds the entries (0 turns the cache off).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from tipmon.core.datastate import data_state

PREFIX = "/api/v1/"
#: The API's own description does not depend on the data, and is read without a database.
UNCACHED = ("/api/v1/openapi.json", "/api/v1/docs")
#: Larger answers (whole-table CSV) are not kept: they would crowd out the rest.
MAX_BODY_BYTES = 2 * 1024 * 1024
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


@dataclass(frozen=True, slots=True)
class Entry:
    state: str
    etag: str
    body: bytes
    headers: tuple[tuple[str, str], ...]


class ApiCache:
    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._store: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, state: str) -> Entry | None:
        with self._lock:
            entry = self._store.get(key)
            if entry is None or entry.state != state:
                return None
            self._store.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        with self._lock:
            self._store[key] = entry
            self._store.move_to_end(key)
            while len(self._store) > self.entries:
                self._store.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._store.clear()


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and request.path.startswith(PREFIX)
        and not request.path.startswith(UNCACHED)
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _answer(request: HttpRequest, entry: Entry) -> HttpResponse:
    if entry.etag in _etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(entry.body)
        for name, value in entry.headers:
            response[name] = value
    response["ETag"] = entry.etag
    response["X-Cache"] = "hit"
    return response


def _etags(header: str) -> set[str]:
    return {tag.strip() for tag in header.split(",") if tag.strip()}


class PublicApiCacheMiddleware:
    """Serve repeated anonymous API reads from memory; see the module docstring."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.cache = ApiCache(int(getattr(settings, "TIPMON_API_CACHE_ENTRIES", 0)))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.cache.entries <= 0 or not _cacheable(request):
            return self.get_response(request)
        key = request.get_full_path()
        state = data_state()
        entry = self.cache.get(key, state)
        if entry is not None:
            return _answer(request, entry)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or response.has_header("Set-Cookie"):
            return response
        body = response.content
        if len(body) > MAX_BODY_BYTES:
            return response
        digest = hashlib.sha256(state.encode() + b"\0" + body).hexdigest()[:32]
        headers = tuple((h, response[h]) for h in KEPT_HEADERS if response.has_header(h))
        entry = Entry(state, f'"{digest}"', body, headers)
        self.cache.put(key, entry)
        response["ETag"] = entry.etag
        response["X-Cache"] = "miss"
        if entry.etag in _etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return _answer(request, entry)
        return response
