"""``tipmon trends import unodc FILE``: import a publisher's data file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.services import IMPORTERS, ImportReport


class Command(BaseCommand):
    help = "Work with the trends data: import a file downloaded from its publisher."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser(
            "import",
            help="Import a downloaded file (unodc: the GLOTIP export from dataUNODC, .xlsx "
            "or .csv); importing the same file twice changes nothing.",
        )
        importer.add_argument("source", choices=sorted(IMPORTERS), help="Who published the file.")
        importer.add_argument("file", type=Path, help="The file as downloaded.")
        importer.add_argument(
            "--dry-run", action="store_true", help="Read and check the file; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["source"], options["file"], dry_run=options["dry_run"])

    def _import(self, source: str, path: Path, *, dry_run: bool) -> None:
        try:
            report = IMPORTERS[source](path, dry_run=dry_run)
        except DataLoadError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for line in describe(report):
            self.stdout.write(line)
        done = {
            "imported": "Imported.",
            "unchanged": "Already imported: nothing changed.",
            "would import": "Dry run: nothing was written.",
        }[report.status]
        self.stdout.write(self.style.SUCCESS(f"{done} ({report.seconds:.1f} s)"))


VERBS = {
    "imported": "imported from",
    "unchanged": "already imported from",
    "would import": "would be imported from",
}


def describe(report: ImportReport) -> list[str]:
    """The import report as lines of text."""
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
