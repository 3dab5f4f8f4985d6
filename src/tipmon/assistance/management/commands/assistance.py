"""``tipmon assistance``: ``import-grants`` turns the historical grants into closed programs;
``export-iati FILE [--country ISO3]`` writes programs as an IATI 2.03 activity file.

Run ``import-grants`` after ``tipmon data load``; it is idempotent (a second run changes
nothing) and all or nothing. See docs/assistance.md, docs/iati.md and docs/cli.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.assistance import iati_export
from tipmon.assistance.grants_import import GrantsNotLoaded, import_grants
from tipmon.assistance.models import Program
from tipmon.countries.models import Country


class Command(BaseCommand):
    help = "Work with assistance data: import the historical grants, export programs as IATI."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "import-grants",
            help="Turn the bundled US anti-trafficking grants (FY2001-2014, loaded by "
            "`tipmon data load`) into closed programs with one funding line each.",
        )
        export = sub.add_parser(
            "export-iati",
            help="Write every program (or one country's) as an IATI 2.03 activity file.",
        )
        export.add_argument("file", help="Where to write the XML ('-' for standard output).")
        export.add_argument(
            "--country", metavar="ISO3", help="Only this country's own programs (alpha-3)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import-grants":
            self._import_grants()
        elif options["action"] == "export-iati":
            self._export_iati(options["file"], options.get("country"))

    def _import_grants(self) -> None:
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

    def _export_iati(self, file: str, country: str | None) -> None:
        programs = Program.objects.all()
        if country:
            iso3 = country.strip().upper()
            if not Country.objects.filter(iso3=iso3).exists():
                raise CommandError(f"No country with the ISO3 code {iso3!r}.")
            programs = iati_export.for_country(iso3)
        try:
            export = iati_export.export_programs(programs)
        except iati_export.ExportRefused as exc:
            raise CommandError(f"Nothing was written. {exc}") from exc
        if file == "-":
            self.stdout.write(export.xml.decode("utf-8"), ending="")
            return
        target = Path(file)
        partial = target.with_name(target.name + ".partial")
        try:
            partial.write_bytes(export.xml)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Nothing was written to {file}: {exc.strerror or exc}.") from exc
        self.stdout.write(
            f"{export.activities:,} IATI activities ({len(export.xml):,} bytes) written to "
            f"{target}; reporting organisation {iati_export.reporting_org().ref}."
        )
