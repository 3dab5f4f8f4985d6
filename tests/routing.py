"""Shared by the tests that enumerate routes: every URL pattern of the project, and a counter of
the rows a request wrote (to prove a refused request changed nothing)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver


def walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", ns: str = ""
) -> Iterator[tuple[str, str]]:
    """(route, namespaced name) of every pattern below ``patterns``."""
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from walk(p.url_patterns, prefix + str(p.pattern), namespace)
        else:
            yield prefix + str(p.pattern), f"{ns}{p.name}"


def all_routes() -> Iterator[tuple[str, str]]:
    return walk(get_resolver().url_patterns)


def writes() -> int:
    """Rows inserted, updated or deleted so far on this connection (rolled back or not)."""
    if connection.vendor == "sqlite":
        return int(connection.connection.total_changes)  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
        )
        return int(cursor.fetchone()[0])
