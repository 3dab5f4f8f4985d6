"""Backups that can be verified: a consistent copy, and a fingerprint of every table.

SQLite uses the online backup API, consistent while the server writes. PostgreSQL uses
pg_dump's custom format and pg_restore. Each backup has a manifest beside it with the row
count and a checksum of every table, so a restore is checked, not trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection, transaction

Fingerprints = dict[str, tuple[int, str]]


class BackupError(RuntimeError):
    """A backup or restore failed; the message says what to do."""


def _prints(fetch: Callable[[str], Iterable[Sequence[Any]]]) -> Fingerprints:
    """Row count and sha256 of every model table's rows in primary-key order, read with
    plain SQL so that a live database and a backup file are read the same way."""
    quote = connection.ops.quote_name
    result: Fingerprints = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue  # a proxy reads its concrete model's table, fingerprinted once there
        # The table's own columns: a child of multi-table inheritance (a Wagtail page type)
        # keeps its parent's columns in the parent's table.
        columns = ", ".join(quote(f.column) for f in meta.local_concrete_fields)
        pk = quote(meta.pk.column) if meta.pk else "1"
        digest, count = hashlib.sha256(), 0
        for row in fetch(f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {pk}"):  # noqa: S608 - names from the models
            # Django's SQLite cursor turns booleans into bool; a plain connection gives 0/1.
            values = [int(v) if isinstance(v, bool) else v for v in row]
            digest.update(json.dumps(values, default=str).encode())
            count += 1
        result[meta.db_table] = (count, digest.hexdigest())
    return result


def fingerprints() -> Fingerprints:
    """Fingerprints of the live database."""
    with connection.cursor() as cursor:

        def fetch(sql: str) -> list[Sequence[Any]]:
            cursor.execute(sql)
            return list(cursor.fetchall())

        return _prints(fetch)


def _file_prints(path: Path) -> Fingerprints:
    with sqlite3.connect(path) as db:
        result = _prints(lambda sql: db.execute(sql).fetchall())
    db.close()
    return result


def _manifest(target: Path) -> Path:
    return target.with_name(target.name + ".manifest.json")


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["-h", str(s.get("HOST") or "127.0.0.1"), "-p", str(s.get("PORT") or 5432),
            "-U", str(s.get("USER") or "postgres"), "-d", str(s["NAME"])]  # fmt: skip
    env = os.environ | ({"PGPASSWORD": str(s["PASSWORD"])} if s.get("PASSWORD") else {})
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if found is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client).")
    return found


def backup(target: Path) -> Fingerprints:
    """Write a consistent copy of the database to ``target`` and its manifest beside it.

    The fingerprints describe exactly what was copied: on SQLite they are read from the
    backup file itself; on PostgreSQL pg_dump uses the snapshot of the repeatable-read
    transaction that computes them. Both files are written under temporary names and
    renamed into place at the end, the earlier manifest removed first: a backup interrupted
    at any point leaves the earlier backup whole, or no manifest (which restore refuses),
    never a copy beside a manifest that does not describe it.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    for leftover in ("", "-journal", "-wal", "-shm"):  # of an interrupted backup
        partial.with_name(partial.name + leftover).unlink(missing_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source: Any = connection.connection
        with sqlite3.connect(partial) as copy:
            source.backup(copy)  # one step: restarts if another connection writes meanwhile
        copy.close()
        prints = _file_prints(partial)
    elif connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            args, env = _pg_env()
            dump = [_tool("pg_dump"), "-Fc", f"--snapshot={snapshot}", "-f", str(partial)]
            _run([*dump, *args], env)
            prints = fingerprints()
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")
    manifest = _manifest(target)
    new_manifest = manifest.with_name(manifest.name + ".partial")
    new_manifest.write_text(json.dumps({"vendor": connection.vendor, "tables": prints}, indent=1))
    manifest.unlink(missing_ok=True)
    os.replace(partial, target)
    os.replace(new_manifest, manifest)
    return prints


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:500]}")


@dataclass(frozen=True, slots=True)
class RestoreReport:
    tables: int
    mismatches: list[str]


def restore(source: Path) -> RestoreReport:
    """Replace the database with ``source``, then compare every table with the manifest."""
    manifest = json.loads(_manifest(source).read_text())
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"This is a {manifest['vendor']} backup; the database is "
                          f"{connection.vendor}.")  # fmt: skip
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        live: Any = connection.connection
        with sqlite3.connect(source) as backup_db:
            backup_db.backup(live)
        backup_db.close()
    else:
        args, env = _pg_env()
        connection.close()
        # One transaction: a restore that is interrupted (or fails) leaves the database as it
        # was, never half replaced.
        restore_args = ["--clean", "--if-exists", "--no-owner", "--single-transaction", *args]
        _run([_tool("pg_restore"), *restore_args, str(source)], env)
    expected = {k: tuple(v) for k, v in manifest["tables"].items()}
    actual = fingerprints()
    mismatches = [f"{table}: expected {expected[table][0]} rows, found {actual.get(table, (0,))[0]}"
                  if actual.get(table, (None,))[0] != expected[table][0]
                  else f"{table}: same row count, different content"
                  for table in expected if actual.get(table) != expected[table]]  # fmt: skip
    return RestoreReport(len(expected), mismatches)
