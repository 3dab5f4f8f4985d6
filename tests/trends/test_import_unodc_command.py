"""`tipmon data import unodc FILE` (the documented form) and its alias `tipmon trends import`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tipmon.data.models import Dataset
from tipmon.trends.importers.services import UNODC_EXPORT_KEY
from tipmon.trends.models import UnodcFigure

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "unodc_export_sample.csv"


def state() -> dict[str, object]:
    figures = UnodcFigure.objects.order_by("pk").values_list("pk", "dataset__key", "value")
    datasets = Dataset.objects.order_by("key").values_list("key", "sha256", "loaded_at")
    return {"figures": list(figures), "datasets": list(datasets)}


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, "import", "unodc", *args, stdout=out)
    return out.getvalue()


def test_data_import_unodc_stores_the_export_with_censored_counts() -> None:
    out = run("data", str(SAMPLE))
    assert "unodc_glotip_export: 4 rows imported from unodc_export_sample.csv" in out
    assert "censored (<5): 2" in out
    assert "Sark (no Iso3_code): 1" in out
    nepal = UnodcFigure.objects.get(
        dataset__key=UNODC_EXPORT_KEY, country_id="NPL", indicator="Persons prosecuted"
    )
    assert (nepal.value, nepal.suppressed_below, nepal.display) == (None, 5, "<5")


def test_the_trends_alias_runs_the_same_import() -> None:
    run("data", str(SAMPLE))
    before = state()
    assert "Already imported: nothing changed." in run("trends", str(SAMPLE))
    assert state() == before


def test_a_non_numeric_value_names_file_row_and_column_and_changes_nothing() -> None:
    before = state()
    with pytest.raises(CommandError) as caught:
        run("data", str(FIXTURES / "unodc_export_non_numeric.csv"))
    assert str(caught.value) == (
        "Nothing was imported. unodc_export_non_numeric.csv, row 5, column 'txtVALUE': "
        "'1.541' is not a count (such as 1,541) or a censored count (<5)"
    )
    assert state() == before


def test_a_missing_column_names_the_header_row_and_changes_nothing(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[2].split(",")
    drop = header.index("Indicator")
    cut = [",".join(c for i, c in enumerate(header) if i != drop)]
    broken = tmp_path / "no_indicator.csv"
    broken.write_text("\n".join([*lines[:2], *cut, lines[3]]) + "\n", encoding="utf-8")
    before = state()
    with pytest.raises(CommandError, match=r"no_indicator\.csv, row 3, column 'Indicator'"):
        run("data", str(broken))
    assert state() == before


def test_unodc_takes_no_edition() -> None:
    with pytest.raises(CommandError, match="--edition does not apply to unodc"):
        run("data", str(SAMPLE), "--edition", "2025")


def test_a_dry_run_of_the_real_export_writes_nothing(real_export: Path) -> None:
    before = state()
    out = run("data", str(real_export), "--dry-run")
    assert "unodc_glotip_export: 58,769 rows would be imported from" in out
    assert "censored (<5): 29,558" in out
    assert state() == before
