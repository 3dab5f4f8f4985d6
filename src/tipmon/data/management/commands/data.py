"""``tipmon data load`` and ``tipmon data import``: load bundled tables, import downloaded data.

Both are idempotent and all-or-nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.data.loaders import BUNDLED_DIR, load_bundled
from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.command import HELP, add_import_arguments, run_import


class Command(BaseCommand):
    help = "Work with the fact tables: load the bundled ones, import downloaded data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="Load every bundled table; loading twice changes nothing."
        )
        load.add_argument(
            "--directory", type=Path, default=BUNDLED_DIR,
            help="Folder with NAME.csv and NAME.meta.json files (default: the bundled tables).",
        )  # fmt: skip

        add_import_arguments(sub.add_parser("import", help=HELP))

        cov = sub.add_parser(
            "coverage",
            help="Per report year: sourced, secondary, inferred and missing placements, and "
            "agreement with the totals the reports state.",
        )
        cov.add_argument(
            "--missing", action="store_true",
            help="Also list, per year, the countries placed the year before or after but not "
            "that year.",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load(options["directory"])
        elif options["action"] == "import":
            run_import(self, options)
        elif options["action"] == "coverage":
            self._coverage(options["missing"])

    def _coverage(self, list_missing: bool) -> None:
        from tipmon.tiers.coverage import coverage, likely_missing

        self.stdout.write(
            f"{'year':<5} {'placed':>6} {'sourced':>7} {'secondary':>9} "
            f"{'inferred':>8} {'missing':>7}  stated totals"
        )
        unexplained = 0
        for y in coverage():
            missing = "?" if y.missing is None else str(y.missing)
            checks = (
                ", ".join(f"{c.category} {c.recorded}/{c.stated} {c.verdict}" for c in y.checks)
                or "none found"
            )
            self.stdout.write(
                f"{y.year:<5} {y.placed:>6} {y.sourced:>7} {y.secondary:>9} "
                f"{y.inferred:>8} {missing:>7}  {checks}"
            )
            unexplained += len(y.unexplained)
        self.stdout.write(
            "sourced: report text, a tier list, the transcribed panel or a "
            "published assessment; secondary: news or an adjacent year's text."
        )
        if list_missing:
            self._missing(coverage(), likely_missing())
        if unexplained:
            raise CommandError(f"{unexplained} stated totals disagree with no explanation.")

    def _missing(self, years: list[Any], gaps: dict[int, list[str]]) -> None:
        """Countries placed the year before or after but not that year, with what the
        year's stated total of countries says about them."""
        self.stdout.write("\nNot recorded, though placed the year before or after:")
        missing = {y.year: y.missing for y in years}
        for year, codes in gaps.items():
            short = missing.get(year)
            if short == 0:
                why = "not in that report: its stated total of countries is met"
            elif short is None:
                why = "no stated total of countries is recorded; no stored source found yet"
            else:
                why = f"{short} of the report's countries unrecorded; no stored source found yet"
            self.stdout.write(f"{year}: {' '.join(codes)}  ({why})")

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
