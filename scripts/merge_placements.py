"""Merge researched tier placements into the bundled table, keeping the stronger source.

    .venv/bin/python scripts/merge_placements.py NEW.csv [NEW2.csv ...]

Each NEW.csv has the bundled table's columns. A researched row is added when the table has
no row for that (report_year, iso3); it replaces an existing row only when its basis is
stronger (report text or a tier list over news or an adjacent year's text, any of them over
inference). When the two disagree on the tier, the note records both and the choice. The
sidecar's checksum and row count are updated; the script prints what it did.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[1] / "src" / "tipmon" / "data" / "bundled"
TABLE = BUNDLED / "tier_placements.csv"
COLUMNS = ["report_year", "iso3", "name_in_source", "tier", "basis", "source", "second_source",
           "note"]  # fmt: skip
STRENGTH = {"tier list": 3, "report text": 3, "transcribed panel": 3, "published assessment": 4,
            "adjacent-year report text": 2, "news": 1, "inferred": 0}  # fmt: skip


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{c: row.get(c, "") or "" for c in COLUMNS} for row in csv.DictReader(handle)]


def merge(table: dict[tuple[str, str], dict[str, str]], new: dict[str, str]) -> str:
    key = (new["report_year"], new["iso3"])
    old = table.get(key)
    if old is None:
        table[key] = new
        return "added"
    if STRENGTH[new["basis"]] <= STRENGTH[old["basis"]]:
        return "kept"
    if old["tier"] != new["tier"]:
        new = {**new, "note": "; ".join(filter(None, [
            new["note"], f"conflict: earlier {old['basis']} row said {old['tier']} "
            f"({old['source'] or 'no source'}); {new['basis']} preferred"]))}  # fmt: skip
    table[key] = new
    return "replaced"


def main(paths: list[str]) -> None:
    table = {(r["report_year"], r["iso3"]): r for r in read(TABLE)}
    for path in paths:
        counts: dict[str, int] = {}
        for row in read(Path(path)):
            if row["basis"] not in STRENGTH:
                raise SystemExit(f"{path}: unknown basis {row['basis']!r} for {row['iso3']}")
            outcome = merge(table, row)
            counts[outcome] = counts.get(outcome, 0) + 1
        print(f"{path}: {counts}")
    rows = sorted(table.values(), key=lambda r: (int(r["report_year"]), r["iso3"]))
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    meta_path = TABLE.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(TABLE.read_bytes()).hexdigest()
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{TABLE.name}: {len(rows)} rows; sidecar checksum updated")


if __name__ == "__main__":
    main(sys.argv[1:])
