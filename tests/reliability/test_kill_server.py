"""SIGKILL the web server while it publishes a cycle: its worker alone, then the whole server.

gunicorn serves a database of the test's own in which an approver may publish the 2026
cycle. The test posts the publish form as the approver would and kills the worker that
handles the request inside its transaction (several points), then kills master and worker
together. After each kill the cycle is either not published at all or published with all
its placements; the server (restarted) then publishes it once, and a second publish is
refused without changing anything.
"""

from __future__ import annotations

import http.client
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import gunicorn
import psutil
import pytest

from reliability.checks import changed_tables, problems, state
from reliability.databases import Database, Watcher
from reliability.killing import (
    Kill,
    KillLog,
    Site,
    SiteFrom,
    group_of,
    kill_mid_write,
    kill_points,
    one_process,
    tipmon,
)

pytestmark = pytest.mark.xdist_group("kill")

YEAR = 2026
PASSWORD = "a long enough passphrase 42"
#: A cycle every country of which is approved, and an approver who may publish it.
READY_TO_PUBLISH = f"""
from django.contrib.auth.models import User
from tipmon.assessments.models import CountryAssessment, CycleMember, Role, State
from tipmon.assessments.services import open_cycle
cycle = open_cycle({YEAR})
approver = User.objects.create_user("approver", password="{PASSWORD}")
CycleMember.objects.create(cycle=cycle, user=approver, role=Role.APPROVER)
CountryAssessment.objects.filter(cycle=cycle).update(
    state=State.APPROVED, final_tier="Tier 2", narrative="A narrative.", prosecutions_sex=3
)
"""


class Browser:
    """Plain HTTP with cookies, as a signed-in approver's browser sends it."""

    def __init__(self, port: int) -> None:
        self.port = port
        # A CSRF cookie of our own; each form sends the same token.
        self.cookies = {"csrftoken": secrets.token_hex(16)}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form | {"csrfmiddlewaretoken": self.cookies["csrftoken"]})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies |= {name: morsel.value for name, morsel in cookie.items()}
        return response.status

    def sign_in(self) -> None:
        status = self.request(
            "POST", "/accounts/login/", {"username": "approver", "password": PASSWORD}
        )
        assert status == 302, f"sign-in answered {status}"
        assert "sessionid" in self.cookies

    def publish(self) -> int:
        return self.request("POST", f"/work/{YEAR}/publish", {})


class Gunicorn:
    """gunicorn with one worker on a free loopback port, in its own process group."""

    def __init__(self, site: Site, log: Path) -> None:
        self.log = log
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "tipmon.wsgi",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "1",
            "--timeout",
            "60",
            "--graceful-timeout",
            "2",
        ]
        if gunicorn.version_info >= (27,):
            # Not the machine-wide control socket every other gunicorn uses by default.
            command.append("--no-control-socket")
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=site.env(), stdout=out, stderr=out, start_new_session=True
            )
        self.port = self._port()
        self.worker = self.ready()

    def _port(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn stopped; see {self.log}"
            found = re.findall(r"Listening at: http://127\.0\.0\.1:(\d+)", self.log.read_text())
            if found:
                return int(found[-1])
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not listen within 60 s; see {self.log}")

    def ready(self, not_pid: int = 0) -> int:
        """Wait for a worker (another than ``not_pid``) that answers; its pid."""
        deadline = time.monotonic() + 60
        answer: object = "no worker"
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn stopped; see {self.log}"
            workers = [c.pid for c in psutil.Process(self.process.pid).children()]
            if len(workers) == 1 and workers[0] != not_pid:
                try:
                    answer = Browser(self.port).request("GET", "/api/v1/countries/NPL/tiers")
                except OSError as error:
                    answer = error
                if answer == 200:
                    return workers[0]
            else:
                answer = f"workers {workers}"
            time.sleep(0.1)
        raise AssertionError(
            f"gunicorn's worker did not answer within 60 s ({answer}); see {self.log}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


class Publishing:
    """A publish request in flight on a thread of its own; it may never be answered."""

    def __init__(self, browser: Browser) -> None:
        self.status: int | None = None
        self.error: OSError | None = None
        self.thread = threading.Thread(target=self._post, args=(browser,), daemon=True)
        self.thread.start()

    def _post(self, browser: Browser) -> None:
        try:
            self.status = browser.publish()
        except OSError as error:  # the connection dies with the worker
            self.error = error

    def running(self) -> bool:
        return self.thread.is_alive()

    def finish(self) -> None:
        self.thread.join(timeout=60)
        assert not self.thread.is_alive(), "the publish request hung"


@pytest.fixture
def ready_site(site_from: SiteFrom, loaded_template: Database) -> Site:
    site = site_from(loaded_template)
    tipmon(site, "shell", "-c", READY_TO_PUBLISH)
    return site


@pytest.fixture
def server(ready_site: Site, tmp_path: Path) -> Iterator[Gunicorn]:
    started = Gunicorn(ready_site, tmp_path / "gunicorn.log")
    yield started
    started.stop()


def published(watcher: Watcher) -> bool:
    (count,) = watcher.rows(
        f"SELECT COUNT(*) FROM assessments_reportingcycle WHERE report_year = {YEAR} "  # noqa: S608
        "AND published_at IS NOT NULL"
    )[0]
    return int(count) == 1


def kill_worker_mid_publish(
    server: Gunicorn, browser: Browser, watcher: Watcher, delay: float
) -> Kill:
    worker = server.worker
    request = Publishing(browser)
    victim = one_process(worker, request.running)
    kill = kill_mid_write(victim, watcher, delay, timeout=60)
    request.finish()
    if kill.killed:
        assert request.status is None, "the killed worker answered"
        server.worker = server.ready(not_pid=worker)
    else:
        assert request.status == 302, f"publishing answered {request.status}"
    return kill


def test_killing_the_worker_or_server_mid_publish_publishes_all_or_nothing_and_then_once(
    ready_site: Site, server: Gunicorn, tmp_path: Path
) -> None:
    watcher = ready_site.database.watch()
    browser = Browser(server.port)
    browser.sign_in()
    before = state(watcher)
    log, states = KillLog(), []
    for delay in kill_points(3, 0.04, "publish"):
        kill = log.add(kill_worker_mid_publish(server, browser, watcher, delay))
        assert problems(watcher) == [], f"after the kills {log}"
        states.append(state(watcher))
        if not kill.killed:
            break
    # The whole server: master and worker together, as a crash of the machine would.
    request = Publishing(browser)
    victim = group_of(server.process, lambda: request.running() and server.process.poll() is None)
    kill = log.add(kill_mid_write(victim, watcher, 0.0, timeout=60))
    request.finish()
    if kill.killed:
        server.process.wait(timeout=30)
    else:
        server.stop()
    assert problems(watcher) == [], f"after the kills {log}"
    states.append(state(watcher))
    print(f"publish through gunicorn: killed {log}")  # the figures in docs/reliability.md

    restarted = Gunicorn(ready_site, tmp_path / "gunicorn-restarted.log")
    try:
        browser.port = restarted.port
        was_published = published(watcher)
        assert browser.publish() == 302
        assert published(watcher)
        after = state(watcher)
        assert problems(watcher) == []
        assert browser.publish() == 302  # refused: "already published"
        assert state(watcher) == after
        if not was_published:
            assert changed_tables(before, after)
    finally:
        restarted.stop()
    for number, found in enumerate(states, start=1):
        assert found in (before, after), (
            f"kill {number} ({log}) left a mixed state: tables differing from before "
            f"{changed_tables(before, found)}, from after {changed_tables(after, found)}"
        )
    assert log.mid_write >= 2, f"too few kills landed inside the publish transaction: {log}"
    assert before in states, f"no kill rolled back: {log}"
    assert "intact" in tipmon(ready_site, "audit", "verify")
    watcher.close()
