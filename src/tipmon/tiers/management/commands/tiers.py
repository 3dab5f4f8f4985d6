"""``tipmon tiers replay`` and ``tipmon tiers check``: the tier engine on the command line."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.countries.services import CountryNotFound
from tipmon.tiers.rules import EventKind, Findings, PolicyPattern, Replay, parse_tier
from tipmon.tiers.schemas import decision_json, reason_json
from tipmon.tiers.statute import check_proposal, histories, replay_record, weak_placements

REPORTED = (EventKind.WAIVER, EventKind.AUTO_DOWNGRADE, EventKind.REENTRY, EventKind.VIOLATION,
            EventKind.UNKNOWN, EventKind.GAP)  # fmt: skip


def _yes_no(value: str) -> bool:
    if value.lower() in {"yes", "true", "1"}:
        return True
    if value.lower() in {"no", "false", "0"}:
        return False
    raise ValueError(f"{value!r}: answer yes or no")


class Command(BaseCommand):
    help = "The TVPA tier engine: replay the record, or check a proposed tier."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rp = sub.add_parser(
            "replay", help="Walk every country's recorded placements through the statute."
        )
        rp.add_argument("--from", dest="first", type=int, default=None)
        rp.add_argument("--to", dest="last", type=int, default=None)
        rp.add_argument("--format", choices=["table", "csv", "json"], default="table")
        rp.add_argument("--gaps", action="store_true", help="Also list every unrecorded year.")
        ck = sub.add_parser("check", help="Check a proposed tier for a country and report year.")
        ck.add_argument("iso3")
        ck.add_argument("year", type=int)
        ck.add_argument("tier", help="1, 2, 2wl, 3, special or the full name")
        ck.add_argument("--fully-meets", type=_yes_no)
        ck.add_argument("--significant-efforts", type=_yes_no)
        ck.add_argument("--watch-list-criteria", type=_yes_no)
        ck.add_argument("--waiver", dest="waiver_granted", type=_yes_no)
        ck.add_argument(
            "--policy-or-pattern",
            action="append",
            default=[],
            choices=[p.name.lower() for p in PolicyPattern],
        )
        ck.add_argument("--special-case", default="", help="The reason, if a Special Case")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "replay":
            self._replay(options)
        else:
            self._check(options)

    def _replay(self, options: dict[str, Any]) -> None:
        try:
            record = replay_record(options["first"], options["last"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        kinds = set(REPORTED) if options["gaps"] else set(REPORTED) - {EventKind.GAP}
        rows = _rows(record, kinds)
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "first": record.first,
                        "last": record.last,
                        "countries": len(histories()),
                        "events": rows,
                    },
                    indent=1,
                )
            )
        elif fmt == "csv":
            writer = csv.DictWriter(
                self.stdout, fieldnames=list(rows[0]) if rows else ["year"], lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows({**r, "facts": "; ".join(r["facts"])} for r in rows)
        else:
            for r in rows:
                self.stdout.write(
                    f"{r['year']}  {r['iso3']}  {r['event']:<20} {r['text']}  "
                    f"[{r['citation']}] {'; '.join(r['facts'])}"
                )
            self._sources(record)
            self._summary(record)  # fmt: skip

    def _sources(self, record: Replay) -> None:
        """Per country: the years with no placement and those that rest on weaker sources."""
        weak = weak_placements()
        self.stdout.write("\nGaps and weaker sources, per country:")
        for iso3, statuses in record.statuses.items():
            missing = [str(s.year) for s in statuses if s.tier is None]
            softer = [f"{y} {b}" for y, b in weak.get(iso3, []) if record.first <= y <= record.last]
            if missing or softer:
                parts = [f"not recorded {', '.join(missing)}"] if missing else []
                parts += [f"basis {'; '.join(softer)}"] if softer else []
                self.stdout.write(f"  {iso3}: " + " | ".join(parts))

    def _summary(self, record: Replay) -> None:
        counts = {k.value: record.count(k) for k in REPORTED}
        self.stdout.write(
            f"\n{len(record.statuses)} countries, {record.first}-{record.last}: "
            + ", ".join(f"{n} {k}" for k, n in counts.items())
        )
        if counts["violation"]:
            raise CommandError(f"{counts['violation']} placements the statute would not allow.")

    def _check(self, options: dict[str, Any]) -> None:
        try:
            proposed = parse_tier(options["tier"])
            patterns = frozenset(PolicyPattern[p.upper()] for p in options["policy_or_pattern"])
            findings = Findings(
                fully_meets=options["fully_meets"],
                significant_efforts=options["significant_efforts"],
                watch_list_criteria=options["watch_list_criteria"],
                waiver_granted=options["waiver_granted"],
                policy_or_pattern=patterns,
                special_case=options["special_case"],
            )
            decision = check_proposal(options["iso3"], options["year"], proposed, findings)
        except (ValueError, CountryNotFound) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(decision_json(decision), indent=1))
        if not decision.allowed:
            sys.exit(3)


def _rows(record: Replay, kinds: set[EventKind]) -> list[dict[str, Any]]:
    return [
        {"year": s.year, "iso3": iso3, "tier": s.tier.value if s.tier else "",
         "event": e.kind.value, **reason_json(e.reason)}
        for iso3, statuses in record.statuses.items() for s in statuses for e in s.events
        if e.kind in kinds
    ]  # fmt: skip
