"""Which API requests the load test sends, found in the OpenAPI document at run time.

Every GET operation that needs no path parameter and no required query parameter is taken
as it is, so endpoints added later are covered without editing the benchmark. A few
requests with typical parameters are added when their operation exists. The baseline is
a country that does not exist: a JSON 404 through the same middleware and router.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BASELINE_NAME = "baseline (JSON 404)"
BASELINE_URL = "/api/v1/countries/XXX"

#: (operation path in the OpenAPI document, a request to it with typical parameters)
TYPICAL = (
    ("/api/v1/countries", "/api/v1/countries?region=EAP"),
    ("/api/v1/countries", "/api/v1/countries?format=csv"),
    ("/api/v1/countries/resolve", "/api/v1/countries/resolve?name=Thailand"),
    ("/api/v1/tiers/{year}", "/api/v1/tiers/2024"),
    ("/api/v1/tiers/placements", "/api/v1/tiers/placements?country=THA"),
    ("/api/v1/tiers/placements", "/api/v1/tiers/placements?region=EAP&first_year=2015"),
    ("/api/v1/unodc", "/api/v1/unodc?country=THA"),
    ("/api/v1/law-enforcement", "/api/v1/law-enforcement?first_year=2015"),
    ("/api/v1/law-enforcement/countries", "/api/v1/law-enforcement/countries?country=NPL"),
)


@dataclass(frozen=True, slots=True)
class PlannedRequest:
    name: str
    url: str
    status: int = 200


def _needs_arguments(operation: dict[str, Any]) -> bool:
    return any(
        parameter.get("in") == "path" or parameter.get("required", False)
        for parameter in operation.get("parameters", ())
    )


def list_endpoints(openapi: dict[str, Any]) -> list[str]:
    """Paths of the GET operations that answer without any argument, in document order."""
    return [
        path
        for path, operations in openapi.get("paths", {}).items()
        if "get" in operations and not _needs_arguments(operations["get"])
    ]


def plan(openapi: dict[str, Any]) -> list[PlannedRequest]:
    """The baseline, every argument-free list endpoint, then the typical requests that apply."""
    paths = openapi.get("paths", {})
    requests = [PlannedRequest(BASELINE_NAME, BASELINE_URL, 404)]
    requests += [PlannedRequest(path, path) for path in list_endpoints(openapi)]
    requests += [PlannedRequest(url, url) for path, url in TYPICAL if "get" in paths.get(path, {})]
    return requests
