"""``tipmon councils seed``: load the demonstration councils, members, meetings,
recommendations and interagency commitments (all fictional, all marked as demo).

Idempotent: a second run creates nothing and changes nothing. See docs/councils.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tipmon.councils.seed import seed


class Command(BaseCommand):
    help = "Work with the advisory councils: load demonstration data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "seed",
            help="Create the fictional demonstration councils, members, meetings, "
            "recommendations and commitments that are missing (idempotent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "seed":
            report = seed()
            self.stdout.write(
                f"Councils demonstration data: {report.created} rows created, "
                f"{report.existing} already there. Every person in it is fictional."
            )
