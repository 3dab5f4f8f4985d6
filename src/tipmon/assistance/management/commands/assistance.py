"""``tipmon assistance import-grants``: the historical grants as closed programs.

Run it after ``tipmon data load``; it is idempotent (a second run changes nothing) and all
or nothing. See docs/assistance.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.assistance.grants_import import GrantsNotLoaded, import_grants


class Command(BaseCommand):
    help = "Work with assistance data: import the historical grants as programs."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "import-grants",
            help="Turn the bundled US anti-trafficking grants (FY2001-2014, loaded by "
            "`tipmon data load`) into closed programs with one funding line each.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import-grants":
            try:
                report = import_grants()
            except GrantsNotLoaded as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"{report.grants:,} grants: {report.created:,} programs created, "
                f"{report.updated:,} updated, {report.unchanged:,} unchanged; "
                f"{report.funding_lines:,} funding lines totalling ${report.total_usd:,.0f} "
                f"({report.without_amount:,} grants give no amount)."
            )
