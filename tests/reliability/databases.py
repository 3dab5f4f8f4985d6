"""Throwaway databases for child processes, and a connection that watches them from outside.

Each kill test gets its own database, copied from a template built once with ``tipmon
migrate`` (and ``tipmon data load``): a SQLite file in the test's folder, or on PostgreSQL
a database created from a template database and dropped afterwards. The test reads it
with a plain DB-API connection (sqlite3 or psycopg), never through Django, so what it sees
is exactly what the children committed.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

Row = tuple[Any, ...]


class Watcher(ABC):
    """A connection of the test's own to the database a child process writes to."""

    @abstractmethod
    def rows(self, query: str) -> list[Row]: ...

    @abstractmethod
    def tables(self) -> list[str]: ...

    @abstractmethod
    def writer_inside(self, settle: bool = True) -> bool:
        """Whether another connection is inside a write transaction it has not committed.

        Only conclusive while that connection's process is stopped (SIGSTOP): then the
        answer cannot change between the question and the kill that follows. Without
        ``settle`` it is a quick look that does not wait for a running statement to end."""

    @abstractmethod
    def close(self) -> None: ...

    def count(self, query: str) -> int:
        return int(self.rows(query)[0][0])


class SqliteWatcher(Watcher):
    def __init__(self, path: Path) -> None:
        # timeout=0: a held write lock answers "database is locked" at once.
        self._db = sqlite3.connect(path, timeout=0, isolation_level=None)

    def rows(self, query: str) -> list[Row]:
        return list(self._db.execute(query).fetchall())

    def tables(self) -> list[str]:
        names = self.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return sorted(name for (name,) in names)

    def writer_inside(self, settle: bool = True) -> bool:
        # Django opens SQLite transactions with BEGIN IMMEDIATE (settings: transaction_mode),
        # so a writer holds the database's write lock from its first statement to COMMIT.
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return True
            raise
        self._db.execute("ROLLBACK")
        return False

    def close(self) -> None:
        self._db.close()


class PostgresWatcher(Watcher):
    def __init__(self, conninfo: str) -> None:
        self._db = psycopg.connect(conninfo, autocommit=True)

    def rows(self, query: str) -> list[Row]:
        with self._db.cursor() as cursor:
            cursor.execute(query.encode())
            return list(cursor.fetchall())

    def tables(self) -> list[str]:
        names = self.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(name for (name,) in names)

    def writer_inside(self, settle: bool = True) -> bool:
        # A backend holds a transaction id from its first write to the end of the
        # transaction. 'idle in transaction' with one: the server waits for the stopped
        # client, inside a write. 'active' with one: a statement is still running; a COMMIT
        # soon drops the id, anything else soon goes idle (or, like COPY, waits on the
        # client's data, which a stopped client never sends).
        deadline = time.monotonic() + 1.0
        while True:
            states = self.rows(
                "SELECT state FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
            )
            if not states:
                return False
            if not settle or any(state == "idle in transaction" for (state,) in states):
                return True
            if time.monotonic() > deadline:
                return True
            time.sleep(0.005)

    def close(self) -> None:
        self._db.close()


class Database(ABC):
    """One throwaway database: its URL for the children, a watcher for the test."""

    url: str

    @abstractmethod
    def watch(self) -> Watcher: ...


class SqliteDatabase(Database):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"

    def watch(self) -> Watcher:
        return SqliteWatcher(self.path)


class PostgresDatabase(Database):
    def __init__(self, server: PostgresServer, name: str) -> None:
        self.name = name
        self.url = server.url_of(name)
        self._conninfo = server.conninfo(name)

    def watch(self) -> Watcher:
        return PostgresWatcher(self._conninfo)


class Server(ABC):
    """Where throwaway databases are made: a folder of SQLite files or a PostgreSQL server."""

    vendor: str

    @abstractmethod
    def create(self, label: str, template: Database | None = None) -> Database:
        """A new database, empty or a copy of ``template``."""

    @abstractmethod
    def drop(self, database: Database) -> None: ...


class SqliteServer(Server):
    vendor = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def create(self, label: str, template: Database | None = None) -> Database:
        path = self.folder / f"{label}-{uuid.uuid4().hex[:8]}" / "db.sqlite3"
        path.parent.mkdir(parents=True)
        if template is not None:
            assert isinstance(template, SqliteDatabase)
            # The backup API copies committed pages only, whatever the WAL holds.
            with sqlite3.connect(template.path) as source, sqlite3.connect(path) as copy:
                source.backup(copy)
            source.close()
            copy.close()
        return SqliteDatabase(path)

    def drop(self, database: Database) -> None:
        assert isinstance(database, SqliteDatabase)
        for suffix in ("", "-wal", "-shm", "-journal"):
            database.path.with_name(database.path.name + suffix).unlink(missing_ok=True)


class PostgresServer(Server):
    vendor = "postgresql"

    def __init__(self, settings: dict[str, Any]) -> None:
        self.host = str(settings.get("HOST") or "127.0.0.1")
        self.port = str(settings.get("PORT") or 5432)
        self.user = str(settings.get("USER") or "postgres")
        self.password = str(settings.get("PASSWORD") or "")
        self.prefix = f"kill_{uuid.uuid4().hex[:8]}"

    def conninfo(self, name: str) -> str:
        parts = [f"host={self.host}", f"port={self.port}", f"user={self.user}", f"dbname={name}"]
        if self.password:
            parts.append(f"password={self.password}")
        return " ".join(parts)

    def url_of(self, name: str) -> str:
        secret = f":{self.password}" if self.password else ""
        return f"postgresql://{self.user}{secret}@{self.host}:{self.port}/{name}"

    def _admin(self, statement: sql.Composable, attempts: int = 20) -> None:
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as admin:
            for attempt in range(attempts):
                try:
                    admin.execute(statement)
                    return
                except psycopg.errors.ObjectInUse:
                    # A killed child's backend may take a moment to go away.
                    if attempt == attempts - 1:
                        raise
                    time.sleep(0.25)

    def create(self, label: str, template: Database | None = None) -> Database:
        name = f"{self.prefix}_{label}_{uuid.uuid4().hex[:6]}"[:63]
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            assert isinstance(template, PostgresDatabase)
            statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template.name)
            )
        self._admin(statement)
        return PostgresDatabase(self, name)

    def drop(self, database: Database) -> None:
        assert isinstance(database, PostgresDatabase)
        self._admin(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database.name))
        )


def server_for(settings: dict[str, Any], folder: Path) -> Server:
    """The kind of server the suite itself runs on (SQLite unless TIPMON_DATABASE_URL says
    PostgreSQL), so that CI's PostgreSQL run kills children writing to PostgreSQL."""
    engine = str(settings["ENGINE"])
    if engine.endswith("postgresql"):
        return PostgresServer(settings)
    if engine.endswith("sqlite3"):
        return SqliteServer(folder)
    raise NotImplementedError(f"no throwaway databases on {engine}")
