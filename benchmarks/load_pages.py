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
- through nginx in front of gunicorn, keeping each anonymous answer for a second and then
  revalidating it with its ETag (benchmarks/nginx_ceiling.py): what a deployment could add
  for a spike, at the price of up to a second of staleness (skip with ``--no-proxied``);
- against nginx serving a static copy of the same answer (saved from gunicorn) on another
  loopback port, 2 worker processes, sendfile on, no access log: the ceiling. nginx runs as
  a child process with its own configuration under the work folder (``daemon off``), and
  is stopped afterwards; it is never installed as a service (scripts/ensure-debian-packages.sh).

Reports per address and series: requests per second, p50, p90 and p99 as wrk measured
them, the throughput as a share of nginx's, and the cores that other programs used
meanwhile (the machine is shared; their use slows both servers). Checks the targets: at
least a quarter of nginx's throughput for every cached public page, and a p99 under 100 ms
for every cached page and API answer; for the application's cache and for the proxy.

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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
from load_api import cpu_seconds, machine_busy_seconds, start_server
from nginx_ceiling import NGINX, PROXY_CACHE_SECONDS, fetch, start_nginx, static_copy
from throwaway import TIPMON, served
from wrk_stats import parse_wrk

HERE = Path(__file__).resolve().parent
TARGET_SHARE = 0.25  # of nginx's requests per second, for cached public pages
TARGET_P99_MS = 100.0
BUSY_CORES = 0.3  # other programs' use above which a run is flagged as noisy
FAILED_SHARE = 0.001  # errors above this share of a run's requests are reported
#: A cheap request that no cache answers: when it is quick again, gunicorn has caught up.
SETTLE_URL = "/api/v1/countries/XXX"
#: The runs of each address, in the order they are made and shown.
SERIES = {
    "cached": "gunicorn, as an anonymous reader gets it (the application's cache)",
    "uncached": "gunicorn with a cookie, which bypasses that cache (pages only)",
    "proxied": f"nginx keeping each answer {PROXY_CACHE_SECONDS} s in front of gunicorn",
    "nginx": "nginx serving a static copy: the ceiling",
}


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
    # A long timeout: an uncached page can take over wrk's default 2 s under this load, and
    # a request that timed out would be left out of the percentiles.
    command += ["--duration", f"{args.duration}s", "--timeout", "30s", "--latency", url]
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
        "failed": result.non_2xx + result.socket_errors > FAILED_SHARE * max(result.requests, 1),
        "cores": {
            "server": round(server_cpu / wall, 2),
            "wrk": round(client_cpu / wall, 2),
            "everything_else": round(max(0.0, busy - server_cpu - client_cpu) / wall, 2),
        },
    }


def settle(host: str, limit_s: float = 180.0) -> None:
    """Wait until gunicorn has answered what wrk left queued when it stopped (with slow
    uncached pages, many seconds of work), so that it does not weigh on the next run."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        start = time.monotonic()
        fetch(f"{host}{SETTLE_URL}")
        if time.monotonic() - start < 0.1:
            return
    print(f"    gunicorn still busy after {limit_s:.0f} s; the next run starts anyway")


def measure(
    items: list[Target],
    args: argparse.Namespace,
    hosts: dict[str, str],
    processes: dict[str, psutil.Process],
) -> dict[str, dict[str, Any]]:
    """Each address in each series (``hosts`` and ``processes`` keyed as SERIES), in turn,
    so that a change in the machine's load falls on all of them alike."""
    results: dict[str, dict[str, Any]] = {}
    for item in items:
        print(f"  {item.name} ({item.url})", flush=True)
        runs = {}
        for series in SERIES:
            if series not in hosts or (series == "uncached" and not item.page):
                continue
            headers = ("Cookie: reader=returning",) if series == "uncached" else ()
            url = f"{hosts[series]}{item.url}"
            runs[series] = drive(url, processes[series], args, headers)
            settle(hosts["cached"])
        results[item.name] = {"url": item.url, "page": item.page, "runs": runs}
    return results


def _below_share(results: dict[str, dict[str, Any]], series: str) -> list[str]:
    return [
        name
        for name, r in results.items()
        if r["page"]
        and series in r["runs"]
        and r["runs"][series]["requests_per_s"]
        < TARGET_SHARE * r["runs"]["nginx"]["requests_per_s"]
    ]


def _too_slow(results: dict[str, dict[str, Any]], series: str) -> list[str]:
    return [
        name
        for name, r in results.items()
        if series in r["runs"] and r["runs"][series]["wrk"]["p99_ms"] >= TARGET_P99_MS
    ]


def verdicts(results: dict[str, dict[str, Any]]) -> list[str]:
    """One line per target and series: met, or which addresses missed it."""
    lines = []
    for series in ("cached", "proxied"):
        measured = [name for name, r in results.items() if series in r["runs"]]
        if not measured:
            continue
        pages = [name for name in measured if results[name]["page"]]
        low, slow = _below_share(results, series), _too_slow(results, series)
        lines += [
            f"{series}: throughput at least {TARGET_SHARE:.0%} of nginx's, public pages: "
            + (f"missed by {', '.join(low)}" if low else f"met by all {len(pages)}"),
            f"{series}: p99 under {TARGET_P99_MS:.0f} ms, pages and API: "
            + (f"missed by {', '.join(slow)}" if slow else f"met by all {len(measured)}"),
        ]
    failed = sorted(
        {
            f"{name} ({series})"
            for name, r in results.items()
            for series, run in r["runs"].items()
            if run["failed"] and series != "uncached"
        }
    )
    if failed:
        lines.append(f"errors or unexpected statuses under load: {', '.join(failed)}")
    return lines


def show(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    gunicorn = next(
        (e.split("=", 1)[1] for e in args.server_env if e.startswith("GUNICORN_CMD_ARGS=")),
        "sync workers",
    )
    print(
        f"\n{args.connections} connections, {args.duration} s per run, {args.workers} gunicorn "
        f"workers ({gunicorn}), nginx 2 workers, {os.cpu_count()} cores; latencies in ms"
    )
    for series, meaning in SERIES.items():
        print(f"  {series:<9} {meaning}")
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
        "--no-proxied",
        dest="proxied",
        action="store_false",
        help="skip the runs through nginx's short cache in front of gunicorn",
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for gunicorn only (to compare a settings change)",
    )
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="measure only these addresses (by name)"
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
    items = [t for t in targets(year) if not args.only or t.name in args.only]
    app, app_host = start_server(env, args.workers, work)
    nginx = None
    try:
        copies = static_copy(app_host, [item.url for item in items], work / "static-copy")
        with ThreadPoolExecutor(2 * args.workers) as pool:  # every worker reads each once
            list(pool.map(fetch, [f"{app_host}{t.url}" for t in items for _ in range(8)]))
        nginx = start_nginx(work, copies, app_host if args.proxied else None)
        if nginx.proxy_host is not None:  # the proxy's first read of each address
            for item in items:
                fetch(f"{nginx.proxy_host}{item.url}")
        hosts = {"cached": app_host, "nginx": nginx.static_host}
        if args.uncached:
            hosts["uncached"] = app_host
        if nginx.proxy_host is not None:
            hosts["proxied"] = nginx.proxy_host
        gunicorn, ceiling = psutil.Process(app.pid), psutil.Process(nginx.process.pid)
        processes = {"cached": gunicorn, "uncached": gunicorn, "proxied": ceiling}
        print("measuring:", flush=True)
        results = measure(items, args, hosts, processes | {"nginx": ceiling})
    finally:
        for server in (nginx.process if nginx else None, app):
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
