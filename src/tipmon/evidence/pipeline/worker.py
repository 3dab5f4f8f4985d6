"""The unit of work a process pool or a Dask worker runs: one stored file in, one JSON-able
outcome out. Text extraction happens in a sandboxed child process (time and memory
limits); the analysis runs here. Nothing in this module touches a database."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Any

from tipmon.evidence.pipeline import run, sandbox
from tipmon.evidence.pipeline.text import Limits, Rejected


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    filename: str
    key: str
    context_country: str | None = None
    # The file's bytes, for workers that do not share the file system (a Dask cluster).
    data: bytes | None = None


def analyse_file(job: Job, limits: Limits | None = None) -> dict[str, Any]:
    """Extract and analyse one file. Never raises for a bad file: the outcome says
    ``{"status": "rejected", "code": ..., "message": ...}`` instead."""
    if job.data is None:
        extracted = sandbox.extract_file(job.path, job.filename, job.key, limits or Limits())
    else:
        fd, path = tempfile.mkstemp(prefix="tipmon-evidence-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(job.data)
            extracted = sandbox.extract_file(path, job.filename, job.key, limits or Limits())
        finally:
            os.unlink(path)
    if isinstance(extracted, Rejected):
        return {
            "key": job.key,
            "status": "rejected",
            "code": extracted.code,
            "message": extracted.message,
        }
    result = run.analyse(extracted, job.context_country)
    by_index = {p.passage.index: p for p in result.passages}
    return {
        "key": job.key,
        "status": "done",
        "media_type": extracted.media_type,
        "title": extracted.title[:300],
        "page_starts": list(extracted.page_starts),
        "original_text": extracted.text,
        "masked_text": result.masked_text,
        "language": result.language,
        "pii": [{"kind": s.kind, "start": s.start, "end": s.end} for s in result.pii],
        "signature": list(result.signature),
        "proposals": [
            {
                "passage_index": p.passage_index,
                "start": by_index[p.passage_index].passage.start,
                "end": by_index[p.passage_index].passage.end,
                "page": by_index[p.passage_index].page,
                "country": p.country,
                "report_year": p.report_year,
                "pillar": p.pillar,
                "criteria": list(p.criteria),
                "figures": [
                    run.figure_json(f, result.masked_text, by_index[p.passage_index].page)
                    for f in p.figures
                ],
                "confidence": p.confidence,
            }
            for p in run.proposals(result)
        ],
    }
