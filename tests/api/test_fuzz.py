"""Schemathesis against the OpenAPI document: generated requests never get a 5xx, and every
response matches the documented schema (status codes, content type, body)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tipmon.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """As Django's test client does: a request must not close the test database."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_holds_to_its_schema(case: schemathesis.Case, keep_test_connection: None) -> None:
    case.call_and_validate(headers={"Host": "localhost"})
