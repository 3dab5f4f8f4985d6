"""The historical grants become programs: complete, idempotent, with their provenance."""

from __future__ import annotations

import csv
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from tipmon.assistance.grants_import import import_grants
from tipmon.assistance.models import Funding, Program
from tipmon.assistance.models.programs import GLOBAL
from tipmon.data.loaders import BUNDLED_DIR

pytestmark = pytest.mark.django_db
TABLE = BUNDLED_DIR / "us_antitip_grants_fy2001_2014.csv"


def bundled_rows() -> list[dict[str, str]]:
    with TABLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_grant_becomes_a_program_and_the_money_adds_up_to_the_table() -> None:
    rows = bundled_rows()
    report = import_grants()
    imported = Program.objects.filter(source_dataset__key="us_antitip_grants_fy2001_2014")
    assert report.created == imported.count() == len(rows)
    with_amount = [r for r in rows if r["amount_usd"]]
    lines = Funding.objects.filter(program__in=imported)
    assert lines.count() == len(with_amount)
    table_total = sum(Decimal(r["amount_usd"]) for r in with_amount)
    assert lines.aggregate(t=Sum("obligated_usd"))["t"] == table_total
    assert lines.aggregate(t=Sum("disbursed_usd"))["t"] == table_total
    assert set(imported.values_list("status", flat=True)) == {"closed"}


def test_a_second_import_changes_nothing() -> None:
    import_grants()
    before = list(Program.objects.order_by("pk").values())
    again = import_grants()
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == again.grants
    assert list(Program.objects.order_by("pk").values()) == before


def test_grants_keep_their_row_country_period_and_pillars() -> None:
    import_grants()
    rows = bundled_rows()
    first = rows[1]  # FY2003, Afghanistan, IOM, 330,568, prosecution/protection/prevention
    program = Program.objects.get(source_row=3)
    assert (program.country_id, program.implementer) == (first["iso3"], first["recipient"])
    assert program.start_date.isoformat() == "2002-10-01"
    assert program.end_date.isoformat() == "2003-09-30"
    assert (program.prosecution, program.protection, program.prevention) == (True, True, True)
    assert program.funding.get().obligated_usd == Decimal(first["amount_usd"])
    assert program.channel == "multilateral"


def test_regional_grants_go_to_their_bureau_and_the_rest_are_global() -> None:
    import_grants()
    regional = Program.objects.filter(country__isnull=True)
    rows = [r for r in bundled_rows() if not r["iso3"]]
    assert regional.count() == len(rows)
    africa = Program.objects.filter(source_note__contains="grant for Africa")
    assert set(africa.values_list("bureau", flat=True)) == {"AF"}
    world = Program.objects.filter(source_note__contains="grant for Global")
    assert set(world.values_list("bureau", flat=True)) == {GLOBAL}


def test_the_command_reports_the_import() -> None:
    out = StringIO()
    call_command("assistance", "import-grants", stdout=out)
    assert "2,420 grants: 2,420 programs created" in out.getvalue()
    assert "$862,285,184" in out.getvalue()
