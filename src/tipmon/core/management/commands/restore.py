"""``tipmon restore FILE``: restore a backup and verify every table against its manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by tipmon backup, then verify row counts and checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"] and input("This replaces the whole database. Type yes: ") != "yes":
            raise CommandError("Nothing was restored.")
        try:
            report = restore(options["file"])
        except (BackupError, OSError, KeyError, ValueError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        for line in report.mismatches:
            self.stderr.write(line)
        if report.mismatches:
            raise CommandError(f"{len(report.mismatches)} of {report.tables} tables differ.")
        self.stdout.write(self.style.SUCCESS(
            f"Restored; all {report.tables} tables match their checksums."))  # fmt: skip
