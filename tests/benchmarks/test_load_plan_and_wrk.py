"""The load test's pure helpers: the request plan from the OpenAPI document, the reading of
wrk's report (a real one, from wrk 4.1 against a JSON 404) and of gunicorn's access log."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
BENCHMARKS = REPO / "benchmarks"
WRK_REPORT = Path(__file__).with_name("wrk_404.txt")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


wrk = _load("wrk_stats")
api_plan = _load("api_plan")


def _openapi() -> dict[str, object]:
    from tipmon.api.v1 import api

    return api.get_openapi_schema()


def test_it_reads_a_real_wrk_report_with_its_units_and_error_statuses() -> None:
    result = wrk.parse_wrk(WRK_REPORT.read_text())
    assert result.requests == 188
    assert result.seconds == pytest.approx(2.05)
    assert result.non_2xx == 188  # the baseline is a 404 on purpose
    assert result.socket_errors == 0
    assert (result.p50_ms, result.p75_ms) == (pytest.approx(134.82), pytest.approx(854.56))
    assert (result.p90_ms, result.p99_ms) == (pytest.approx(1560.0), pytest.approx(1670.0))
    assert result.requests_per_s == pytest.approx(188 / 2.05)


def test_it_refuses_a_report_run_without_latency_percentiles() -> None:
    text = WRK_REPORT.read_text().replace("99%", "98%")
    with pytest.raises(wrk.WrkFormatError, match="99%"):
        wrk.parse_wrk(text)


@given(
    st.lists(st.tuples(st.floats(0.001, 9999, allow_nan=False), st.sampled_from(["us", "ms", "s"])),
             min_size=4, max_size=4),
    st.integers(1, 10**7),
    st.integers(0, 10**7),
    st.integers(0, 1000),
)  # fmt: skip
def test_it_gives_back_the_figures_wrk_printed(
    latencies: list[tuple[float, str]], requests: int, non_2xx: int, timeouts: int
) -> None:
    lines = ["  Latency Distribution"]
    lines += [
        f"     {p}%  {value:.2f}{unit}"
        for p, (value, unit) in zip((50, 75, 90, 99), latencies, strict=True)
    ]
    lines.append(f"  {requests} requests in 10.00s, 1.00MB read")
    lines.append(f"  Socket errors: connect 0, read 0, write 0, timeout {timeouts}")
    lines.append(f"  Non-2xx or 3xx responses: {non_2xx}")
    result = wrk.parse_wrk("\n".join(lines))
    expected = [round(v, 2) * wrk.UNITS_MS[u] for v, u in latencies]
    got = [result.p50_ms, result.p75_ms, result.p90_ms, result.p99_ms]
    assert got == pytest.approx(expected)
    assert (result.requests, result.non_2xx, result.socket_errors) == (requests, non_2xx, timeouts)


@given(st.text(max_size=300))
def test_it_reads_any_text_as_a_report_or_a_clear_error(text: str) -> None:
    try:
        result = wrk.parse_wrk(text)
    except wrk.WrkFormatError:
        return
    assert result.requests >= 0


def test_it_plans_every_list_endpoint_of_the_api_and_no_path_template() -> None:
    openapi = _openapi()
    planned = api_plan.plan(openapi)
    urls = [r.url for r in planned]
    for path, operations in openapi["paths"].items():  # type: ignore[attr-defined]
        get = operations.get("get")
        if get and not any(
            p["in"] == "path" or p.get("required") for p in get.get("parameters", ())
        ):
            assert path in urls
    assert "/api/v1/countries" in urls
    assert not any("{" in url for url in urls)
    assert planned[0] == api_plan.PlannedRequest(api_plan.BASELINE_NAME, api_plan.BASELINE_URL, 404)


def test_it_adds_a_typical_request_only_when_its_operation_exists() -> None:
    openapi = {
        "paths": {
            "/api/v1/countries": {"get": {"parameters": [{"name": "page", "in": "query"}]}},
            "/api/v1/countries/{iso3}": {"get": {"parameters": [{"name": "iso3", "in": "path"}]}},
            "/api/v1/tiers/check": {
                "get": {"parameters": [{"name": "iso3", "in": "query", "required": True}]}
            },
            "/api/v1/new-series": {"get": {}, "post": {}},
            "/api/v1/upload": {"post": {}},
        }
    }
    urls = [r.url for r in api_plan.plan(openapi)]
    assert urls == [
        api_plan.BASELINE_URL,
        "/api/v1/countries",
        "/api/v1/new-series",
        "/api/v1/countries?region=EAP",
        "/api/v1/countries?format=csv",
    ]


@pytest.mark.django_db
def test_every_planned_request_answers_as_the_load_test_expects(client: Client) -> None:
    for request in api_plan.plan(_openapi()):
        response = client.get(request.url)
        assert response.status_code == request.status, request.url


@pytest.mark.parametrize("module", ["wrk_stats", "api_plan", "access_log"])
def test_the_helpers_import_no_django(module: str) -> None:
    code = (
        f"import sys; import {module}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(BENCHMARKS)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"


access_log = _load("access_log")


def test_it_groups_gunicorn_request_times_by_url_with_its_query() -> None:
    lines = [
        "12 200 /api/v1/countries?region=EAP\n",
        "3 404 /api/v1/countries/XXX?\n",
        "8 200 /api/v1/countries?region=EAP\n",
    ]
    assert access_log.request_times(lines) == {
        "/api/v1/countries?region=EAP": [12.0, 8.0],
        "/api/v1/countries/XXX": [3.0],
    }


@pytest.mark.parametrize("line", ["", "12 /api/v1/tiers", "1.5 200 /x?", "²3 200 /x?", "3 OK /x?"])
def test_it_refuses_an_access_log_line_in_another_format(line: str) -> None:
    with pytest.raises(access_log.AccessLogError, match="line 2"):
        access_log.request_times(["1 200 /ok?", line])
