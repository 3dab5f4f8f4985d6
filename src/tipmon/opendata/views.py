"""The open-data pages: the list of downloads, the data dictionary, the data package and
the files themselves. A few lines each: the work is in services."""

from __future__ import annotations

import json
from typing import cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from tipmon.opendata import dictionary
from tipmon.opendata.dictionary import MEDIA_TYPES, Format
from tipmon.opendata.services import (
    DatasetNotOpen,
    file_path,
    open_dataset,
    open_datasets,
    package_etag,
)

#: Browsers and proxies may keep a copy but must ask again; the ETag makes that cheap.
CACHE_CONTROL = "public, no-cache"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every public dataset with its provenance and its downloads."""
    return render(
        request, "opendata/index.html", {"datasets": open_datasets(), "formats": dictionary.FORMATS}
    )


@require_safe
def data_dictionary(request: HttpRequest) -> HttpResponse:
    """Every column of every kind of download: type, meaning, unit, what empty means."""
    items = open_datasets()
    used = {i.resource.kind.name for i in items}
    kinds = [k for k in dictionary.KINDS.values() if k.name in used]
    by_kind = {k.name: [i for i in items if i.resource.kind.name == k.name] for k in kinds}
    context = {
        "kinds": [(k, by_kind[k.name]) for k in kinds],
        "provenance": dictionary.PROVENANCE_FIELDS,
    }
    return render(request, "opendata/dictionary.html", context)


def _conditional(request: HttpRequest, etag: str, last_modified: int | None) -> HttpResponse | None:
    return get_conditional_response(request, etag=etag, last_modified=last_modified)


@require_safe
def package(request: HttpRequest) -> HttpResponse:
    """The Frictionless Data Package describing every download."""
    items = open_datasets()
    etag = package_etag(items)
    not_modified = _conditional(request, etag, None)
    if not_modified is not None:
        return not_modified
    homepage = request.build_absolute_uri(reverse("opendata:index"))
    body = dictionary.datapackage([i.resource for i in items], homepage=homepage)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
def download(request: HttpRequest, key: str, fmt: str) -> HttpResponseBase:
    """One dataset in one format, generated from the database (cached by checksum)."""
    chosen = cast(Format, fmt)
    try:
        item = open_dataset(key)
    except DatasetNotOpen as exc:
        raise Http404(str(exc)) from exc
    etag = item.etag(chosen)
    modified = int(item.loaded_at.timestamp())
    not_modified = _conditional(request, etag, modified)
    if not_modified is not None:
        return not_modified
    media = MEDIA_TYPES[chosen] + ("" if chosen == "parquet" else "; charset=utf-8")
    response = FileResponse(
        file_path(item, chosen).open("rb"),
        content_type=media,
        as_attachment=True,
        filename=dictionary.file_name(key, chosen),
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response
