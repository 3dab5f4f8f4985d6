"""Fixtures of the kill tests: template databases built once, a fresh copy per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from reliability.databases import Database, Server, server_for
from reliability.killing import Site, SiteFrom, tipmon, write_window


@pytest.fixture(scope="session")
def kill_server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    """Where the children's databases live: SQLite files, or the suite's PostgreSQL."""
    return server_for(settings.DATABASES["default"], tmp_path_factory.mktemp("kill-databases"))


@pytest.fixture(scope="session")
def migrated_template(
    kill_server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database as ``tipmon migrate`` leaves it, with no data."""
    database = kill_server.create("migrated")
    tipmon(Site(database, tmp_path_factory.mktemp("var")), "migrate", "--noinput")
    yield database
    kill_server.drop(database)


@pytest.fixture(scope="session")
def _loaded(
    kill_server: Server, migrated_template: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, float]]:
    database = kill_server.create("loaded", migrated_template)
    window = write_window(Site(database, tmp_path_factory.mktemp("var")), ["data", "load"])
    yield database, window
    kill_server.drop(database)


@pytest.fixture(scope="session")
def loaded_template(_loaded: tuple[Database, float]) -> Database:
    """A migrated database after ``tipmon data load``."""
    return _loaded[0]


@pytest.fixture(scope="session")
def data_load_window(_loaded: tuple[Database, float]) -> float:
    """How long the write of ``tipmon data load`` lasted when it built ``loaded_template``."""
    return _loaded[1]


@pytest.fixture
def site_from(kill_server: Server, tmp_path: Path) -> Iterator[SiteFrom]:
    """Make a test's own database (a copy of a template) and var folder."""
    made: list[Database] = []

    def make(template: Database) -> Site:
        database = kill_server.create("test", template)
        made.append(database)
        var = tmp_path / "var"
        var.mkdir(exist_ok=True)
        return Site(database, var)

    yield make
    for database in made:
        kill_server.drop(database)
