"""Open data: which datasets are public, their rows from the database, and the generated
files, cached by the dataset's checksum.

Only published data is served. The bundled tables are public; a dataset written by an
assessment cycle is public only once that cycle is published (the publishing step writes
it in the same transaction, and this module checks again, so a stray row of an
unpublished cycle never reaches a download).
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models

from tipmon.assessments.models import ReportingCycle
from tipmon.assessments.publication import dataset_key as cycle_dataset_key
from tipmon.assistance.models import Grant
from tipmon.core.errors import NotFound
from tipmon.core.provenance import DatasetRef
from tipmon.data.models import Dataset
from tipmon.opendata import dictionary
from tipmon.opendata.dictionary import Format, Resource, ResourceKind
from tipmon.opendata.formats import WRITERS, Table
from tipmon.tiers.models import StatedTotal, TierPlacement
from tipmon.trends.models import LawEnforcementYear, UnodcFigure

#: Bump when the generated files change shape, so that cached copies and ETags renew.
FILE_VERSION = "1"

#: The datasets whose kind is known from their key.
KIND_OF_KEY: dict[str, str] = {
    "tier_placements": "placements",
    "global_law_enforcement": "law_enforcement",
    "unodc_glotip_totals": "unodc",
    "unodc_glotip_export": "unodc",
    "us_antitip_grants_fy2001_2014": "grants",
    "stated_totals": "stated_totals",
}

#: Kind -> the model holding its rows, and model field names where they differ.
_MODELS: dict[str, tuple[type[models.Model], dict[str, str]]] = {
    "placements": (TierPlacement, {"iso3": "country_id"}),
    "law_enforcement": (LawEnforcementYear, {}),
    "unodc": (UnodcFigure, {"iso3": "country_id"}),
    "grants": (Grant, {"iso3": "country_id"}),
    "stated_totals": (StatedTotal, {}),
}


class DatasetNotOpen(NotFound):
    """No such dataset, or not a public one."""


@dataclass(frozen=True, slots=True)
class OpenDataset:
    """A public dataset as the open-data pages list it."""

    resource: Resource
    dataset_id: int
    loaded_at: datetime
    #: Changes whenever the dataset's rows can have changed.
    fingerprint: str

    @property
    def key(self) -> str:
        return self.resource.source.key

    def etag(self, fmt: Format) -> str:
        digest = hashlib.sha256(f"{FILE_VERSION}|{self.fingerprint}|{fmt}".encode()).hexdigest()
        return f'"{digest[:32]}"'


def unpublished_cycle_keys() -> set[str]:
    years = ReportingCycle.objects.filter(published_at__isnull=True).values_list(
        "report_year", flat=True
    )
    return {cycle_dataset_key(year) for year in years}


def published_cycle_keys() -> set[str]:
    years = ReportingCycle.objects.filter(published_at__isnull=False).values_list(
        "report_year", flat=True
    )
    return {cycle_dataset_key(year) for year in years}


def _kind_of(dataset: Dataset, published_cycles: set[str]) -> ResourceKind | None:
    name = KIND_OF_KEY.get(dataset.key)
    if name is None and dataset.key in published_cycles:
        name = "placements"
    if name is None:
        # A dataset added since this list was written: find the table that holds it.
        holders = (
            n
            for n, (model, _) in _MODELS.items()
            if model._default_manager.filter(dataset=dataset).exists()
        )
        name = next(holders, None)
    return dictionary.KINDS[name] if name else None


def _fingerprint(dataset: Dataset) -> str:
    return f"{dataset.key}|{dataset.sha256}|{dataset.row_count}|{dataset.loaded_at.isoformat()}"


def _open(dataset: Dataset, kind: ResourceKind) -> OpenDataset:
    paths = {fmt: dictionary.file_name(dataset.key, fmt) for fmt in dictionary.FORMATS}
    resource = Resource(DatasetRef.of(dataset), kind, dataset.row_count, dataset.sha256, paths)
    return OpenDataset(resource, dataset.pk, dataset.loaded_at, _fingerprint(dataset))


def open_datasets() -> list[OpenDataset]:
    """Every public dataset, by key."""
    hidden = unpublished_cycle_keys()
    published = published_cycle_keys()
    out = []
    for dataset in Dataset.objects.exclude(key__in=hidden).order_by("key"):
        kind = _kind_of(dataset, published)
        if kind is not None:
            out.append(_open(dataset, kind))
    return out


def open_dataset(key: str) -> OpenDataset:
    dataset = Dataset.objects.filter(key=key).first()
    if dataset is None or key in unpublished_cycle_keys():
        raise DatasetNotOpen(f"No public dataset {key!r}; see /data/open for the list.")
    kind = _kind_of(dataset, published_cycle_keys())
    if kind is None:
        raise DatasetNotOpen(f"Dataset {key!r} has no table to download.")
    return _open(dataset, kind)


def _rows(item: OpenDataset) -> list[tuple[Any, ...]]:
    """The dataset's rows in file order, with the provenance columns appended."""
    kind = item.resource.kind
    model, renamed = _MODELS[kind.name]
    names = [renamed.get(f.name, f.name) for f in kind.fields]
    source = item.resource.source
    tail = (source.key, source.edition, source.attribution)
    blank_is_empty = [bool(f.empty) and f.type == "string" for f in kind.fields]
    query = model._default_manager.filter(dataset_id=item.dataset_id).order_by("source_row", "pk")
    out = []
    for values in query.values_list(*names, "source_row").iterator(chunk_size=5000):
        cells = tuple(
            None if blank and v == "" else v
            for v, blank in zip(values, blank_is_empty, strict=False)
        )
        out.append((*cells, values[-1], *tail))
    return out


def table(item: OpenDataset) -> Table:
    return Table(item.resource.kind, item.resource.source, _rows(item))


class FileCache:
    """Generated files on disk under ``VAR_DIR/opendata``, named by dataset key and
    fingerprint. A reload or import changes the fingerprint, so a stale file is never
    served; each version is generated once and shared by every worker process. Writing
    goes through a temporary file and an atomic rename, so a reader never sees half a file.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @staticmethod
    def directory() -> Path:
        return Path(settings.VAR_DIR) / "opendata"

    def path(self, item: OpenDataset, fmt: Format) -> Path:
        digest = item.etag(fmt).strip('"')[:16]
        return self.directory() / f"{item.key}.{digest}.{fmt}"

    def get(self, item: OpenDataset, fmt: Format) -> Path:
        path = self.path(item, fmt)
        if path.is_file():
            return path
        with self._lock:  # one generation at a time in a process; the others then find it
            if path.is_file():
                return path
            content = WRITERS[fmt](table(item))
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            partial.write_bytes(content)
            os.replace(partial, path)
            for old in path.parent.glob(f"{item.key}.*.{fmt}"):
                if old != path:
                    old.unlink(missing_ok=True)
        return path


FILES = FileCache()


def file_path(item: OpenDataset, fmt: Format) -> Path:
    """The dataset as a file in ``fmt``, generated once per dataset version."""
    return FILES.get(item, fmt)


def package_etag(items: list[OpenDataset]) -> str:
    joined = "\n".join(i.fingerprint for i in items)
    return f'"{hashlib.sha256(f"{FILE_VERSION}|{joined}".encode()).hexdigest()[:32]}"'
