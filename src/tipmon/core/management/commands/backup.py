"""``tipmon backup FILE``: a consistent, verifiable copy of the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) with a manifest of checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            prints = backup(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(count for count, _ in prints.values())
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {len(prints)} tables ({rows} rows) to {options['file']}."))  # fmt: skip
