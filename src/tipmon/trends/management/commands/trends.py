"""``tipmon trends import``: an alias of ``tipmon data import`` (see importers.command)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tipmon.trends.importers.command import HELP, add_import_arguments, run_import


class Command(BaseCommand):
    help = "Work with the trends data: import a file downloaded from its publisher."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help=f"{HELP} Same as `tipmon data import`.")
        add_import_arguments(importer)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            run_import(self, options)
