"""`tipmon evidence ingest`: folders and archives, in parallel, resumable after a crash,
and on a Dask cluster (a LocalCluster here)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tipmon.evidence import ingest
from tipmon.evidence.models import Document, DocumentStatus, EvidenceItem

COUNTRIES = [
    ("Ghanaian", "Ghana", "Accra"),
    ("Nepali", "Nepal", "Kathmandu"),
    ("Peruvian", "Peru", "Lima"),
    ("Thai", "Thailand", "Bangkok"),
    ("Kenyan", "Kenya", "Nairobi"),
    ("Moldovan", "Moldova", "Chisinau"),
]


def report_text(n: int) -> str:
    adjective, name, capital = COUNTRIES[n % len(COUNTRIES)]
    return (
        f"Report {n}. {adjective} police investigated {10 + n} trafficking cases during the "
        f"reporting period, compared with {5 + n} the previous year, and prosecutors in "
        f"{capital} charged {3 + n % 7} suspects. The Government of {name} identified "
        f"{40 + 3 * n} victims and referred them to shelters. Officials trained {n} labor "
        f"inspectors on forced labor indicators in document number {n}."
    )


def make_corpus(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"report-{n:03d}.txt").write_text(report_text(n), encoding="utf-8")


@pytest.fixture(autouse=True)
def _private_media(settings: object, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def test_ingest_processes_folders_and_archives_and_a_rerun_skips_them(
    db: None, tmp_path: Path
) -> None:
    make_corpus(tmp_path / "corpus", 6)
    with zipfile.ZipFile(tmp_path / "more.zip", "w") as z:
        z.writestr("inner/report-100.txt", report_text(100))
        z.writestr("inner/notes.exe", b"MZ" + b"\0" * 64)
    call_command(
        "evidence",
        "ingest",
        str(tmp_path / "corpus"),
        str(tmp_path / "more.zip"),
        "--workers",
        "2",
        "--no-progress",
    )
    assert Document.objects.filter(status=DocumentStatus.DONE).count() == 7
    assert Document.objects.filter(status=DocumentStatus.REJECTED).count() == 1
    items = EvidenceItem.objects.count()
    assert items >= 7
    call_command("evidence", "ingest", str(tmp_path / "corpus"), "--no-progress")
    assert Document.objects.count() == 8
    assert EvidenceItem.objects.count() == items


def test_a_missing_path_is_a_clear_error(db: None, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such file or folder"):
        call_command("evidence", "ingest", str(tmp_path / "nowhere"), "--no-progress")


def test_parallel_and_serial_runs_give_the_same_items(db: None, tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus", 8)
    report = ingest.IngestReport()
    ingest.register_all([tmp_path / "corpus"], report=report)
    ingest.process_pending(workers=2, report=report)
    parallel = sorted(
        EvidenceItem.objects.values_list("document__filename", "country_id", "confidence")
    )
    EvidenceItem.objects.all().delete()
    Document.objects.update(status=DocumentStatus.PENDING)
    ingest.process_pending(workers=1, report=ingest.IngestReport())
    serial = sorted(
        EvidenceItem.objects.values_list("document__filename", "country_id", "confidence")
    )
    assert parallel == serial
    assert len(parallel) >= 8


def _ingest_child(tmp_path: Path, count: int, workers: int) -> tuple[dict[str, str], list[str]]:
    """A corpus of ``count`` reports, and the environment and command of an ingest of it
    in a child process on this test's SQLite database."""
    if connection.vendor != "sqlite":
        pytest.skip("the child process reaches the SQLite test file directly")
    make_corpus(tmp_path / "corpus", count)
    env = os.environ | {
        "TIPMON_DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "TIPMON_VAR_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, "-m", "tipmon.cli", "evidence", "ingest",
               str(tmp_path / "corpus"), "--workers", str(workers), "--no-progress"]  # fmt: skip
    return env, command


@pytest.mark.xdist_group("kill")
@pytest.mark.django_db(transaction=True)
def test_a_killed_ingest_loses_no_processed_document_and_a_rerun_finishes(
    bundled_data_transactional: None, tmp_path: Path
) -> None:
    count = 40
    env, command = _ingest_child(tmp_path, count, workers=1)
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while Document.objects.filter(status=DocumentStatus.DONE).count() < 5:
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    done = Document.objects.filter(status=DocumentStatus.DONE)
    assert 5 <= done.count() < count
    for document in done:
        assert document.masked_text, document.filename
    items_before = {d.pk: d.items.count() for d in done}
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert f"{count} file(s) seen" in rerun.stdout
    assert Document.objects.filter(status=DocumentStatus.DONE).count() == count
    for pk, n in items_before.items():
        assert Document.objects.get(pk=pk).items.count() == n


@pytest.mark.xdist_group("kill")
def test_ingest_runs_on_a_dask_cluster(db: None, tmp_path: Path) -> None:
    from distributed import LocalCluster

    make_corpus(tmp_path / "corpus", 6)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        call_command(
            "evidence",
            "ingest",
            str(tmp_path / "corpus"),
            "--dask",
            cluster.scheduler_address,
            "--no-progress",
        )
    assert Document.objects.filter(status=DocumentStatus.DONE).count() == 6
    ghana = Document.objects.get(filename="report-000.txt")
    assert ghana.items.filter(country_id="GHA").exists()


@pytest.mark.xdist_group("kill")
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_process_is_replaced_and_the_batch_finishes(
    bundled_data_transactional: None, tmp_path: Path
) -> None:
    import psutil

    count = 30
    env, command = _ingest_child(tmp_path, count, workers=2)
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while Document.objects.filter(status=DocumentStatus.DONE).count() < 3:
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    parent = psutil.Process(child.pid)
    # Forked pool workers run the parent's command line; the sandboxes are their children.
    workers = [p for p in parent.children() if p.cmdline() == parent.cmdline()]
    assert workers, "the ingest runs no worker process"
    workers[0].kill()
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err.decode()
    assert f"{count} processed" in out.decode()
    assert Document.objects.filter(status=DocumentStatus.DONE).count() == count
