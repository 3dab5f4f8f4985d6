"""A per-process cache of what anonymous readers get: public pages and API answers, keyed on
the address and the data's state.

Only requests that carry no cookie but the language cookie, and no ``Authorization`` header,
are served from it or stored in it. Such a request gets exactly what any anonymous reader
(of that language) gets: a signed-in user always sends the session cookie, so a page rendered
for staff (a user menu, a workspace link) is never stored, and nobody is ever served a
stored page while signed in. The staff areas (``/work/``, ``/admin/``, ``/accounts/``) and
the API's own description are never cached at all.

An answer is kept only when it is a 200 to a GET or HEAD, sets no cookie (a page whose form
needs a CSRF cookie is therefore never kept), is not marked ``private`` or ``no-store``,
varies on nothing but the cookie, and is at most ``MAX_BODY_BYTES``. Its headers are kept
with it; the security headers come from middleware outside this one (settings.MIDDLEWARE),
so stored copies and 304s get them as every other answer does. It gets an ETag built from
the data state and the body, so a client that sends ``If-None-Match`` gets a 304. The key
holds the scheme and the host as well as the path and query, so the host is checked against
``ALLOWED_HOSTS`` on a hit as on a miss. It also holds the language Django negotiates for the
request (the language cookie, else ``Accept-Language``, else English: docs/languages.md), so a
page is never served in another reader's language; an answer that varies on
``Accept-Language`` is kept only when its ``Content-Language`` is that negotiated language (a
view that picks a language of its own is therefore never kept).

Every request first reads the data state (:mod:`tipmon.core.datastate`): any load, import or
publication changes it, which makes every entry stale at once in every process. An embargoed
report is a 404 before publication, which is never kept, and publishing changes the state.
A correction made in place in the Django admin changes no dataset, so the state also holds
the admin's last logged change (every add, change or delete there is logged); a change made
outside both (a Django shell) needs a restart of the server to show.
``TIPMON_CACHE_ENTRIES`` bounds the entries per process (0 turns the cache off), and
``MAX_TOTAL_BYTES`` bounds their bodies together; the least recently used go first.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import cc_delim_re
from wagtail.models import PageLogEntry

from tipmon.core.datastate import data_state
from tipmon.core.models import AuditEntry

#: Never cached: the staff areas, and the API's description (it does not depend on the data).
UNCACHED_PREFIXES = (
    "/work/",
    "/admin/",
    "/accounts/",
    "/static/",
    "/api/v1/openapi.json",
    "/api/v1/docs",
)
#: Larger answers (whole-table CSV, the report's PDF) are not kept: they would crowd out the rest.
MAX_BODY_BYTES = 2 * 1024 * 1024
#: All kept bodies together, per process.
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: Headers not copied into an entry: recomputed for each answer, or set by the cache itself.
RECOMPUTED_HEADERS = frozenset({"content-length", "etag", "x-cache", "date", "set-cookie"})
#: ``Vary`` values that do not split the answers of cookieless requests.
HARMLESS_VARY = frozenset({"cookie"})


@dataclass(frozen=True, slots=True)
class Entry:
    state: str
    etag: str
    body: bytes
    headers: tuple[tuple[str, str], ...]


class PublicCache:
    """Least recently used entries, bounded in number and in total body size; thread-safe."""

    def __init__(self, entries: int, max_bytes: int = MAX_TOTAL_BYTES) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self._store: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
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
            old = self._store.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._store[key] = entry
            self._bytes += len(entry.body)
            while self._store and (len(self._store) > self.entries or self._bytes > self.max_bytes):
                _, dropped = self._store.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._store.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._store)

    @property
    def size_bytes(self) -> int:
        return self._bytes


def cacheable_request(request: HttpRequest) -> bool:
    """True for an anonymous read of a public address (see the module docstring)."""
    return (
        request.method in {"GET", "HEAD"}
        and not request.path.startswith(UNCACHED_PREFIXES)
        and _no_cookie_but_the_language(request)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _no_cookie_but_the_language(request: HttpRequest) -> bool:
    if not request.COOKIES:
        return not request.META.get("HTTP_COOKIE", "").strip()
    return set(request.COOKIES) == {settings.LANGUAGE_COOKIE_NAME}


def cacheable_response(response: HttpResponse, language: str | None = None) -> bool:
    """True for a 200 that any anonymous reader (of ``language``) may be given as it is."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie"):
        return False
    if _tokens(response, "Cache-Control") & {"private", "no-store"}:
        return False
    varies = _tokens(response, "Vary") - HARMLESS_VARY
    if language is not None and response.get("Content-Language") == language:
        varies.discard("accept-language")
    return not varies


def _tokens(response: HttpResponse, header: str) -> set[str]:
    """The comma-separated values of a header, lower case (directives keep their argument)."""
    values = (part.strip().lower() for part in cc_delim_re.split(response.get(header, "")))
    return {value for value in values if value}


def cache_state() -> str:
    """The data state, and the ids of the last logged change in the Django admin, in the
    CMS (a Wagtail publish, unpublish, move or delete, scheduled ones included) and in the
    audit log (every change to programs, compacts, councils and the rest)."""
    logs = [
        connection.ops.quote_name(model._meta.db_table)
        for model in (LogEntry, PageLogEntry, AuditEntry)
    ]
    # Table names from the models only: no input reaches this query.
    query = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {t})" for t in logs)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query)
        row = cursor.fetchone() or ()
    last = ".".join("" if value is None else str(value) for value in row)
    return f"{data_state()}/{last}"


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _fresh(request: HttpRequest, entry: Entry) -> bool:
    tags = _etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return entry.etag in tags or "*" in tags


def _answer(request: HttpRequest, entry: Entry, outcome: str) -> HttpResponse:
    if _fresh(request, entry):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(entry.body)
        for name, value in entry.headers:
            response[name] = value
        response["Content-Length"] = str(len(entry.body))
    response["ETag"] = entry.etag
    response["X-Cache"] = outcome
    return response


class PublicCacheMiddleware:
    """Serve repeated anonymous reads of public pages and the API from memory; see the
    module docstring."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.cache = PublicCache(int(getattr(settings, "TIPMON_CACHE_ENTRIES", 0)))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.cache.entries <= 0 or not cacheable_request(request):
            return self.get_response(request)
        # get_host() checks ALLOWED_HOSTS (a hit skips the middleware that would).
        language = translation.get_language_from_request(request)
        key = f"{language} {request.scheme}://{request.get_host()}{request.get_full_path()}"
        state = cache_state()
        entry = self.cache.get(key, state)
        if entry is not None:
            return _answer(request, entry, "hit")
        response = self.get_response(request)
        if not cacheable_response(response, language):
            return response
        body = response.content
        if len(body) > MAX_BODY_BYTES:
            return response
        digest = hashlib.sha256(state.encode() + b"\0" + body).hexdigest()[:32]
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in RECOMPUTED_HEADERS
        )
        entry = Entry(state, f'"{digest}"', body, headers)
        self.cache.put(key, entry)
        if _fresh(request, entry):
            return _answer(request, entry, "miss")
        response["ETag"] = entry.etag
        response["X-Cache"] = "miss"
        return response
