"""What a killed job must leave behind: a consistent database, read from outside.

``state`` fingerprints every table (row count and a checksum of its rows) so that a test
can say "exactly the state before the job, or exactly the state after it". ``problems``
lists every way the data contradicts itself: a dataset whose rows do not add up to its
record, grants half turned into programs, a cycle published without all its placements or
placements of a cycle that is not published.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.apps import apps
from django.db import models

from reliability.databases import Watcher
from tipmon.assessments.models import CountryAssessment, ReportingCycle
from tipmon.assessments.publication import dataset_key
from tipmon.assistance.models import Funding, Grant, Program
from tipmon.assistance.services import GRANTS_KEY
from tipmon.core.models import AuditEntry
from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement
from tipmon.trends.importers.assessments import snapshot_key

State = dict[str, tuple[int, str]]


def state(watcher: Watcher) -> State:
    """Every table's row count and a checksum of its rows (in a stable order)."""
    result: State = {}
    for table in watcher.tables():
        rows = sorted(repr(row) for row in watcher.rows(f'SELECT * FROM "{table}"'))  # noqa: S608 - names from the catalogue
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        result[table] = (len(rows), digest)
    return result


def changed_tables(before: State, after: State) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def _table(model: type[models.Model]) -> str:
    return model._meta.db_table


def _column(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).column  # type: ignore[union-attr]


def dataset_tables() -> list[str]:
    """Tables whose rows belong to a dataset (a ``dataset`` foreign key)."""
    found = []
    for model in apps.get_models():
        field: Any = next((f for f in model._meta.fields if f.name == "dataset"), None)
        if field is not None and field.related_model is Dataset:
            found.append(_table(model))
    return sorted(found)


def _datasets(watcher: Watcher) -> dict[int, tuple[str, int]]:
    rows = watcher.rows(f'SELECT id, "key", row_count FROM "{_table(Dataset)}"')  # noqa: S608
    return {int(pk): (str(key), int(count)) for pk, key, count in rows}


def dataset_problems(watcher: Watcher) -> list[str]:
    datasets = _datasets(watcher)
    stored: dict[int, int] = dict.fromkeys(datasets, 0)
    for table in dataset_tables():
        for pk, count in watcher.rows(
            f'SELECT dataset_id, COUNT(*) FROM "{table}" GROUP BY dataset_id'  # noqa: S608
        ):
            stored[int(pk)] = stored.get(int(pk), 0) + int(count)
    return [
        f"dataset {datasets.get(pk, ('?', 0))[0]} records {datasets.get(pk, ('?', 0))[1]} rows "
        f"but {rows} are stored"
        for pk, rows in sorted(stored.items())
        if pk not in datasets or datasets[pk][1] != rows
    ]


def grant_problems(watcher: Watcher) -> list[str]:
    """Grants become programs all at once or not at all, each with its funding line."""
    found = [pk for pk, (key, _) in _datasets(watcher).items() if key == GRANTS_KEY]
    if not found:
        return []
    grants = f'"{_table(Grant)}" WHERE dataset_id = {found[0]}'
    programs = f'"{_table(Program)}" WHERE {_column(Program, "source_dataset")} = {found[0]}'
    grant_count = watcher.count(f"SELECT COUNT(*) FROM {grants}")  # noqa: S608
    with_amount = watcher.count(f"SELECT COUNT(*) FROM {grants} AND amount_usd IS NOT NULL")  # noqa: S608
    program_count = watcher.count(f"SELECT COUNT(*) FROM {programs}")  # noqa: S608
    funding = watcher.count(
        f'SELECT COUNT(*) FROM "{_table(Funding)}" WHERE {_column(Funding, "program")} IN '  # noqa: S608
        f"(SELECT id FROM {programs})"
    )
    audited = watcher.count(
        f"SELECT COUNT(*) FROM \"{_table(AuditEntry)}\" WHERE action = 'grants.import'"  # noqa: S608
    )
    if program_count == 0 and funding == 0:
        return [f"{audited} grants imports audited, none stored"] if audited else []
    found = []
    if (program_count, funding) != (grant_count, with_amount):
        found.append(
            f"{program_count} programs with {funding} funding lines for {grant_count} grants "
            f"({with_amount} with an amount)"
        )
    if not audited:
        found.append("programs were made from the grants but no import was audited")
    return found


def cycle_problems(watcher: Watcher) -> list[str]:
    """A cycle is published with its dataset, all its placements, its law-enforcement
    snapshot and its audit entry, or it has none of them."""
    problems = []
    keys = {key for key, _ in _datasets(watcher).values()}
    cycles = watcher.rows(
        f'SELECT id, report_year, published_at FROM "{_table(ReportingCycle)}"'  # noqa: S608
    )
    for pk, year, published_at in cycles:
        assessments = watcher.count(
            f'SELECT COUNT(*) FROM "{_table(CountryAssessment)}" WHERE cycle_id = {pk}'  # noqa: S608
        )
        placements = watcher.count(
            f'SELECT COUNT(*) FROM "{_table(TierPlacement)}" WHERE report_year = {year}'  # noqa: S608
        )
        audited = watcher.count(
            f"SELECT COUNT(*) FROM \"{_table(AuditEntry)}\" WHERE action = 'cycle.publish' "  # noqa: S608
            f"AND object_id = '{pk}'"
        )
        if published_at is not None:
            missing = {
                "its report dataset": dataset_key(year) not in keys,
                "its law-enforcement snapshot": snapshot_key(year) not in keys,
                "its audit entry": audited != 1,
                f"all {assessments} placements (has {placements})": placements != assessments,
            }
            problems += [
                f"cycle {year} is published without {p}" for p, bad in missing.items() if bad
            ]
        else:
            stray = {
                "a report dataset": dataset_key(year) in keys,
                "a law-enforcement snapshot": snapshot_key(year) in keys,
                "a publish audit entry": audited > 0,
                f"{placements} placements": placements > 0,
            }
            problems += [
                f"cycle {year} is not published but has {p}" for p, bad in stray.items() if bad
            ]
    return problems


def problems(watcher: Watcher) -> list[str]:
    return dataset_problems(watcher) + grant_problems(watcher) + cycle_problems(watcher)
