"""`tipmon data import law-enforcement FILE`: one edition's table, all or nothing, once."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tipmon.data.models import Dataset
from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.law_enforcement_service import (
    edition_key,
    import_law_enforcement_table,
)
from tipmon.trends.models import LawEnforcementYear

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLE = FIXTURES / "law_enforcement_2024.csv"
WORKBOOK = FIXTURES / "law_enforcement_2024_footnotes.xlsx"
URL = "https://www.state.gov/reports/2024-trafficking-in-persons-report/"


def state() -> dict[str, object]:
    """Everything an import may touch: equal states mean nothing changed."""
    years = LawEnforcementYear.objects.order_by("pk").values_list(
        "pk", "dataset__key", "data_year", "prosecutions", "source"
    )
    datasets = Dataset.objects.order_by("key").values_list("key", "sha256", "loaded_at")
    return {"years": list(years), "datasets": list(datasets)}


def edition_rows(edition: int = 2024) -> list[LawEnforcementYear]:
    return list(LawEnforcementYear.objects.filter(dataset__key=edition_key(edition)))


def run(*args: str) -> str:
    out = StringIO()
    call_command("data", "import", "law-enforcement", *args, stdout=out)
    return out.getvalue()


def test_it_stores_every_data_year_with_its_labor_subsets_and_row() -> None:
    report = import_law_enforcement_table(TABLE, source_url=URL)
    assert (report.status, report.rows, report.edition) == ("imported", 7, 2024)
    rows = edition_rows()
    assert [r.data_year for r in rows] == list(range(2017, 2024))
    latest = rows[-1]
    assert (latest.prosecutions, latest.prosecutions_labor) == (18774, 3684)
    assert (latest.convictions, latest.convictions_labor) == (7115, 1256)
    assert (latest.victims_identified, latest.victims_identified_labor) == (133943, 42098)
    assert (latest.new_or_amended_legislation, latest.source_row) == (14, 12)
    assert latest.source == f"TIP Report 2024 edition, Global Law Enforcement Data table: {URL}"


def test_it_agrees_with_the_bundled_transcription_of_the_same_edition() -> None:
    import_law_enforcement_table(TABLE)
    fields = ("data_year", "prosecutions", "convictions_labor", "victims_identified_labor")
    imported = edition_rows()
    # The 2024 edition's table covers data years 2017-2023 (the bundled table goes on to
    # 2024 from the 2025 edition).
    bundled = LawEnforcementYear.objects.filter(
        dataset__key="global_law_enforcement", data_year__gte=2017, data_year__lte=2023
    )
    assert [tuple(getattr(r, f) for f in fields) for r in imported] == list(
        bundled.values_list(*fields)
    )


def test_the_import_records_its_provenance() -> None:
    import_law_enforcement_table(TABLE, source_url=URL)
    dataset = Dataset.objects.get(key="tip_report_2024_law_enforcement")
    assert dataset.edition == "2024 Trafficking in Persons Report"
    assert dataset.producer.startswith("U.S. Department of State")
    assert (dataset.source_url, dataset.file_name, dataset.row_count) == (URL, TABLE.name, 7)
    assert dataset.title == "TIP Report 2024: Global Law Enforcement Data, data years 2017-2023"
    assert len(dataset.sha256) == 64


def test_importing_the_same_table_twice_writes_nothing() -> None:
    import_law_enforcement_table(TABLE)
    before = state()
    report = import_law_enforcement_table(TABLE)
    assert (report.status, report.replaced) == ("unchanged", 0)
    assert state() == before


def test_another_file_of_the_same_edition_replaces_only_that_edition(tmp_path: Path) -> None:
    import_law_enforcement_table(TABLE)
    bundled = list(LawEnforcementYear.objects.filter(dataset__key="global_law_enforcement"))
    report = import_law_enforcement_table(WORKBOOK)
    assert (report.status, report.replaced, report.rows) == ("imported", 7, 7)
    assert [r.source_row for r in edition_rows()] == [5, 6, 7, 8, 9, 10, 11]
    assert list(LawEnforcementYear.objects.filter(dataset__key="global_law_enforcement")) == (
        bundled
    )


def test_each_edition_is_its_own_dataset(tmp_path: Path) -> None:
    import_law_enforcement_table(TABLE)
    older = tmp_path / "older.csv"
    older.write_text(
        'Year,Prosecutions,Convictions\n2021,"10,111 (1,000)","5,000"\n', encoding="utf-8"
    )
    import_law_enforcement_table(older, edition=2022)
    assert [r.prosecutions for r in edition_rows(2022)] == [10111]
    assert edition_rows(2024)[4].prosecutions == 10572


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("law_enforcement_missing_column.csv", "row 2, column 'Convictions'"),
        ("law_enforcement_non_numeric.csv", "row 4, column 'Prosecutions'"),
    ],
)
def test_a_bad_file_is_refused_with_its_location_and_nothing_changes(name: str, where: str) -> None:
    import_law_enforcement_table(TABLE)
    before = state()
    with pytest.raises(CommandError) as caught:
        run(str(FIXTURES / name))
    assert str(caught.value).startswith(f"Nothing was imported. {name}, {where}: ")
    assert state() == before


def test_an_edition_that_contradicts_the_title_is_refused() -> None:
    with pytest.raises(DataLoadError) as caught:
        import_law_enforcement_table(TABLE, edition=2023)
    assert "the title names the 2024 report, but --edition says 2023" in str(caught.value)
    assert edition_rows(2023) == []


def test_a_table_without_a_title_needs_an_edition_later_than_its_years(tmp_path: Path) -> None:
    bare = tmp_path / "bare.csv"
    shutil.copy(FIXTURES / "law_enforcement_2024.csv", bare)
    lines = bare.read_text(encoding="utf-8").splitlines()
    bare.write_text("\n".join(lines[4:]) + "\n", encoding="utf-8")
    with pytest.raises(DataLoadError, match="give --edition YEAR"):
        import_law_enforcement_table(bare)
    with pytest.raises(DataLoadError, match="row 8, column 'Year': data year 2023 is not"):
        import_law_enforcement_table(bare, edition=2023)
    assert import_law_enforcement_table(bare, edition=2024).rows == 7


def test_the_command_imports_reports_and_then_says_nothing_changed() -> None:
    out = run(str(TABLE), "--source", URL)
    assert "tip_report_2024_law_enforcement: 7 data years (2017-2023) imported from" in out
    assert f"source: TIP Report 2024 edition, Global Law Enforcement Data table: {URL}" in out
    assert "Imported." in out
    before = state()
    assert "Already imported: nothing changed." in run(str(TABLE), "--source", URL)
    assert state() == before


def test_the_commands_dry_run_writes_nothing() -> None:
    before = state()
    out = run(str(WORKBOOK), "--edition", "2024", "--dry-run")
    assert "would be imported from law_enforcement_2024_footnotes.xlsx" in out
    assert "Dry run: nothing was written." in out
    assert state() == before


def test_the_command_refuses_options_of_another_source() -> None:
    with pytest.raises(CommandError, match="--cycle does not apply to law-enforcement"):
        run(str(TABLE), "--cycle", "2024")
    with pytest.raises(CommandError, match="`import law-enforcement` needs a FILE"):
        run()


def test_an_imported_edition_does_not_repeat_years_in_the_published_series() -> None:
    from tipmon.trends.services import law_enforcement_series

    before = [p.data_year for p in law_enforcement_series().points]
    import_law_enforcement_table(TABLE, source_url=URL)
    after = [p.data_year for p in law_enforcement_series().points]
    assert after == before
    assert len(after) == len(set(after))
