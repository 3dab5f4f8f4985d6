"""Store one report edition's Global Law Enforcement Data table: all or nothing, idempotent.

Each edition is its own dataset (``tip_report_2025_law_enforcement``), because every
edition revises earlier years' figures: importing the 2025 edition never touches the 2024
edition's rows nor the bundled ``global_law_enforcement`` table. A file whose sha256, row
count and source are already stored for that edition changes nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from tipmon.data.models import Dataset
from tipmon.data.parsing import SIDECAR_LIMITS, DataLoadError
from tipmon.trends.importers.law_enforcement import (
    YEAR,
    LawEnforcementTable,
    LawEnforcementTableRow,
    read_law_enforcement_table,
)
from tipmon.trends.importers.services import Status
from tipmon.trends.models import LawEnforcementYear

REPORT_PAGE = "https://www.state.gov/trafficking-in-persons-report/"
FIRST_EDITION, LAST_EDITION = 2001, 2100
SOURCE_LIMIT = 500
FIGURES = (
    "prosecutions", "prosecutions_labor", "convictions", "convictions_labor",
    "victims_identified", "victims_identified_labor", "new_or_amended_legislation",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LawEnforcementImportReport:
    key: str
    file: str
    sha256: str
    edition: int
    source: str
    rows: int
    first_year: int
    last_year: int
    status: Status
    replaced: int  # rows of this edition's previous import removed (or to be removed)
    seconds: float


def edition_key(edition: int) -> str:
    return f"tip_report_{edition}_law_enforcement"


def source_of(edition: int, url: str) -> str:
    """What each row's ``source`` says: the edition, and where the table was taken from."""
    text = f"TIP Report {edition} edition, Global Law Enforcement Data table"
    return f"{text}: {url}" if url else text


def choose_edition(table: LawEnforcementTable, given: int | None) -> int:
    """The edition: as given, else as the table's title names it; they must agree."""
    named = table.edition_in_title
    if given is not None and named is not None and given != named:
        message = f"the title names the {named} report, but --edition says {given}"
        raise DataLoadError(table.file, None, None, message)
    edition = given if given is not None else named
    if edition is None:
        message = "no title above the header names the report edition: give --edition YEAR"
        raise DataLoadError(table.file, None, None, message)
    if not FIRST_EDITION <= edition <= LAST_EDITION:
        message = f"edition {edition} is outside {FIRST_EDITION}..{LAST_EDITION}"
        raise DataLoadError(table.file, None, None, message)
    late = next((r for r in table.rows if r.data_year >= edition), None)
    if late is not None:
        message = (
            f"data year {late.data_year} is not before the {edition} edition (an edition "
            "reports the years before it)"
        )
        raise DataLoadError(table.file, late.row, YEAR, message)
    return edition


def _provenance(table: LawEnforcementTable, edition: int, url: str) -> dict[str, object]:
    first, last = table.data_years
    return {
        "title": f"TIP Report {edition}: Global Law Enforcement Data, data years {first}-{last}",
        "producer": (
            "U.S. Department of State, Trafficking in Persons Report (Global Law Enforcement "
            "Data table)"
        ),
        "edition": f"{edition} Trafficking in Persons Report",
        "source_url": url or REPORT_PAGE,
        "accessed": timezone.localdate(),
        "licence": "Facts from U.S. government reports (public domain)",
        "attribution": (
            f"U.S. Department of State, {edition} Trafficking in Persons Report, Global Law "
            "Enforcement Data."
        ),
        "caveats": (
            "The report calls these figures estimates, given the lack of uniformity in "
            "national reporting. Numbers in parentheses in the report are the labor-trafficking "
            "part of the total. Each edition revises earlier years: compare within one edition."
        ),
        "file_name": table.file,
        "sha256": table.sha256,
        "row_count": len(table.rows),
    }


def _check_lengths(table: LawEnforcementTable, url: str, source: str) -> None:
    if len(source) > SOURCE_LIMIT:
        message = f"--source makes each row's source {len(source)} characters; the limit is 500"
        raise DataLoadError(table.file, None, None, message)
    if len(url) > SIDECAR_LIMITS["source_url"] or len(table.file) > SIDECAR_LIMITS["file"]:
        raise DataLoadError(table.file, None, None, "the file name or --source is too long")


def _stored(dataset: Dataset | None, table: LawEnforcementTable, url: str) -> tuple[bool, int]:
    """Whether this very import is already stored, and how many rows the edition holds."""
    if dataset is None:
        return False, 0
    count = LawEnforcementYear.objects.filter(dataset=dataset).count()
    same = (
        dataset.sha256 == table.sha256
        and count == len(table.rows)
        and dataset.source_url == (url or REPORT_PAGE)
    )
    return same, count


def store_law_enforcement_table(
    table: LawEnforcementTable, edition: int, url: str = ""
) -> tuple[bool, int]:
    """Replace the edition's rows with ``table``'s in one transaction.

    Returns whether anything changed and how many previous rows were removed."""
    key, source = edition_key(edition), source_of(edition, url)
    _check_lengths(table, url, source)
    with transaction.atomic():
        dataset = Dataset.objects.select_for_update().filter(key=key).first()
        unchanged, previous = _stored(dataset, table, url)
        if unchanged:
            return False, 0
        if dataset is not None:
            LawEnforcementYear.objects.filter(dataset=dataset).delete()
        dataset, _ = Dataset.objects.update_or_create(
            key=key, defaults=_provenance(table, edition, url) | {"loaded_at": timezone.now()}
        )
        LawEnforcementYear.objects.bulk_create(_year(dataset, source, r) for r in table.rows)
    return True, previous


def _year(dataset: Dataset, source: str, row: LawEnforcementTableRow) -> LawEnforcementYear:
    figures = {name: getattr(row, name) for name in FIGURES}
    return LawEnforcementYear(
        dataset=dataset, source=source, source_row=row.row, data_year=row.data_year, **figures
    )


def import_law_enforcement_table(
    path: Path, *, edition: int | None = None, source_url: str = "", dry_run: bool = False
) -> LawEnforcementImportReport:
    """Import an edition's table, or raise :class:`DataLoadError` having written nothing."""
    started = time.perf_counter()
    table = read_law_enforcement_table(path)
    year = choose_edition(table, edition)
    url = source_url.strip()
    key = edition_key(year)
    if dry_run:
        _check_lengths(table, url, source_of(year, url))
        unchanged, previous = _stored(Dataset.objects.filter(key=key).first(), table, url)
        status: Status = "unchanged" if unchanged else "would import"
        replaced = 0 if unchanged else previous
    else:
        changed, replaced = store_law_enforcement_table(table, year, url)
        status = "imported" if changed else "unchanged"
    first, last = table.data_years
    return LawEnforcementImportReport(
        key=key, file=table.file, sha256=table.sha256, edition=year,
        source=source_of(year, url), rows=len(table.rows), first_year=first, last_year=last,
        status=status, replaced=replaced, seconds=time.perf_counter() - started,
    )  # fmt: skip
