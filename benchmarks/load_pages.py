"""Load test of public pages and API at 64 concurrent clients, with nginx as the ceiling.

A report-release spike: many anonymous readers at once on the home page, a country
profile, the new tier list, the published report, a trends page and the open-data page,
and on a few API list requests. Builds a throwaway SQLite database from the bundled data,
publishes the next report year in it (benchmarks/release.py), collects the static files,
and starts gunicorn on loopback in production mode (2 sync workers, as ``make run`` but with
a throwaway secret key and plain HTTP). For each address, wrk runs 64 connections for a fixed
time, each sending its next request as soon as the last is answered:

- against gunicorn, as an anonymous reader gets it (from the per-process cache of
  tipmon.core.publiccache after the first read in each worker);
- against gunicorn with a cookie, which bypasses that cache: what each read costs to build
  (pages only; skip with ``--no-uncached``);
- against nginx serving a static copy of the same answer (saved from gunicorn) on another
  loopback port, 2 worker processes, sendfile on, no access log: the ceiling. nginx runs as
  a child process with its own configuration under the work folder (``daemon off``), and
  is stopped afterwards; it is never installed as a service (scripts/ensure-debian-packages.sh).

Reports per address and server: requests per second, p50, p90 and p99 as wrk measured
them, the throughput as a share of nginx's, and the cores that other programs used
meanwhile (the machine is shared; their use slows both servers). Checks the targets: at
least a quarter of nginx's throughput for every cached public page, and a p99 under 100 ms
for every cached page and API answer.

    make bench            # or: .venv/bin/python benchmarks/load_pages.py --duration 5
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
from load_api import cpu_seconds, free_port, machine_busy_seconds, start_server
from throwaway import TIPMON, served
from wrk_stats import parse_wrk

HERE = Path(__file__).resolve().parent
TARGET_SHARE = 0.25  # of nginx's requests per second, for cached public pages
TARGET_P99_MS = 100.0
BUSY_CORES = 0.3  # other programs' use above which a run is flagged as noisy
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    url: str
    page: bool  # a public HTML page (the share target applies), else an API answer


def targets(year: int | None) -> list[Target]:
    """What a release-day reader opens; the report year's pages when one was published."""
    tiers = year if year is not None else 2025
    items = [
        Target("home", "/", True),
        Target("country profile", "/countries/THA", True),
        Target("tier list", f"/tiers/{tiers}", True),
        Target("trends", "/trends/movers", True),
        Target("open data", "/data/open", True),
    ]
    if year is not None:
        items += [
            Target("published report", f"/reports/{year}/", True),
            Target("report chapter", f"/reports/{year}/THA", True),
        ]
    items += [
        Target("API countries", "/api/v1/countries", False),
        Target("API tier list", f"/api/v1/tiers/{tiers}", False),
        Target("API placements", "/api/v1/tiers/placements?country=THA", False),
    ]
    return items


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def release(env: dict[str, str]) -> int | None:
    """Publish the next report year; None (and say why) when that fails."""
    done = subprocess.run(
        [sys.executable, str(HERE / "release.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"no report published, report pages left out:\n{done.stderr[-2000:]}")
        return None
    return int(done.stdout.split()[-1])


def static_copy(host: str, items: list[Target], folder: Path) -> dict[str, tuple[Path, str]]:
    """Save each answer as gunicorn gives it; the file and content type for each URL.

    nginx's workers run as an unprivileged user when started by root: they may pass through
    the work folder and read the copies, nothing else in it."""
    folder.parent.chmod(0o711)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o755, parents=True)
    copies = {}
    for number, item in enumerate(items):
        status, content_type, body = fetch(f"{host}{item.url}")
        if status != 200:
            raise SystemExit(f"{item.url} answered {status} while saving the static copy")
        path = folder / f"{number:03d}"
        path.write_bytes(body)
        path.chmod(0o644)
        copies[item.url] = (path, content_type)
    return copies


def nginx_conf(work: Path, port: int, copies: dict[str, tuple[Path, str]]) -> Path:
    """A minimal configuration: each URL's path served from its saved file (query ignored)."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / "nginx-temp" / name).mkdir(parents=True, exist_ok=True)
    # try_files serves the one file as it is (an alias on a path ending in / would look for
    # an index file in it).
    locations = "\n".join(
        f"    location = {url.split('?')[0]} "
        f"{{ default_type {json.dumps(kind)}; try_files /{path.name} =404; }}"
        for url, (path, kind) in copies.items()
    )
    folders = {path.parent for path, _ in copies.values()}
    if len(folders) != 1:
        raise ValueError("the static copies must share one folder")
    temp = work / "nginx-temp"
    conf = work / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 2;
pid {work / "nginx.pid"};
error_log {work / "nginx-error.log"} warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  types {{ }}
  client_body_temp_path {temp / "body"};
  proxy_temp_path {temp / "proxy"};
  fastcgi_temp_path {temp / "fastcgi"};
  uwsgi_temp_path {temp / "uwsgi"};
  scgi_temp_path {temp / "scgi"};
  server {{
    listen 127.0.0.1:{port};
    root {folders.pop()};
{locations}
  }}
}}
"""
    )
    return conf


def start_nginx(
    work: Path, copies: dict[str, tuple[Path, str]]
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    conf = nginx_conf(work, port, copies)
    with open(work / "nginx.log", "wb") as log:
        server = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(work), "-e", str(work / "nginx-error.log")],
            stdout=log,
            stderr=log,
        )
    host = f"http://127.0.0.1:{port}"
    first = next(iter(copies))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"nginx stopped at start-up; see {work / 'nginx-error.log'}")
        try:
            if fetch(f"{host}{first}")[0] == 200:
                return server, host
        except OSError:
            continue
    server.terminate()
    raise SystemExit("nginx did not answer within 20 s")


def drive(
    url: str, server: psutil.Process, args: argparse.Namespace, headers: tuple[str, ...] = ()
) -> dict[str, Any]:
    """wrk with ``--connections`` clients for ``--duration`` seconds; latencies and cores."""
    server_before, busy_before = cpu_seconds(server), machine_busy_seconds()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    command = ["wrk", "--threads", "2", "--connections", str(args.connections)]
    for header in headers:
        command += ["--header", header]
    command += ["--duration", f"{args.duration}s", "--latency", url]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.monotonic() - start
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    server_cpu = cpu_seconds(server) - server_before
    busy = machine_busy_seconds() - busy_before
    result = parse_wrk(done.stdout)
    return {
        "wrk": asdict(result),
        "requests_per_s": round(result.requests_per_s, 1),
        "failed": result.non_2xx + result.socket_errors,
        "cores": {
            "server": round(server_cpu / wall, 2),
            "wrk": round(client_cpu / wall, 2),
            "everything_else": round(max(0.0, busy - server_cpu - client_cpu) / wall, 2),
        },
    }


def measure(
    items: list[Target],
    args: argparse.Namespace,
    app: tuple[str, psutil.Process],
    ceiling: tuple[str, psutil.Process],
) -> dict[str, dict[str, Any]]:
    """Each address on gunicorn (cached, then uncached for pages) and on nginx, in turn."""
    results: dict[str, dict[str, Any]] = {}
    for item in items:
        print(f"  {item.name} ({item.url})", flush=True)
        runs = {"cached": drive(f"{app[0]}{item.url}", app[1], args)}
        if item.page and args.uncached:
            runs["uncached"] = drive(
                f"{app[0]}{item.url}", app[1], args, headers=("Cookie: reader=returning",)
            )
        runs["nginx"] = drive(f"{ceiling[0]}{item.url}", ceiling[1], args)
        results[item.name] = {"url": item.url, "page": item.page, "runs": runs}
    return results


def verdicts(results: dict[str, dict[str, Any]]) -> list[str]:
    """One line per target: met, or which addresses missed it."""
    pages = [name for name, r in results.items() if r["page"]]
    low = [
        name
        for name in pages
        if results[name]["runs"]["cached"]["requests_per_s"]
        < TARGET_SHARE * results[name]["runs"]["nginx"]["requests_per_s"]
    ]
    slow = [
        name for name, r in results.items() if r["runs"]["cached"]["wrk"]["p99_ms"] >= TARGET_P99_MS
    ]
    failed = [name for name, r in results.items() if r["runs"]["cached"]["failed"]]
    lines = [
        f"throughput at least {TARGET_SHARE:.0%} of nginx's, cached public pages: "
        + (f"missed by {', '.join(low)}" if low else f"met by all {len(pages)}"),
        f"p99 under {TARGET_P99_MS:.0f} ms, cached pages and API: "
        + (f"missed by {', '.join(slow)}" if slow else f"met by all {len(results)}"),
    ]
    if failed:
        lines.append(f"errors or unexpected statuses under load: {', '.join(failed)}")
    return lines


def show(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    print(
        f"\n{args.connections} connections, {args.duration} s per run, {args.workers} gunicorn "
        f"sync workers, nginx 2 workers, {os.cpu_count()} cores; latencies in ms"
    )
    width = max(len(name) for name in results) + 1
    print(
        f"{'address':<{width}} {'server':<9} {'req/s':>7} {'p50':>7} {'p90':>7} {'p99':>7} "
        f"{'of nginx':>8} {'others':>6}"
    )
    noisy = 0
    for name, r in results.items():
        ceiling = r["runs"]["nginx"]["requests_per_s"] or 1.0
        for server, run in r["runs"].items():
            w = run["wrk"]
            share = run["requests_per_s"] / ceiling
            noisy += run["cores"]["everything_else"] > BUSY_CORES
            print(
                f"{name:<{width}} {server:<9} {run['requests_per_s']:>7.0f} {w['p50_ms']:>7.1f} "
                f"{w['p90_ms']:>7.1f} {w['p99_ms']:>7.1f} {share:>8.1%} "
                f"{run['cores']['everything_else']:>6.2f}"
            )
    for line in verdicts(results):
        print(line)
    if noisy:
        print(
            f"note: other programs used over {BUSY_CORES} of a core during {noisy} runs "
            "('others'); those latencies include waiting for a core"
        )


def prepare(work: Path) -> tuple[dict[str, str], int | None]:
    """Build the database, publish a report and collect static files under ``work``, once:
    a folder given again with ``--work`` is reused as it is."""
    saved = work / "prepared.json"
    if saved.exists():
        print(f"reusing the database and static files under {work}", flush=True)
        state = json.loads(saved.read_text())
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("TIPMON_") and k != "DJANGO_SETTINGS_MODULE"
        }
        return base | state["env"], state["year"]
    print(f"building a throwaway database under {work} ...", flush=True)
    env = served(work)
    year = release(env)
    print("collecting static files ...", flush=True)
    subprocess.run(
        [str(TIPMON), "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tipmon_env = {k: v for k, v in env.items() if k.startswith("TIPMON_")}
    saved.write_text(json.dumps({"env": tipmon_env, "year": year}))
    saved.chmod(0o600)  # it holds the throwaway secret key
    return env, year


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=64, help="concurrent clients")
    parser.add_argument("--duration", type=int, default=5, help="seconds per run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--no-uncached", dest="uncached", action="store_false", help="skip the runs with a cookie"
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for gunicorn only (to compare a settings change)",
    )
    parser.add_argument(
        "--work", type=Path, help="work folder to build in, or to reuse from an earlier run"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    for program, how in (("wrk", "wrk"), (NGINX, "nginx-light")):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is missing: `make bench` installs it (Debian {how})")

    work = args.work or Path(tempfile.mkdtemp(prefix="tipmon-load-pages-"))
    work.mkdir(parents=True, exist_ok=True)
    env, year = prepare(work)
    env |= dict(item.split("=", 1) for item in args.server_env)
    items = targets(year)
    app, app_host = start_server(env, args.workers, work)
    ceiling: subprocess.Popen[bytes] | None = None
    try:
        copies = static_copy(app_host, items, work / "static-copy")
        with ThreadPoolExecutor(2 * args.workers) as pool:  # every worker reads each once
            list(pool.map(fetch, [f"{app_host}{t.url}" for t in items for _ in range(8)]))
        ceiling, ceiling_host = start_nginx(work, copies)
        print("measuring:", flush=True)
        results = measure(
            items,
            args,
            (app_host, psutil.Process(app.pid)),
            (ceiling_host, psutil.Process(ceiling.pid)),
        )
    finally:
        for server in (ceiling, app):
            if server is not None:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
    show(results, args)
    print(f"\nwork folder (database, logs, static copy): {work}")
    if args.json:
        report = {
            "date": time.strftime("%Y-%m-%d"),
            "connections": args.connections,
            "duration_s": args.duration,
            "workers": args.workers,
            "report_year": year,
            "server_env": args.server_env,
            "cpu_count": os.cpu_count(),
            "verdicts": verdicts(results),
            "results": results,
        }
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
