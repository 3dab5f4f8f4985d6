"""Store an imported file: all or nothing, idempotent, with its provenance.

The file is parsed completely before anything is written. One transaction then replaces
the rows of the import's own dataset (never the bundled ``unodc_glotip_totals``) and
updates its :class:`Dataset` row. A file whose sha256 and row count are already stored
changes nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from django.db import transaction
from django.utils import timezone

from tipmon.countries.models import Country
from tipmon.data.models import Dataset
from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.unodc import UnodcExport, UnodcExportRow, read_unodc_export
from tipmon.trends.models import UnodcFigure

UNODC_EXPORT_KEY = "unodc_glotip_export"
BATCH_SIZE = 2000

Status = Literal["imported", "unchanged", "would import"]


@dataclass(frozen=True, slots=True)
class ImportReport:
    key: str
    file: str
    sha256: str
    edition: str
    rows: int
    censored: int
    by_dimension: dict[str, int]
    #: (Iso3_code, Country) as published -> rows stored with no country.
    without_country: dict[tuple[str, str], int]
    status: Status
    replaced: int  # rows of the previous import that were (or would be) removed
    seconds: float

    @property
    def rows_without_country(self) -> int:
        return sum(self.without_country.values())


def edition_of(export_date: date) -> str:
    return f"GLOTIP data export of {export_date.day} {export_date:%B %Y} (dataUNODC)"


def _provenance(export: UnodcExport) -> dict[str, object]:
    day = f"{export.export_date.day} {export.export_date:%B %Y}"
    return {
        "title": "UNODC Global Report on Trafficking in Persons: country data, every dimension",
        "producer": "United Nations Office on Drugs and Crime (UNODC)",
        "edition": edition_of(export.export_date),
        "source_url": "https://dataunodc.un.org/",
        "accessed": export.export_date,
        "licence": "UNODC data; attribution to UNODC required wherever shown",
        "attribution": (
            "Source: UNODC, Global Report on Trafficking in Persons data (dataUNODC), "
            f"export of {day}."
        ),
        "caveats": (
            "Counts reflect detection and reporting capacity, not prevalence. '<5' is a "
            "censored count, never zero. Rows with no ISO code (Sark) or a code the gazetteer "
            "does not track are kept with no country. Breakdown categories are kept as UNODC "
            "spells them, including questionnaire codes and empty categories. The export "
            "repeats some keys; every row is kept with its row number."
        ),
        "file_name": export.file,
        "sha256": export.sha256,
        "row_count": len(export.rows),
    }


def _check_countries(export: UnodcExport) -> None:
    """Every resolved code must be in the country table, or the foreign key would fail."""
    codes = {row.country for row in export.rows if row.country}
    stored = set(Country.objects.filter(iso3__in=codes).values_list("iso3", flat=True))
    missing = codes - stored
    if missing:
        first = next(row for row in export.rows if row.country in missing)
        message = (
            f"{first.country!r} is in the gazetteer but not in the country table: "
            "run `tipmon data load` first"
        )
        raise DataLoadError(export.file, first.row, "Iso3_code", message)


def _stored_rows(dataset: Dataset | None, export: UnodcExport) -> tuple[bool, int]:
    """Whether this very file is already stored, and how many rows the dataset holds."""
    if dataset is None:
        return False, 0
    count = UnodcFigure.objects.filter(dataset=dataset).count()
    return dataset.sha256 == export.sha256 and count == len(export.rows), count


def store_unodc_export(export: UnodcExport) -> tuple[bool, int]:
    """Replace the import's rows with ``export``'s in one transaction.

    Returns whether anything changed and how many previous rows were removed."""
    with transaction.atomic():
        dataset = Dataset.objects.select_for_update().filter(key=UNODC_EXPORT_KEY).first()
        unchanged, previous = _stored_rows(dataset, export)
        if unchanged:
            return False, 0
        if dataset is not None:
            UnodcFigure.objects.filter(dataset=dataset).delete()
        dataset, _ = Dataset.objects.update_or_create(
            key=UNODC_EXPORT_KEY, defaults=_provenance(export) | {"loaded_at": timezone.now()}
        )
        figures = (_figure(dataset, row) for row in export.rows)
        UnodcFigure.objects.bulk_create(figures, batch_size=BATCH_SIZE)
    return True, previous


def _figure(dataset: Dataset, row: UnodcExportRow) -> UnodcFigure:
    return UnodcFigure(
        dataset=dataset, source_row=row.row, country_id=row.country,
        country_in_source=row.country_in_source, year=row.year, indicator=row.indicator,
        dimension=row.dimension, category=row.category, sex=row.sex, age=row.age,
        value=row.value, suppressed_below=row.suppressed_below,
    )  # fmt: skip


def import_unodc_export(path: Path, *, dry_run: bool = False) -> ImportReport:
    """Import a GLOTIP export, or raise :class:`DataLoadError` having written nothing."""
    started = time.perf_counter()
    export = read_unodc_export(path)
    _check_countries(export)
    if dry_run:
        dataset = Dataset.objects.filter(key=UNODC_EXPORT_KEY).first()
        unchanged, previous = _stored_rows(dataset, export)
        status: Status = "unchanged" if unchanged else "would import"
        replaced = 0 if unchanged else previous
    else:
        changed, replaced = store_unodc_export(export)
        status = "imported" if changed else "unchanged"
    return ImportReport(
        key=UNODC_EXPORT_KEY, file=export.file, sha256=export.sha256,
        edition=edition_of(export.export_date), rows=len(export.rows),
        censored=export.censored, by_dimension=export.by_dimension(),
        without_country=export.without_country(), status=status, replaced=replaced,
        seconds=time.perf_counter() - started,
    )  # fmt: skip


class Importer(Protocol):
    def __call__(self, path: Path, *, dry_run: bool = False) -> ImportReport: ...


#: Source name (as typed after ``tipmon trends import``) -> its import function.
IMPORTERS: dict[str, Importer] = {"unodc": import_unodc_export}
