"""Batch ingest: folders and archives through the pipeline, in parallel, resumably.

1. Every file is stored under its SHA-256 and registered as a document (pending). A file
   already registered and processed is skipped, so a rerun does only what is left.
2. Pending documents go to workers: a local process pool, or a Dask cluster. Workers run
   the pure pipeline and return plain results; they never touch the database.
3. This process saves each result as it arrives, one transaction per document. A crash
   loses at most the documents in flight; they are still pending on the next run.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tipmon.countries.models import Country
from tipmon.evidence import intake, services
from tipmon.evidence.models import Document, DocumentStatus, SourceKind
from tipmon.evidence.pipeline.worker import Job, analyse_file

# Futures in flight per worker: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4
# A job in flight when a worker died this many times is set aside as a crash, so one file
# that kills its worker cannot stop a batch.
MAX_WORKER_DEATHS = 3


@dataclass
class IngestReport:
    seen: int = 0
    skipped: int = 0
    processed: int = 0
    rejected: int = 0
    duplicates: int = 0
    items: int = 0
    refused: list[str] = field(default_factory=list)


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """Every regular file under ``paths`` (folders walked in name order)."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")


def register_all(
    paths: Iterable[Path],
    *,
    source_kind: str = SourceKind.OTHER,
    context_country: Country | None = None,
    source_note: str = "",
    report: IngestReport,
) -> None:
    """Store and register every file (archives opened); refusals are recorded, not fatal."""
    limit = intake.max_upload_bytes()
    for path in files_under(paths):
        size = path.stat().st_size
        if size > limit:
            report.seen += 1
            report.rejected += 1
            report.refused.append(
                f"{path}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit"
            )
            continue
        results = intake.take_files(
            [(path.name, path.read_bytes())],
            user=None,
            source_kind=source_kind,
            context_country=context_country,
            source_note=source_note,
            process_now=0,
        )
        for r in results:
            report.seen += 1
            if r.outcome == "already":
                report.skipped += 1
            elif r.outcome == "rejected":
                report.rejected += 1
                report.refused.append(f"{path}: {r.name}: {r.message}")


def _crashed(job: Job) -> dict[str, Any]:
    return {
        "key": job.key,
        "status": "rejected",
        "code": "crash",
        "message": "Reading this file stopped the worker process several times; it was set "
        "aside so the rest of the batch could go on.",
    }


def _run_local(jobs: list[Job], workers: int) -> Iterator[dict[str, Any]]:
    """Results as they come from a pool of ``workers`` processes. A worker that dies (killed,
    or out of memory) breaks the pool: a new pool takes over the jobs that were in flight,
    and a job in flight at ``MAX_WORKER_DEATHS`` deaths is set aside as a crash."""
    if workers <= 1:
        for job in jobs:
            yield analyse_file(job)
        return
    limit = workers * IN_FLIGHT_PER_WORKER
    todo = deque(jobs)
    deaths: Counter[str] = Counter()
    while todo:
        with cf.ProcessPoolExecutor(max_workers=workers) as pool:
            running: dict[cf.Future[dict[str, Any]], Job] = {}
            broken: list[Job] = []
            while (todo or running) and not broken:
                while todo and len(running) < limit:
                    job = todo.popleft()
                    running[pool.submit(analyse_file, job)] = job
                finished, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    job = running.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken.append(job)
                        continue
                    yield outcome
            broken += running.values()
        for job in reversed(broken):
            deaths[job.key] += 1
            if deaths[job.key] >= MAX_WORKER_DEATHS:
                yield _crashed(job)
            else:
                todo.appendleft(job)


def _run_dask(jobs: list[Job], address: str) -> Iterator[dict[str, Any]]:
    from distributed import Client, as_completed

    with Client(address) as client:  # type: ignore[no-untyped-call]
        limit = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        todo = iter(jobs)
        # Workers may not share this file system: each job carries its file's bytes.
        first = [
            client.submit(analyse_file, _with_bytes(j), pure=False) for j in _take(todo, limit)
        ]
        queue = as_completed(first)  # type: ignore[no-untyped-call]
        for future in queue:
            yield future.result()
            for j in _take(todo, 1):
                future = client.submit(analyse_file, _with_bytes(j), pure=False)
                queue.add(future)  # type: ignore[no-untyped-call]


def _with_bytes(job: Job) -> Job:
    return replace(job, data=Path(job.path).read_bytes())


def _take(it: Iterator[Job], n: int) -> list[Job]:
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out


def process_pending(
    *,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Callable[[int], None] | None = None,
    report: IngestReport,
    limit: int | None = None,
) -> None:
    """Run the pending documents (the first ``limit`` of them, oldest first) through the
    pipeline and save each result as it comes."""
    waiting = Document.objects.filter(status=DocumentStatus.PENDING).order_by("pk")
    pending = {d.sha256: d for d in (waiting[:limit] if limit else waiting)}
    jobs = [services.job_for(d) for d in sorted(pending.values(), key=lambda d: d.pk)]
    outcomes = _run_dask(jobs, dask_address) if dask_address else _run_local(jobs, workers)
    for outcome in outcomes:
        document = services.save_outcome(pending[outcome["key"]], outcome)
        if document.status == DocumentStatus.REJECTED:
            report.rejected += 1
            report.refused.append(f"{document.filename}: {document.rejection_message}")
        elif document.duplicate_of_id:
            report.duplicates += 1
        else:
            report.processed += 1
            report.items += document.items.count()
        if progress:
            progress(1)


def pending_count() -> int:
    return Document.objects.filter(status=DocumentStatus.PENDING).count()
