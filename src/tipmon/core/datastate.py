"""A cheap fingerprint of the published data, for caches that must never serve stale figures.

Every change to published figures goes through a dataset: ``tipmon data load`` and the
importers write or touch a :class:`~tipmon.data.models.Dataset` row, and publishing a cycle
creates one (with its placements). The fingerprint combines the datasets' number, highest id
and latest load time with the placement rows' number and highest id, so any of those
changes gives a new value. It is one round trip of plain SQL that SQLite and PostgreSQL both
accept (the ORM's aggregate machinery cost ten times as much, on every API request).
"""

from __future__ import annotations

from django.db import connection

from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement


def data_state() -> str:
    datasets = connection.ops.quote_name(Dataset._meta.db_table)
    placements = connection.ops.quote_name(TierPlacement._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {datasets}), (SELECT MAX(id) FROM {datasets}), "  # noqa: S608
            f"(SELECT MAX(loaded_at) FROM {datasets}), (SELECT COUNT(*) FROM {placements}), "
            f"(SELECT MAX(id) FROM {placements})"
        )
        row = cursor.fetchone()
    return ".".join("" if value is None else str(value) for value in row)
