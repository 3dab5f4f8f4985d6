"""``tipmon evidence``: extract one document, ingest folders and archives, evaluate the
pipeline, export reviews. See docs/evidence.md."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.countries.gazetteer import load_gazetteer
from tipmon.countries.models import Country
from tipmon.evidence import ingest, services
from tipmon.evidence.models import SourceKind
from tipmon.evidence.pipeline import evaluate, run, sandbox
from tipmon.evidence.pipeline.text import Limits, Rejected


def _gazetteer_code(code: str | None) -> str | None:
    """An ISO3 code checked against the gazetteer (no database needed)."""
    if not code:
        return None
    if load_gazetteer().get(code.upper()) is None:
        raise CommandError(f"--country {code}: not a known ISO3 code.")
    return code.upper()


class Command(BaseCommand):
    help = "Evidence intake: extract, ingest, evaluate, export-reviews."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        extract = sub.add_parser(
            "extract", help="Print what the pipeline finds in one document (nothing is stored)."
        )
        extract.add_argument("file")
        extract.add_argument("--format", choices=["json", "text"], default="json")
        extract.add_argument("--country", metavar="ISO3", help="The country the document is about.")

        ing = sub.add_parser(
            "ingest",
            help="Store and process folders, files and zip archives; a rerun skips what is done.",
        )
        ing.add_argument("paths", nargs="*", type=Path)
        ing.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="Local processes (default: cores).",
        )
        ing.add_argument("--dask", metavar="tcp://HOST:8786", help="Run on this Dask scheduler.")
        ing.add_argument("--source-kind", choices=SourceKind.values, default=SourceKind.OTHER)
        ing.add_argument("--country", metavar="ISO3", help="The country the documents are about.")
        ing.add_argument("--source-note", default="", help="Publisher, author or collection.")
        ing.add_argument("--no-progress", action="store_true", help="No progress bar.")

        ev = sub.add_parser("evaluate", help="Score the pipeline on the annotated evaluation set.")
        ev.add_argument("--split", choices=["test", "dev", "all"], default="test")
        ev.add_argument("--format", choices=["text", "json"], default="text")
        ev.add_argument("--errors", action="store_true", help="Also list each disagreement.")

        exp = sub.add_parser("export-reviews", help="Reviewed items as JSON lines (labelled data).")
        exp.add_argument("file", help="Where to write ('-' for standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "extract":
            self._extract(options)
        elif action == "ingest":
            self._ingest(options)
        elif action == "evaluate":
            self._evaluate(options)
        elif action == "export-reviews":
            self._export(options["file"])

    def _country(self, code: str | None) -> Country | None:
        if not code:
            return None
        country = Country.objects.filter(iso3=code.upper()).first()
        if country is None:
            raise CommandError(f"--country {code}: not a known ISO3 code.")
        return country

    def _extract(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        country = _gazetteer_code(options.get("country"))
        extracted = sandbox.extract_file(str(path), path.name, path.name, Limits())
        if isinstance(extracted, Rejected):
            raise CommandError(f"{path}: {extracted.message} ({extracted.code})")
        result = run.analyse(extracted, country)
        data = run.to_json(result)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for p in data["passages"]:
            figures = (
                ", ".join(f"{f['metric']} {f['form']} {f['value']}" for f in p["figures"]) or "none"
            )
            previous = ", ".join(
                f"{f['metric']} {f['form']} {f['value']}" for f in p["previous_year_figures"]
            )
            pillars = ", ".join(x["id"] for x in p["pillars"]) or "none"
            self.stdout.write(
                f"§{p['index']} (page {p['span']['page'] or '-'}, {p['language']}): "
                f"countries {', '.join(sorted({c['iso3'] for c in p['countries']})) or 'none'}; "
                f"government {p['government'] or 'none'}; pillars {pillars}; "
                f"figures {figures}" + (f"; previous year {previous}" if previous else "")
            )

    def _ingest(self, options: dict[str, Any]) -> None:
        report = ingest.IngestReport()
        country = self._country(options.get("country"))
        try:
            ingest.register_all(
                options["paths"],
                source_kind=options["source_kind"],
                context_country=country,
                source_note=options["source_note"],
                report=report,
            )
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        total = ingest.pending_count()
        bar: Any = None
        if not options["no_progress"] and total:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="doc", desc="evidence", file=sys.stderr)
        try:
            ingest.process_pending(
                workers=max(1, options["workers"]),
                dask_address=options.get("dask"),
                progress=bar.update if bar else None,
                report=report,
            )
        finally:
            if bar:
                bar.close()
        for line in report.refused:
            self.stderr.write(f"refused: {line}")
        self.stdout.write(
            f"{report.seen} file(s) seen, {report.skipped} already done; "
            f"{report.processed} processed ({report.items} proposed items), "
            f"{report.duplicates} near-duplicate(s), {report.rejected} refused."
        )

    def _evaluate(self, options: dict[str, Any]) -> None:
        split = None if options["split"] == "all" else options["split"]
        records = evaluate.load(split=split)
        if not records:
            raise CommandError(f"No evaluation records in the {options['split']} split.")
        report = evaluate.evaluate(records)
        if options["format"] == "json":
            data = report.as_json()
            if options["errors"]:
                data["errors"] = report.errors
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(evaluate.format_report(report))
        if options["errors"]:
            for e in report.errors:
                self.stdout.write(
                    f"{e['id']} {e['field']}: missed {e['missed']} extra {e['extra']}"
                )

    def _export(self, file: str) -> None:
        rows = services.labelled_data()
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if file == "-":
            self.stdout.write(text, ending="")
        else:
            Path(file).write_text(text, encoding="utf-8")
            self.stderr.write(f"{len(rows)} reviewed item(s) written to {file}")
