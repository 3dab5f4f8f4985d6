"""SIGKILL real ``tipmon`` jobs in the middle of their write transaction.

Each test starts the job as a child process on a database of its own, kills it at several
points inside its write transaction (see reliability.killing for how that is proved),
and checks after every kill that the database holds exactly the state before the job or
exactly the state after it, with every dataset's rows matching its record. Then the same
job runs to the end, a second run changes nothing, and the audit chain verifies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability.checks import State, changed_tables, problems, state
from reliability.databases import Database, Watcher
from reliability.killing import (
    KillLog,
    Site,
    SiteFrom,
    kill_job,
    kill_points,
    tipmon,
    write_window,
)
from trends.unodc_exports import FIGURES, csv_file, export_rows, figure

pytestmark = pytest.mark.xdist_group("kill")


KILLS = 3


def kill_repeatedly(
    site: Site, window: float, watcher: Watcher, args: list[str], log_to: Path
) -> tuple[KillLog, list[State]]:
    """Kill ``tipmon ARGS`` once at the start of its write and at random points across the
    ``window`` seconds its write lasted in an uninterrupted run (on a copy of the site's
    database). The database's state after each kill."""
    log, states = KillLog(), []
    for delay in kill_points(KILLS, window, " ".join(args[:3])):
        log.add(kill_job(site, args, delay, log_to))
        assert problems(watcher) == [], f"after the kills {log}"
        states.append(state(watcher))
    # The figures in docs/reliability.md:
    print(f"tipmon {' '.join(args[:3])}: write lasts {window:.2f} s; killed {log}")
    return log, states


def state_of(site: Site) -> State:
    watcher = site.database.watch()
    try:
        return state(watcher)
    finally:
        watcher.close()


def assert_before_or_after(states: list[State], before: State, after: State, log: KillLog) -> None:
    """Each kill left the whole previous state or the whole new one, and at least one
    (a kill inside the transaction) left the previous state."""
    for number, found in enumerate(states, start=1):
        assert found in (before, after), (
            f"kill {number} ({log}) left a mixed state: tables differing from before "
            f"{changed_tables(before, found)}, from after {changed_tables(after, found)}"
        )
    assert log.mid_write >= 2, f"too few kills landed inside the write: {log}"
    assert before in states, f"no kill rolled back: {log}"


def test_a_data_load_killed_mid_write_loads_nothing_and_a_rerun_loads_everything_once(
    site_from: SiteFrom, migrated_template: Database, data_load_window: float, tmp_path: Path
) -> None:
    site = site_from(migrated_template)
    watcher = site.database.watch()
    before = state(watcher)
    args = ["data", "load"]
    # The loaded template was this very job on a copy of the same database.
    log, states = kill_repeatedly(site, data_load_window, watcher, args, tmp_path / "jobs.log")

    tipmon(site, *args)
    loaded = state(watcher)
    assert loaded["tiers_tierplacement"][0] > 4000
    second = tipmon(site, *args)
    assert second.count("unchanged") == 5, second
    assert state(watcher) == loaded
    assert_before_or_after(states, before, loaded, log)
    assert "intact" in tipmon(site, "audit", "verify")
    watcher.close()


def large_export(folder: Path, figures: int) -> Path:
    """A GLOTIP export in dataUNODC's layout with ``figures`` rows (as large as the real one
    when asked), every figure a distinct value."""
    countries = [("THA", "Thailand"), ("NPL", "Nepal"), ("BRA", "Brazil"), ("NGA", "Nigeria")]
    rows = [
        figure(
            *countries[n % len(countries)],
            dimension="by form of exploitation",
            category=f"Category {n % 97}",
            sex=("Female", "Male", "Total")[n % 3],
            year=2003 + n % 21,
            value=f"{n:,}",
        )
        for n in range(figures)
    ]
    return csv_file(folder / "unodc_export_large.csv", export_rows(*rows))


def test_a_unodc_import_killed_mid_write_keeps_the_previous_import_and_resumes(
    site_from: SiteFrom, loaded_template: Database, tmp_path: Path
) -> None:
    site = site_from(loaded_template)
    small = csv_file(tmp_path / "unodc_export_small.csv", export_rows(*FIGURES))
    tipmon(site, "data", "import", "unodc", str(small))
    copy = site_from(site.database)
    watcher = site.database.watch()
    before = state(watcher)
    large = large_export(tmp_path, 25_000)
    args = ["data", "import", "unodc", str(large)]
    window = write_window(copy, args)
    log, states = kill_repeatedly(site, window, watcher, args, tmp_path / "jobs.log")

    tipmon(site, *args)  # "Imported.", or "Already imported" if a kill point came too late
    imported = state(watcher)
    figures = imported["trends_unodcfigure"][0]
    assert figures == before["trends_unodcfigure"][0] - len(FIGURES) + 25_000
    assert "nothing changed" in tipmon(site, *args)
    assert state(watcher) == imported
    assert_before_or_after(states, before, imported, log)
    assert "intact" in tipmon(site, "audit", "verify")
    watcher.close()


def test_a_grants_import_killed_mid_write_creates_no_program_and_a_rerun_creates_each_once(
    site_from: SiteFrom, loaded_template: Database, tmp_path: Path
) -> None:
    site = site_from(loaded_template)
    copy = site_from(loaded_template)
    watcher = site.database.watch()
    before = state(watcher)
    args = ["assistance", "import-grants"]
    window = write_window(copy, args)
    log, states = kill_repeatedly(site, window, watcher, args, tmp_path / "jobs.log")

    first = tipmon(site, *args)
    imported = state(watcher)
    assert imported["assistance_program"][0] > 2000, first
    second = tipmon(site, *args)
    assert " 0 programs created, 0 updated" in second, second
    assert state(watcher) == imported
    assert_before_or_after(states, before, imported, log)
    assert "intact" in tipmon(site, "audit", "verify")
    watcher.close()


def test_a_restore_killed_mid_write_leaves_the_database_as_it_was_or_as_backed_up(
    site_from: SiteFrom, loaded_template: Database, tmp_path: Path
) -> None:
    site = site_from(loaded_template)
    backup = tmp_path / "tipmon.backup"
    tipmon(site, "backup", str(backup))
    backed_up = state_of(site)
    tipmon(site, "assistance", "import-grants")  # a day's work after the backup
    copy = site_from(site.database)
    watcher = site.database.watch()
    before = state(watcher)
    assert before != backed_up
    args = ["restore", "--yes", str(backup)]
    window = write_window(copy, args)
    log, states = kill_repeatedly(site, window, watcher, args, tmp_path / "jobs.log")

    assert "match their checksums" in tipmon(site, *args)
    assert state(watcher) == backed_up
    assert "match their checksums" in tipmon(site, *args)
    assert state(watcher) == backed_up
    assert_before_or_after(states, before, backed_up, log)
    assert "intact" in tipmon(site, "audit", "verify")
    watcher.close()
