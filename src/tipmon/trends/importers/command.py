"""The ``import`` subcommand, shared by ``tipmon data import`` and ``tipmon trends import``.

``tipmon data import SOURCE [FILE]`` is the documented form; ``tipmon trends import`` is an
alias with the same arguments. Both call the import services; nothing is parsed here.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.assessments import CycleNotPublished, SnapshotReport
from tipmon.trends.importers.assessments import import_assessments as snapshot_assessments
from tipmon.trends.importers.law_enforcement_service import (
    LawEnforcementImportReport,
    import_law_enforcement_table,
)
from tipmon.trends.importers.services import ImportReport, Status, import_unodc_export

UNODC, LAW_ENFORCEMENT, ASSESSMENTS = "unodc", "law-enforcement", "assessments"
SOURCES = (UNODC, LAW_ENFORCEMENT, ASSESSMENTS)
WITH_FILE = (UNODC, LAW_ENFORCEMENT)

HELP = (
    "Import data, all or nothing; importing the same thing twice changes nothing. unodc FILE: "
    "the GLOTIP export from dataUNODC (.xlsx or .csv). law-enforcement FILE: the report's "
    "Global Law Enforcement Data table (.xlsx or .csv) of one edition. assessments: the "
    "law-enforcement data of published cycles."
)

VERBS: dict[Status, str] = {
    "imported": "imported from",
    "unchanged": "already imported from",
    "would import": "would be imported from",
}
DONE: dict[Status, str] = {
    "imported": "Imported.",
    "unchanged": "Already imported: nothing changed.",
    "would import": "Dry run: nothing was written.",
}


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", choices=SOURCES, help="What to import.")
    parser.add_argument(
        "file", type=Path, nargs="?", help="The file as downloaded (unodc, law-enforcement)."
    )
    parser.add_argument(
        "--edition", type=int, metavar="YEAR",
        help="law-enforcement: the report edition the table comes from (default: the year "
        "its title names).",
    )  # fmt: skip
    parser.add_argument(
        "--source", dest="source_url", default="", metavar="URL",
        help="law-enforcement: where the table was taken from; kept with every row.",
    )  # fmt: skip
    parser.add_argument(
        "--cycle", type=int, metavar="YEAR",
        help="assessments: only this report year's cycle (default: every published cycle).",
    )  # fmt: skip
    parser.add_argument(
        "--dry-run", action="store_true", help="Read and check everything; write nothing."
    )


def _check_options(source: str, options: dict[str, Any]) -> None:
    if source in WITH_FILE and options["file"] is None:
        raise CommandError(f"Nothing was imported. `import {source}` needs a FILE.")
    if source not in WITH_FILE and options["file"] is not None:
        raise CommandError(f"Nothing was imported. `import {source}` takes no FILE.")
    misplaced = [
        flag
        for flag, value, owner in (
            ("--edition", options["edition"] is not None, LAW_ENFORCEMENT),
            ("--source", bool(options["source_url"]), LAW_ENFORCEMENT),
            ("--cycle", options["cycle"] is not None, ASSESSMENTS),
        )
        if value and source != owner
    ]
    if misplaced:
        raise CommandError(f"Nothing was imported. {misplaced[0]} does not apply to {source}.")


def run_import(command: BaseCommand, options: dict[str, Any]) -> None:
    """Run the import the options ask for and write its report to the command's stdout."""
    source, dry_run = options["source"], options["dry_run"]
    _check_options(source, options)
    try:
        if source == UNODC:
            report = import_unodc_export(options["file"], dry_run=dry_run)
            lines, status, seconds = describe(report), report.status, report.seconds
        elif source == LAW_ENFORCEMENT:
            table = import_law_enforcement_table(
                options["file"], edition=options["edition"], source_url=options["source_url"],
                dry_run=dry_run,
            )  # fmt: skip
            lines, status, seconds = describe_law_enforcement(table), table.status, table.seconds
        else:
            snapshots = snapshot_assessments(options["cycle"], dry_run=dry_run)
            _write_snapshots(command, snapshots, dry_run=dry_run)
            return
    except (DataLoadError, CycleNotPublished) as exc:
        raise CommandError(f"Nothing was imported. {exc}") from exc
    for line in lines:
        command.stdout.write(line)
    command.stdout.write(command.style.SUCCESS(f"{DONE[status]} ({seconds:.1f} s)"))


def describe(report: ImportReport) -> list[str]:
    """A UNODC import report as lines of text."""
    dimensions = "; ".join(f"{name} {rows:,}" for name, rows in report.by_dimension.items())
    lines = [
        f"{report.key}: {report.rows:,} rows {VERBS[report.status]} {report.file}",
        f"  edition: {report.edition}; sha256 {report.sha256}",
        f"  by dimension: {dimensions}",
        f"  censored (<5): {report.censored:,}",
        f"  without a country: {report.rows_without_country:,}",
    ]
    for (iso3, country), rows in report.without_country.items():
        why = "no Iso3_code" if not iso3 else f"{iso3} is not in the gazetteer"
        lines.append(f"    {country} ({why}): {rows:,}")
    if report.replaced:
        lines.append(f"  replaced {report.replaced:,} rows of the previous import")
    return lines


def describe_law_enforcement(report: LawEnforcementImportReport) -> list[str]:
    lines = [
        f"{report.key}: {report.rows:,} data years ({report.first_year}-{report.last_year}) "
        f"{VERBS[report.status]} {report.file}",
        f"  edition: {report.edition} Trafficking in Persons Report; sha256 {report.sha256}",
        f"  source: {report.source}",
    ]
    if report.replaced:
        lines.append(f"  replaced {report.replaced:,} rows of the edition's previous import")
    return lines


def _write_snapshots(
    command: BaseCommand, snapshots: list[SnapshotReport], *, dry_run: bool
) -> None:
    if not snapshots:
        command.stdout.write(command.style.SUCCESS("No cycle is published yet: nothing to import."))
        return
    for s in snapshots:
        verb = {"imported": "imported", "unchanged": "already imported",
                "would import": "would be imported"}[s.status]  # fmt: skip
        command.stdout.write(
            f"{s.key}: {s.countries:,} countries of the {s.report_year} report (data year "
            f"{s.data_year}; {s.with_figures:,} with figures) {verb}"
        )
    done = "Dry run: nothing was written." if dry_run else "Published cycles are imported."
    command.stdout.write(command.style.SUCCESS(done))
