"""Load the bundled fact tables into the database: idempotent and all-or-nothing.

Every table is parsed completely before anything is written; then one transaction syncs
the countries and replaces each table whose checksum changed. Loading the same files
twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.utils import timezone

from tipmon.assistance.models import Grant
from tipmon.countries.gazetteer import load_gazetteer
from tipmon.countries.services import sync_countries
from tipmon.data import tables
from tipmon.data.models import Dataset
from tipmon.data.parsing import (
    Cells,
    DataLoadError,
    Sidecar,
    check_unique,
    read_rows,
    read_sidecar,
)
from tipmon.tiers.models import StatedTotal, TierPlacement
from tipmon.trends.models import LawEnforcementYear, UnodcFigure

BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"

R = TypeVar("R")


@dataclass(frozen=True)
class TableSpec(Generic[R]):
    key: str
    columns: tuple[str, ...]
    parser: Callable[[Collection[str]], Callable[[Cells, int], R]]
    model: type[models.Model]
    fields: Callable[[R], dict[str, Any]]
    unique: tuple[Callable[[R], Hashable], str] | None = None


def _placement(row: tables.PlacementRow) -> dict[str, Any]:
    return {
        "country_id": row.iso3, "report_year": row.report_year, "tier": row.tier.value,
        "basis": row.basis.value, "name_in_source": row.name_in_source, "source": row.source,
        "second_source": row.second_source, "note": row.note,
    }  # fmt: skip


def _law_enforcement(row: tables.LawEnforcementRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in tables.LAW_ENFORCEMENT_COLUMNS}


def _unodc(row: tables.UnodcRow) -> dict[str, Any]:
    names = tables.UNODC_COLUMNS[1:]
    return {"country_id": row.iso3 or None} | {name: getattr(row, name) for name in names}


def _stated(row: tables.StatedTotalRow) -> dict[str, Any]:
    names = tables.STATED_TOTAL_COLUMNS
    return {name: getattr(row, name) for name in names}


def _grant(row: tables.GrantRow) -> dict[str, Any]:
    names = tables.GRANT_COLUMNS[2:]
    return {"country_id": row.iso3 or None, "fiscal_year": row.fiscal_year} | {
        name: getattr(row, name) for name in names
    }


TABLES: tuple[TableSpec[Any], ...] = (
    TableSpec(
        "tier_placements", tables.PLACEMENT_COLUMNS, tables.placement_parser,
        TierPlacement, _placement, (lambda r: (r.iso3, r.report_year), "iso3"),
    ),
    TableSpec(
        "global_law_enforcement", tables.LAW_ENFORCEMENT_COLUMNS, tables.law_enforcement_parser,
        LawEnforcementYear, _law_enforcement, (lambda r: (r.data_year, r.source), "data_year"),
    ),
    TableSpec(
        # No uniqueness check: UNODC's own export repeats some sex-by-age keys (see caveats).
        "unodc_glotip_totals", tables.UNODC_COLUMNS, tables.unodc_parser, UnodcFigure, _unodc,
    ),
    TableSpec(
        "us_antitip_grants_fy2001_2014", tables.GRANT_COLUMNS, tables.grant_parser, Grant, _grant
    ),
    TableSpec(
        "stated_totals", tables.STATED_TOTAL_COLUMNS, tables.stated_total_parser, StatedTotal,
        _stated,
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TableReport:
    key: str
    rows: int
    changed: bool


@dataclass(frozen=True, slots=True)
class LoadReport:
    countries_changed: int
    tables: tuple[TableReport, ...]

    @property
    def changed(self) -> bool:
        return self.countries_changed > 0 or any(t.changed for t in self.tables)


def _parse(
    spec: TableSpec[Any], directory: Path, known: Collection[str]
) -> tuple[Sidecar, list[Any]]:
    path = directory / f"{spec.key}.csv"
    if not path.exists():
        raise DataLoadError(path.name, None, None, f"file not found in {directory}")
    sidecar = read_sidecar(path)
    rows = read_rows(path, spec.columns, spec.parser(known))
    if spec.unique is not None:
        key, column = spec.unique
        check_unique(rows, key, lambda r: int(r.row), path.name, column)
    return sidecar, rows


def _store(spec: TableSpec[Any], sidecar: Sidecar, rows: list[Any]) -> TableReport:
    dataset = Dataset.objects.filter(key=spec.key).first()
    manager = spec.model._default_manager
    if (
        dataset is not None
        and dataset.sha256 == sidecar.sha256
        and manager.filter(dataset=dataset).count() == len(rows)
    ):
        return TableReport(spec.key, len(rows), changed=False)
    if dataset is not None:
        manager.filter(dataset=dataset).delete()
    dataset, _ = Dataset.objects.update_or_create(
        key=spec.key,
        defaults={
            "title": sidecar.title, "producer": sidecar.producer, "edition": sidecar.edition,
            "source_url": sidecar.source_url, "accessed": sidecar.accessed,
            "licence": sidecar.licence, "attribution": sidecar.attribution,
            "caveats": sidecar.caveats, "file_name": sidecar.file, "sha256": sidecar.sha256,
            "row_count": len(rows), "loaded_at": timezone.now(),
        },
    )  # fmt: skip
    instances = [
        spec.model(dataset=dataset, source_row=row.row, **spec.fields(row)) for row in rows
    ]
    manager.bulk_create(instances, batch_size=1000)
    return TableReport(spec.key, len(rows), changed=True)


def load_bundled(directory: Path = BUNDLED_DIR) -> LoadReport:
    """Load every bundled table, or none of them."""
    gazetteer = load_gazetteer()
    known = {record.iso3 for record in gazetteer.records}
    parsed = [(spec, *_parse(spec, directory, known)) for spec in TABLES]
    with transaction.atomic():
        countries_changed = sync_countries(gazetteer.records)
        reports = tuple(_store(spec, sidecar, rows) for spec, sidecar, rows in parsed)
    return LoadReport(countries_changed, reports)
