"""``tipmon countries resolve NAME...``: map country names to ISO codes, never guessing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.countries.gazetteer import CountryResolutionError, resolve_country


class Command(BaseCommand):
    help = "Country gazetteer tools."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        resolve = sub.add_parser(
            "resolve", help="Resolve each NAME to its ISO 3166-1 alpha-3 code."
        )
        resolve.add_argument("names", nargs="+", metavar="NAME")

    def handle(self, *args: Any, **options: Any) -> None:
        failures = 0
        for name in options["names"]:
            try:
                record = resolve_country(name)
            except CountryResolutionError as exc:
                failures += 1
                self.stderr.write(str(exc))
                continue
            self.stdout.write(f"{name}\t{record.iso3}\t{record.short_name}\t{record.bureau}")
        if failures:
            raise CommandError(
                f"{failures} of {len(options['names'])} names could not be resolved."
            )
