"""``tipmon data load``: load the bundled fact tables (idempotent, all-or-nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.data.loaders import BUNDLED_DIR, load_bundled
from tipmon.data.parsing import DataLoadError


class Command(BaseCommand):
    help = "Work with the bundled fact tables."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="Load every bundled table; loading twice changes nothing."
        )
        load.add_argument(
            "--directory", type=Path, default=BUNDLED_DIR,
            help="Folder with NAME.csv and NAME.meta.json files (default: the bundled tables).",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load(options["directory"])

    def _load(self, directory: Path) -> None:
        try:
            report = load_bundled(directory)
        except DataLoadError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        if report.countries_changed:
            self.stdout.write(f"countries: {report.countries_changed} added or updated")
        for table in report.tables:
            state = "loaded" if table.changed else "unchanged"
            self.stdout.write(f"{table.key}: {table.rows} rows {state}")
        self.stdout.write(self.style.SUCCESS("Bundled data is loaded."))
