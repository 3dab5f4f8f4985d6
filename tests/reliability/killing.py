"""Start real ``tipmon`` processes and SIGKILL them while they are inside a write.

How a kill is made provably mid-write, with no hook in the code under test: the test
stops the process (SIGSTOP), asks the database from its own connection whether a write
transaction is open (SQLite: the write lock is held; PostgreSQL: the backend has a
transaction id), and only then sends SIGKILL. While the process is stopped the answer
cannot change, so every counted kill landed inside the transaction. A kill point is a
delay after the write was first seen; if the write in progress has ended by then, the
kill waits for the job's next write, and if the job has finished, the point is missed.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from reliability.databases import Database, Watcher

#: The secret key every child of a test shares, so that the audit chain one process writes
#: verifies in the next (a throwaway value for throwaway databases).
SECRET_KEY = "kill-tests-throwaway-secret-key-" + "k" * 40
JOB_TIMEOUT = 120.0


@dataclass(frozen=True)
class Site:
    """One test's database and var folder, as the children see them."""

    database: Database
    var: Path

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("TIPMON_") and key != "DJANGO_SETTINGS_MODULE"
        }
        return env | {
            "TIPMON_ENV": "production",
            "TIPMON_DEBUG": "false",
            "TIPMON_HTTPS": "false",
            "TIPMON_SECRET_KEY": SECRET_KEY,
            "TIPMON_VAR_DIR": str(self.var),
            "TIPMON_DATABASE_URL": self.database.url,
            "TIPMON_ALLOWED_HOSTS": "127.0.0.1",
        }


#: Makes a test's own database, a copy of a template, and its var folder.
SiteFrom = Callable[[Database], Site]


def tipmon_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tipmon.cli", *args]


def tipmon(site: Site, *args: str, timeout: float = JOB_TIMEOUT) -> str:
    """Run ``tipmon ARGS`` to the end; its output, or an assertion naming what failed."""
    done = subprocess.run(
        tipmon_command(*args),
        env=site.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"tipmon {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def tipmon_fails(site: Site, *args: str, timeout: float = JOB_TIMEOUT) -> str:
    """Run ``tipmon ARGS`` expecting a refusal; its error output."""
    done = subprocess.run(
        tipmon_command(*args),
        env=site.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode != 0, f"tipmon {' '.join(args)} succeeded:\n{done.stdout}"
    return done.stderr


class Victim:
    """Processes to stop and kill together: a job's process group, or one process."""

    def __init__(
        self,
        send: Callable[[signal.Signals], None],
        pids: Callable[[], list[int]],
        alive: Callable[[], bool],
    ) -> None:
        self.signal = send
        self._pids = pids
        self.alive = alive

    def stop(self) -> bool:
        """SIGSTOP, then wait until every process is stopped (delivery is asynchronous);
        False when the victim is gone."""
        self.signal(signal.SIGSTOP)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if not self.alive():
                return False
            if all(_stopped(pid) for pid in self._pids()):
                return True
            time.sleep(0.0005)
        raise AssertionError("the process did not stop within 5 s")

    def cont(self) -> None:
        self.signal(signal.SIGCONT)

    def kill(self) -> None:
        self.signal(signal.SIGKILL)


def _stopped(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() in (psutil.STATUS_STOPPED, psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return True


def _family(pid: int) -> list[int]:
    try:
        return [pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))]
    except psutil.NoSuchProcess:
        return []


def group_of(process: subprocess.Popen[bytes], alive: Callable[[], bool] | None = None) -> Victim:
    """A process started in a session of its own, with every program it starts (pg_restore
    for instance): signals go to the whole process group, so none escapes."""

    def send(signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)

    return Victim(send, lambda: _family(process.pid), alive or (lambda: process.poll() is None))


def one_process(pid: int, alive: Callable[[], bool]) -> Victim:
    """One process only (a gunicorn worker, not its master)."""

    def send(signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    return Victim(send, lambda: [pid], lambda: alive() and psutil.pid_exists(pid))


@dataclass(frozen=True)
class Kill:
    """What happened at one kill point."""

    delay: float  # asked for: seconds after the write was first seen
    killed: bool  # False: the job had left its write transaction (finished) by then
    into_write: float = 0.0  # measured: seconds from first sight of the write to the kill
    waited: float = 0.0  # seconds from the start of watching to first sight of the write


@dataclass
class KillLog:
    """Every kill of a test, for its assertion messages and the figures in the docs."""

    kills: list[Kill] = field(default_factory=list)

    def add(self, kill: Kill) -> Kill:
        self.kills.append(kill)
        return kill

    @property
    def mid_write(self) -> int:
        return sum(k.killed for k in self.kills)

    def __str__(self) -> str:
        return f"seed {SEED}: " + ", ".join(
            f"{k.into_write * 1000:.0f} ms into the write ({k.waited:.1f} s after start)"
            if k.killed
            else f"not: finished within {k.delay * 1000:.0f} ms"
            for k in self.kills
        )


def _wait_inside(victim: Victim, watcher: Watcher, deadline: float) -> bool:
    """Return with ``victim`` stopped inside a write transaction, or False once it is gone
    (finished). A quick look first, so that the job runs unhindered until it writes."""
    while True:
        if time.monotonic() > deadline:
            victim.kill()
            raise AssertionError("no write transaction seen before the deadline")
        if not victim.alive():
            return False
        if not watcher.writer_inside(settle=False):
            time.sleep(random.uniform(0.0005, 0.003))
            continue
        if not victim.stop():
            return False
        if watcher.writer_inside():
            return True
        victim.cont()


def kill_mid_write(
    victim: Victim, watcher: Watcher, delay: float, timeout: float = JOB_TIMEOUT
) -> Kill:
    """Wait until ``victim`` is inside a write transaction, let it run ``delay`` seconds
    more, and SIGKILL it inside the write it is in then (or its next one). Returns
    ``killed=False`` when it finished first."""
    started = time.monotonic()
    deadline = started + timeout
    if not _wait_inside(victim, watcher, deadline):
        return Kill(delay, killed=False)
    seen = time.monotonic()
    if delay > 0:
        victim.cont()
        time.sleep(delay)
        if not _wait_inside(victim, watcher, deadline):
            return Kill(delay, killed=False, waited=seen - started)
    into = time.monotonic() - seen
    victim.kill()
    return Kill(delay, killed=True, into_write=into, waited=seen - started)


def kill_job(site: Site, args: list[str], delay: float, log_to: Path) -> Kill:
    """Start ``tipmon ARGS`` in its own process group and kill it mid-write after
    ``delay``; when it finishes first, check it succeeded."""
    with log_to.open("ab") as log:
        process = subprocess.Popen(
            tipmon_command(*args),
            env=site.env(),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        watcher = site.database.watch()
        try:
            kill = kill_mid_write(group_of(process), watcher, delay)
            code = process.wait(timeout=JOB_TIMEOUT)
        finally:
            if process.poll() is None:
                group_of(process).kill()
                process.wait(timeout=30)
            watcher.close()
    if kill.killed:
        assert code == -signal.SIGKILL, f"tipmon {' '.join(args)} ended with {code}"
    else:
        assert code == 0, f"tipmon {' '.join(args)} failed; see {log_to}"
    return kill


def write_window(site: Site, args: list[str]) -> float:
    """Run ``tipmon ARGS`` to the end, watched from outside: seconds from the first to the
    last sight of its write transaction (how long a kill point may be after the first)."""
    watcher = site.database.watch()
    first = last = 0.0
    try:
        process = subprocess.Popen(
            tipmon_command(*args),
            env=site.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + JOB_TIMEOUT
        while process.poll() is None and time.monotonic() < deadline:
            if watcher.writer_inside(settle=False):
                last = time.monotonic()
                first = first or last
            time.sleep(0.001)
        _, errors = process.communicate(timeout=JOB_TIMEOUT)
    finally:
        watcher.close()
    assert process.returncode == 0, f"tipmon {' '.join(args)} failed: {errors.decode()}"
    assert first, f"no write of tipmon {' '.join(args)} was seen"
    return last - first


#: The seed of this run's kill points (set KILL_SEED to repeat a run's points).
SEED = int(os.environ.get("KILL_SEED") or random.randrange(10**6))


def kill_points(count: int, longest: float, name: str) -> list[float]:
    """``count`` delays from 0 (the first sight of the write) to ``longest`` seconds, one
    at random in each equal slice; random per run (``SEED``) and per job (``name``)."""
    rng = random.Random(f"{SEED} {name}")
    if count == 1:
        return [0.0]
    step = longest / (count - 1)
    return [0.0] + [round((i - rng.random()) * step, 4) for i in range(1, count)]
