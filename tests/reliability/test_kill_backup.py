"""SIGKILL ``tipmon backup`` while it writes over an earlier backup of the same name.

A backup writes no row to the database, so there is no transaction to catch it in: it is
killed at random times across the time a whole backup takes. Whatever it leaves behind,
``tipmon restore`` then either refuses and leaves the database as it was, or restores a
complete backup that matches its manifest; never part of one, and never a copy it then
calls wrong after replacing the database with it.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from reliability.checks import State, changed_tables, problems, state
from reliability.databases import Database, Watcher
from reliability.killing import (
    JOB_TIMEOUT,
    Site,
    SiteFrom,
    group_of,
    kill_points,
    tipmon,
    tipmon_command,
)

pytestmark = pytest.mark.xdist_group("kill")


def kill_after(site: Site, args: list[str], seconds: float, log_to: Path) -> bool:
    """Start ``tipmon ARGS`` and SIGKILL it (with its pg_dump) after ``seconds``; whether it
    was still running then."""
    with log_to.open("ab") as log:
        process = subprocess.Popen(
            tipmon_command(*args),
            env=site.env(),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        try:
            code = process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            group_of(process).kill()
            process.wait(timeout=30)
            return True
    assert code == 0, f"tipmon {' '.join(args)} failed; see {log_to}"
    return False


def edit(watcher: Watcher) -> None:
    """A change made after the backup (a dataset's caveats), straight in the database."""
    watcher.rows(
        "UPDATE tipdata_dataset SET caveats = caveats || ' Edited.' "
        "WHERE \"key\" = 'stated_totals' RETURNING id"
    )


def restore_outcome(site: Site, watcher: Watcher, backup: Path, complete: list[State]) -> str:
    """Restore ``backup``: the database must then equal one of the ``complete`` backups'
    states, or (a refusal) be left as it was."""
    current = state(watcher)
    done = subprocess.run(
        tipmon_command("restore", "--yes", str(backup)),
        env=site.env(),
        capture_output=True,
        text=True,
        timeout=JOB_TIMEOUT,
        check=False,
    )
    found = state(watcher)
    assert problems(watcher) == []
    if done.returncode == 0:
        assert found in complete, f"restored a state no complete backup had: {done.stdout}"
        return "restored"
    assert found == current, (
        f"a refused restore ({done.stderr.strip()}) changed the database: "
        f"{changed_tables(current, found)}"
    )
    return "refused"


def test_a_backup_killed_midway_is_never_restored_in_part(
    site_from: SiteFrom, loaded_template: Database, tmp_path: Path
) -> None:
    site = site_from(loaded_template)
    backup = tmp_path / "tipmon.backup"
    started = time.monotonic()
    tipmon(site, "backup", str(backup))
    took = time.monotonic() - started
    watcher = site.database.watch()
    complete = [state(watcher)]
    tipmon(site, "assistance", "import-grants")
    outcomes = []
    # From 30 % of a whole backup's time (the process has started) to its end.
    for seconds in kill_points(3, 0.7 * took, "backup"):
        edit(watcher)  # so that the database differs from the earlier backup
        at_backup = state(watcher)
        killed = kill_after(site, ["backup", str(backup)], 0.3 * took + seconds, tmp_path / "log")
        edit(watcher)  # the database moves on before anyone restores
        outcomes.append((killed, restore_outcome(site, watcher, backup, [*complete, at_backup])))
        if not killed:
            complete.append(at_backup)
    print(f"tipmon backup killed, then restored: {outcomes}")  # figures in docs/reliability.md

    at_backup = state(watcher)
    tipmon(site, "backup", str(backup))
    edit(watcher)
    assert restore_outcome(site, watcher, backup, [at_backup]) == "restored"
    assert state(watcher) == at_backup
    assert any(killed for killed, _ in outcomes), f"every backup finished first: {outcomes}"
    assert "intact" in tipmon(site, "audit", "verify")
    watcher.close()
