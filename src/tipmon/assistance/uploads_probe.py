"""Inspect an uploaded archive in a process of its own: ``python -m
tipmon.assistance.uploads_probe LIMITS [FILE]``.

The archive comes on standard input (or from FILE); LIMITS is a JSON object of
:class:`~tipmon.assistance.uploads.ArchiveLimits` fields. Before reading anything the
process caps its own address space and CPU time (``resource.setrlimit``), so a hostile
archive can exhaust only this process, which the caller also stops after a timeout. It
prints one JSON line: ``{"ok": true, "report": {...}}`` or ``{"ok": false, "reason": "..."}``.
Plain Python: no Django import.
"""

from __future__ import annotations

import json
import resource
import sys
from dataclasses import asdict
from pathlib import Path

from tipmon.assistance.uploads import ArchiveLimits, UploadRefused, inspect_archive


def limit_resources(limits: ArchiveLimits) -> None:
    """Cap this process: address space, CPU seconds, and no core file."""
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    limits = ArchiveLimits(**json.loads(argv[1])) if len(argv) > 1 else ArchiveLimits()
    limit_resources(limits)
    data = Path(argv[2]).read_bytes() if len(argv) > 2 else sys.stdin.buffer.read()
    try:
        report = inspect_archive(data, limits)
    except UploadRefused as exc:
        print(json.dumps({"ok": False, "reason": str(exc)}))
        return 0
    fields = asdict(report) | {"folders": sorted(report.folders)}
    print(json.dumps({"ok": True, "report": fields}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
