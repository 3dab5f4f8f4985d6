"""nginx for the page load test: static copies as the ceiling, and a short cache in front.

One nginx (Debian's binary, started as a child process with its own configuration and
``daemon off``, never as a service) with two loopback servers:

- the ceiling: each address answers with a static copy of what gunicorn gave for it,
  sent with sendfile (2 worker processes, no access log);
- optionally, a reverse proxy to gunicorn that keeps each anonymous 200 for one second
  and then asks gunicorn again with the ETag (``proxy_cache_revalidate``; the application
  answers 304 while the data is unchanged), in the background while readers still get the
  stored answer (``proxy_cache_background_update``). Requests with a cookie or an ``Authorization``
  header go straight through and are never stored; nginx itself never stores an answer that
  sets a cookie or says ``private`` or ``no-store``. What a deployment could put in front
  of the application for a release spike, at the price of up to a second of staleness.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROXY_CACHE_SECONDS = 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET (an error status is returned, not raised)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def static_copy(host: str, urls: list[str], folder: Path) -> dict[str, tuple[Path, str]]:
    """Save each answer as gunicorn gives it to an anonymous reader; file and content type
    for each URL. nginx's workers drop root for an unprivileged user: they may pass through
    the work folder and read the copies, nothing else in it."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o755, parents=True)
    copies = {}
    for number, url in enumerate(urls):
        status, content_type, body = fetch(f"{host}{url}")
        if status != 200:
            raise SystemExit(f"{url} answered {status} while saving the static copy")
        path = folder / f"{number:03d}"
        path.write_bytes(body)
        path.chmod(0o644)
        copies[url] = (path, content_type)
    return copies


def _static_server(port: int, copies: dict[str, tuple[Path, str]]) -> str:
    folders = {path.parent for path, _ in copies.values()}
    if len(folders) != 1:
        raise ValueError("the static copies must share one folder")
    # try_files serves the one file as it is (an alias on a path ending in / would look for
    # an index file in it); the query string plays no part.
    locations = "".join(
        f"    location = {url.split('?')[0]} "
        f"{{ default_type {json.dumps(kind)}; try_files /{path.name} =404; }}\n"
        for url, (path, kind) in copies.items()
    )
    return f"""  server {{
    listen 127.0.0.1:{port};
    root {folders.pop()};
{locations}  }}
"""


def _proxy_server(port: int, upstream: str) -> str:
    return f"""  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass {upstream};
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_key $scheme$http_host$request_uri;
      proxy_cache_valid 200 {PROXY_CACHE_SECONDS}s;
      proxy_cache_revalidate on;
      proxy_cache_use_stale updating;
      proxy_cache_background_update on;
      proxy_cache_bypass $http_cookie $http_authorization;
      proxy_no_cache $http_cookie $http_authorization;
      add_header X-Proxy-Cache $upstream_cache_status;
    }}
  }}
"""


def nginx_conf(
    work: Path,
    port: int,
    copies: dict[str, tuple[Path, str]],
    proxy: tuple[int, str] | None = None,
) -> Path:
    """The configuration: the static server on ``port``; with ``proxy`` (port, upstream
    URL), the caching reverse proxy too."""
    temp = work / "nginx-temp"
    temp.mkdir(exist_ok=True)  # nginx makes the folders inside, owned by its workers' user
    servers = _static_server(port, copies)
    cache = ""
    if proxy is not None:
        servers += _proxy_server(*proxy)
        cache = f"proxy_cache_path {temp / 'cache'} keys_zone=pages:10m max_size=256m;"
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
  {cache}
{servers}}}
"""
    )
    return conf


@dataclass
class Nginx:
    process: subprocess.Popen[bytes]
    static_host: str
    proxy_host: str | None


def start_nginx(
    work: Path, copies: dict[str, tuple[Path, str]], upstream: str | None = None
) -> Nginx:
    """Start nginx on free loopback ports and wait until it answers. Its workers run as an
    unprivileged user when started by root: they may pass through ``work`` (whose parents
    must let them) to their own folders and the copies, and list nothing."""
    work.chmod(0o711)
    port = free_port()
    proxy = (free_port(), upstream) if upstream is not None else None
    conf = nginx_conf(work, port, copies, proxy)
    with open(work / "nginx.log", "wb") as log:
        process = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(work), "-e", str(work / "nginx-error.log")],
            stdout=log,
            stderr=log,
        )
    server = Nginx(
        process,
        f"http://127.0.0.1:{port}",
        f"http://127.0.0.1:{proxy[0]}" if proxy is not None else None,
    )
    first = next(iter(copies))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if process.poll() is not None:
            raise SystemExit(f"nginx stopped at start-up; see {work / 'nginx-error.log'}")
        try:
            if fetch(f"{server.static_host}{first}")[0] == 200:
                return server
        except OSError:
            continue
    process.terminate()
    raise SystemExit("nginx did not answer within 20 s")
