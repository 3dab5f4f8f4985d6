"""Backups restore to the same rows and checksums, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tipmon.core import audit
from tipmon.core.backup import backup, fingerprints, restore
from tipmon.core.models import AuditEntry


@pytest.fixture
def loaded(bundled_data_transactional: None) -> None:
    """A committed database with the bundled data (backups see only committed rows)."""


def test_a_backup_restores_every_table_exactly(loaded: None, tmp_path: Path) -> None:
    target = tmp_path / "tipmon.backup"
    saved = backup(target)
    assert saved["tiers_tierplacement"][0] > 3000
    audit.record("after.backup", "x")
    assert fingerprints() != saved
    report = restore(target)
    assert report.mismatches == []
    assert fingerprints() == saved
    assert not AuditEntry.objects.filter(action="after.backup").exists()


def test_a_restore_that_does_not_match_its_manifest_says_which_table(
    loaded: None, tmp_path: Path
) -> None:
    target = tmp_path / "tipmon.backup"
    backup(target)
    manifest_path = target.with_name(target.name + ".manifest.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["tiers_tierplacement"][1] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"1 of \d+ tables differ"):
        call_command("restore", str(target), "--yes")


def test_a_backup_taken_while_the_server_writes_is_consistent(loaded: None, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip(
            "the PostgreSQL backup shares one snapshot by construction (pg_dump --snapshot)"
        )
    stop = threading.Event()

    def writer() -> None:
        from django.db import connections

        try:
            while not stop.is_set():
                audit.record("concurrent.write", "x")
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        target = tmp_path / "during-writes.backup"
        saved = backup(target)
    finally:
        stop.set()
        thread.join()
    assert restore(target).mismatches == []
    assert fingerprints() == saved


def test_the_commands_report_counts(
    loaded: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cli.backup"
    call_command("backup", str(target))
    call_command("restore", str(target), "--yes")
    out = capsys.readouterr().out
    assert "Backed up" in out
    assert "all" in out
    assert "tables match their checksums" in out
