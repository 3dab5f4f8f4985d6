"""The load test's two pure helpers: the request plan from the OpenAPI document, and the
reading of locust's statistics table (a real one, written by locust 2.47 in a load run)."""

from __future__ import annotations

import csv
import importlib.util
import io
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
LOCUST_CSV = Path(__file__).with_name("locust_stats.csv")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


stats = _load("locust_stats")
api_plan = _load("api_plan")


def _openapi() -> dict[str, object]:
    from tipmon.api.v1 import api

    return api.get_openapi_schema()


def test_it_reads_every_endpoint_and_the_total_from_a_real_locust_table() -> None:
    table = stats.parse_stats(LOCUST_CSV.read_text())
    assert len(table) == 18  # 16 endpoints, the baseline and the total
    total = table[stats.AGGREGATED]
    assert total.requests == 290
    assert total.failures == 0
    assert (total.median_ms, total.p95_ms, total.p99_ms) == (170.0, 350.0, 410.0)
    assert round(total.requests_per_s, 2) == 32.12
    assert sum(r.requests for n, r in table.items() if n != stats.AGGREGATED) == 290
    baseline = table[api_plan.BASELINE_NAME]
    assert baseline.median_ms <= baseline.p95_ms <= baseline.p99_ms


def test_it_refuses_a_table_without_the_columns_it_needs() -> None:
    text = LOCUST_CSV.read_text().replace("99%", "99th", 1)
    with pytest.raises(stats.StatsFormatError, match="99%"):
        stats.parse_stats(text)


def test_it_names_the_line_and_column_of_a_cell_that_is_not_a_number() -> None:
    lines = LOCUST_CSV.read_text().splitlines()
    lines[2] = lines[2].replace(",19,0,110,", ",nineteen,0,110,", 1)
    with pytest.raises(stats.StatsFormatError, match="line 3, column 'Request Count'"):
        stats.parse_stats("\n".join(lines))


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(codec="utf-8"), min_size=1, max_size=30),
            st.integers(0, 10**6),
            st.integers(0, 10**6),
            st.floats(0, 10**5, allow_nan=False),
        ),
        max_size=5,
        unique_by=lambda row: row[0],
    )
)
def test_it_gives_back_the_figures_locust_wrote(rows: list[tuple[str, int, int, float]]) -> None:
    header = next(csv.reader(io.StringIO(LOCUST_CSV.read_text())))
    out = io.StringIO()
    writer = csv.DictWriter(out, header, restval="0")
    writer.writeheader()
    for name, requests, failures, ms in rows:
        writer.writerow(
            {"Name": name, "Request Count": requests, "Failure Count": failures,
             "Median Response Time": ms, "95%": ms, "99%": "N/A", "Requests/s": ms / 10}
        )  # fmt: skip
    table = stats.parse_stats(out.getvalue())
    assert [(r.name, r.requests, r.failures, r.median_ms, r.p99_ms) for r in table.values()] == [
        (name, requests, failures, float(repr(ms)), 0.0) for name, requests, failures, ms in rows
    ]


@given(st.binary(max_size=300))
def test_it_reads_any_bytes_as_a_table_or_a_clear_error(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        table = stats.parse_stats(text)
    except stats.StatsFormatError:
        return
    assert all(isinstance(row, stats.EndpointStats) for row in table.values())


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


@pytest.mark.parametrize("module", ["locust_stats", "api_plan", "access_log"])
def test_the_helpers_import_no_django(module: str) -> None:
    code = (
        f"import sys; import {module}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'locust'}))"
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
