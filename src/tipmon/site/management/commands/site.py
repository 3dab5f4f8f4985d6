"""``tipmon site``: ``setup`` creates the CMS's groups, permissions and moderation workflow;
``seed`` does that and creates the public site's page tree with the office's own text.

Both are idempotent (``make run`` calls ``seed`` on every start). See docs/cms.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.site.seed import seed_site
from tipmon.site.setup import NoHomePage, setup_moderation


class Command(BaseCommand):
    help = "Set up the CMS (groups, workflow) and seed the public site's pages."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "setup",
            help="Create the web editor and approver groups and the moderation workflow.",
        )
        sub.add_parser(
            "seed", help="Run setup, then create the pages that are missing, with seed text."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "setup":
                self.stdout.write(f"CMS setup. {setup_moderation()}")
            else:
                report = seed_site()
                pages = ", ".join(report.created) if report.created else "none"
                self.stdout.write(f"CMS setup. {report.setup}\nPages created: {pages}.")
        except NoHomePage as exc:
            raise CommandError(str(exc)) from exc
