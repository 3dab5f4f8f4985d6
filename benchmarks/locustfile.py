"""The locust users of benchmarks/load_api.py (not run by hand: load_api.py writes the plan).

``BENCH_PLAN`` names a JSON file: ``{"pace_s": float, "requests": [{"name", "url",
"status"}]}``. Each user walks the request list round-robin, starting one place further
than the previous user, so every endpoint gets about the same number of requests and the
baseline is measured under the same load. A pace of 0 sends the next request as soon as
the last one is answered (saturation); a pace of 1 keeps each user to one request a second.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, constant_pacing, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
REQUESTS: list[dict[str, Any]] = PLAN["requests"]
PACE = float(PLAN["pace_s"])
_starts = itertools.count()


class ApiClient(FastHttpUser):
    wait_time = constant_pacing(PACE) if PACE > 0 else constant(0)

    def on_start(self) -> None:
        self.position = next(_starts) % len(REQUESTS)

    @task
    def next_request(self) -> None:
        request = REQUESTS[self.position]
        self.position = (self.position + 1) % len(REQUESTS)
        with self.client.get(request["url"], name=request["name"], catch_response=True) as response:
            if response.status_code == request["status"]:
                response.success()
            else:
                response.failure(f"status {response.status_code}, expected {request['status']}")
