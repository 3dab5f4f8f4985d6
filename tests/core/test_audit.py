"""The audit log is append-only and tamper-evident: tampering directly in the database
(editing, inserting or deleting a row) is found by ``tipmon audit verify``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from tipmon.core import audit
from tipmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries() -> list[AuditEntry]:
    return [audit.record("test.step", "thing", step=i) for i in range(5)]


def sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_untouched_log_verifies(entries: list[AuditEntry]) -> None:
    count, problems = audit.verify()
    assert count >= 5
    assert problems == []
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "is intact" in out.getvalue()


def test_entries_cannot_be_changed_or_deleted_through_the_application(
    entries: list[AuditEntry],
) -> None:
    entry = entries[0]
    entry.action = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_an_edited_row_is_found(entries: list[AuditEntry]) -> None:
    sql("UPDATE core_auditentry SET action = %s WHERE id = %s", "forged", entries[2].pk)
    _, problems = audit.verify()
    assert [(p.entry_id, "edited" in p.problem) for p in problems] == [(entries[2].pk, True)]
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", stdout=StringIO(), stderr=StringIO())


def test_a_deleted_row_is_found(entries: list[AuditEntry]) -> None:
    sql("DELETE FROM core_auditentry WHERE id = %s", entries[2].pk)
    _, problems = audit.verify()
    assert [p.entry_id for p in problems] == [entries[3].pk]
    assert "deleted or inserted" in problems[0].problem


def test_an_inserted_row_is_found_even_with_a_plausible_link(entries: list[AuditEntry]) -> None:
    last = entries[-1]
    forged = AuditEntry(at=timezone.now(), action="approve", object_type="X", object_id="1",
                        detail={}, prev_hash=last.entry_hash, entry_hash="0" * 64)  # fmt: skip
    AuditEntry.objects.bulk_create([forged])  # straight into the table, as an intruder would
    _, problems = audit.verify()
    assert len(problems) == 1
    assert "edited" in problems[0].problem
