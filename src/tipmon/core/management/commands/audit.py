"""``tipmon audit verify``: check that no audit entry was edited, inserted or deleted."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.core.audit import verify


class Command(BaseCommand):
    help = "The tamper-evident audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Recompute the hash chain and report any broken entry.")

    def handle(self, *args: Any, **options: Any) -> None:
        count, problems = verify()
        for p in problems:
            self.stderr.write(f"entry {p.entry_id}: {p.problem}")
        if problems:
            raise CommandError(f"The audit log of {count} entries is broken in {len(problems)} "
                               "places.")  # fmt: skip
        self.stdout.write(self.style.SUCCESS(f"The audit log of {count} entries is intact."))
