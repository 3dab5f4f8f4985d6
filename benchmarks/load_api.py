"""Load test of the API list endpoints: gunicorn on loopback, driven by locust.

Builds a throwaway SQLite database from the bundled data (``tipmon migrate`` and ``tipmon
data load``), starts gunicorn on 127.0.0.1 on a free port in production mode (DEBUG off, a
throwaway secret key, plain HTTP), finds the endpoints in the OpenAPI document
(benchmarks/api_plan.py) and runs locust headless against them with 32 concurrent users,
for a fixed time per scenario:

- paced: each user sends one request a second (32 clients using the API at once);
- saturation: each user sends its next request as soon as the last is answered, which
  measures throughput; latency there is mostly queueing (about users / throughput).

Every user walks the same request list, so the baseline (a JSON 404) is measured under the
same load in the same run. Reports requests, failures, median, p95, p99 and requests per
second per endpoint, the median as a multiple of the baseline's, and the CPU used by the
server, by locust and by everything else on the machine (the cores are shared by all three),
with the server's CPU milliseconds per request, which depend little on that noise.

    make bench            # or: .venv/bin/python benchmarks/load_api.py --duration 20
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psutil
from access_log import ACCESS_FORMAT, request_times
from api_plan import BASELINE_NAME, PlannedRequest, plan
from locust_stats import AGGREGATED, EndpointStats, parse_stats
from throwaway import served
from timing import percentile

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TARGET_P99_MS = 50.0
BUSY_CORES = 0.3  # other programs' use above which the run is flagged as noisy
SCENARIOS = {"paced": 1.0, "saturation": 0.0}  # seconds between a user's requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def start_server(
    env: dict[str, str], workers: int, var: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with open(var / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "tipmon.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--access-logfile", str(var / "access.log"),
             "--access-logformat", ACCESS_FORMAT],
            env=env, stdout=log, stderr=log,
        )  # fmt: skip
    host = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up; see {var / 'gunicorn.log'}")
        try:
            if get(f"{host}/api/v1/openapi.json")[0] == 200:
                return server, host
        except OSError:
            continue
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def preflight(host: str, requests: list[PlannedRequest]) -> list[PlannedRequest]:
    """Drop (and say so) any request that does not answer as planned before the load."""
    kept = []
    for request in requests:
        status = get(f"{host}{request.url}")[0]
        if status == request.status:
            kept.append(request)
        else:
            print(f"left out {request.url}: status {status}, expected {request.status}")
    return kept


def cpu_seconds(process: psutil.Process) -> float:
    total = 0.0
    for member in [process, *process.children(recursive=True)]:
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def machine_busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def run_scenario(
    name: str, pace: float, args: argparse.Namespace, host: str, server: psutil.Process,
    requests: list[PlannedRequest], work: Path,
) -> dict[str, Any]:  # fmt: skip
    plan_file = work / f"{name}-plan.json"
    plan_file.write_text(json.dumps({"pace_s": pace, "requests": [asdict(r) for r in requests]}))
    prefix = work / name
    access_log = work / "access.log"
    log_offset = access_log.stat().st_size
    server_before, busy_before = cpu_seconds(server), machine_busy_seconds()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with open(work / f"{name}-locust.log", "w") as log:
        subprocess.run(
            [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", str(args.users),
             "--run-time", f"{args.duration}s", "--reset-stats", "--only-summary",
             "--host", host, "--csv", str(prefix), "--loglevel", "WARNING"],
            env=os.environ | {"BENCH_PLAN": str(plan_file)}, stdout=log, stderr=log,
            check=False,  # locust exits with 1 when any request failed; the table says which
        )  # fmt: skip
    wall = time.monotonic() - start
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    server_cpu = cpu_seconds(server) - server_before
    busy = machine_busy_seconds() - busy_before
    stats_file = prefix.with_name(f"{name}_stats.csv")
    if not stats_file.exists():
        raise SystemExit(f"locust wrote no statistics; see {work / f'{name}-locust.log'}")
    stats = parse_stats(stats_file.read_text())
    throughput = stats[AGGREGATED].requests_per_s
    with open(access_log) as log:
        log.seek(log_offset)
        served_ms = request_times(log)
    names = {r.url: r.name for r in requests}
    server_side = {
        names[url]: {"median_ms": statistics.median(ms), "p99_ms": percentile(ms, 0.99)}
        for url, ms in served_ms.items()
        if url in names
    }
    every = [m for url, ms in served_ms.items() if url in names for m in ms]
    if every:
        server_side[AGGREGATED] = {
            "median_ms": statistics.median(every),
            "p99_ms": percentile(every, 0.99),
        }
    return {
        "pace_s": pace,
        "wall_s": round(wall, 1),
        # Rates over the same window, so locust's reset after spawning does not skew it.
        "server_cpu_ms_per_request": round(server_cpu / wall * 1000 / throughput, 2)
        if throughput
        else None,
        "cores": {
            "server": round(server_cpu / wall, 2),
            "locust": round(client_cpu / wall, 2),
            "everything_else": round(max(0.0, busy - server_cpu - client_cpu) / wall, 2),
        },
        "endpoints": {key: asdict(row) for key, row in stats.items()},
        # Time in the worker (gunicorn's access log), without queueing or connecting.
        "server_side": server_side,
    }


def show(name: str, result: dict[str, Any]) -> None:
    endpoints = {k: EndpointStats(**v) for k, v in result["endpoints"].items()}
    base = endpoints[BASELINE_NAME].median_ms or 1.0
    cores = result["cores"]
    print(
        f"\n== {name}: pace {result['pace_s']:g} s, {result['wall_s']} s; cores used: "
        f"server {cores['server']}, locust {cores['locust']}, "
        f"everything else {cores['everything_else']}; "
        f"server CPU per request {result['server_cpu_ms_per_request']} ms"
    )
    if cores["everything_else"] > BUSY_CORES:
        print(
            f"note: other programs used {cores['everything_else']} cores during this run; "
            "latencies include waiting for a core"
        )
    served = result["server_side"]
    width = max(len(k) for k in endpoints)
    print(f"{'':<{width}} {'client side (locust), ms':^33} {'':>13} {'in the worker':^13}")
    print(
        f"{'endpoint':<{width}} {'reqs':>6} {'fails':>5} {'median':>7} {'p95':>6} {'p99':>6} "
        f"{'req/s':>7} {'x base':>7} {'median':>6} {'p99':>6}"
    )
    for key, row in endpoints.items():
        worker = served.get(key, {})
        print(
            f"{key:<{width}} {row.requests:>6} {row.failures:>5} {row.median_ms:>7.0f} "
            f"{row.p95_ms:>6.0f} {row.p99_ms:>6.0f} {row.requests_per_s:>7.1f} "
            f"{row.median_ms / base:>7.1f} {worker.get('median_ms', 0):>6.0f} "
            f"{worker.get('p99_ms', 0):>6.0f}"
        )
    named = [k for k in endpoints if k != AGGREGATED]
    for side, p99 in (
        ("client side", {k: endpoints[k].p99_ms for k in named}),
        ("in the worker", {k: served.get(k, {}).get("p99_ms", 0.0) for k in named}),
    ):
        over = [k for k, ms in p99.items() if ms >= TARGET_P99_MS]
        verdict = f"missed by {len(over)} of {len(named)}" if over else "met by all"
        print(f"target p99 under {TARGET_P99_MS:.0f} ms, {side}: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32, help="concurrent locust users")
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--scenario", choices=sorted(SCENARIOS), action="append", help="default: both"
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for gunicorn only (to compare a settings change)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tipmon-load-"))
    env = served(work) | dict(item.split("=", 1) for item in args.server_env)
    server, host = start_server(env, args.workers, work)
    try:
        _, body = get(f"{host}/api/v1/openapi.json")
        requests = preflight(host, plan(json.loads(body)))
        with ThreadPoolExecutor(2 * args.workers) as pool:  # so that every worker is warm
            list(pool.map(get, [f"{host}{r.url}" for r in requests for _ in range(4)]))
        report: dict[str, Any] = {
            "users": args.users,
            "duration_s": args.duration,
            "workers": args.workers,
            "server_env": args.server_env,
            "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0],
            "scenarios": {},
        }
        for name in args.scenario or list(SCENARIOS):
            result = run_scenario(
                name, SCENARIOS[name], args, host, psutil.Process(server.pid), requests, work
            )
            report["scenarios"][name] = result
            show(name, result)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(f"\nlocust's CSV and logs: {work}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
