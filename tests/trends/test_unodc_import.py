"""Importing a UNODC export into the database: all or nothing, idempotent, with provenance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from tipmon.countries.models import Country
from tipmon.data.models import Dataset
from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.services import (
    UNODC_EXPORT_KEY,
    import_unodc_export,
    store_unodc_export,
)
from tipmon.trends.importers.unodc import read_unodc_export
from tipmon.trends.models import UnodcFigure
from tipmon.trends.services import UNODC_KEY, unodc_series
from trends.unodc_exports import FIGURES, Writer, export_rows, figure, xlsx_file

pytestmark = pytest.mark.django_db


def state() -> dict[str, object]:
    """Everything an import may touch: equal states mean nothing changed."""
    figures = UnodcFigure.objects.order_by("pk").values_list(
        "pk", "dataset__key", "source_row", "value", "suppressed_below"
    )
    datasets = Dataset.objects.order_by("key").values_list(
        "key", "sha256", "row_count", "edition", "loaded_at"
    )
    return {"figures": list(figures), "datasets": list(datasets)}


def imported() -> list[UnodcFigure]:
    return list(UnodcFigure.objects.filter(dataset__key=UNODC_EXPORT_KEY).order_by("source_row"))


def test_an_import_stores_every_row_with_its_dimension_and_row_number(
    write_export: Writer,
) -> None:
    report = import_unodc_export(write_export(export_rows()))
    assert (report.status, report.rows, report.censored) == ("imported", 6, 2)
    rows = imported()
    assert [r.source_row for r in rows] == [4, 5, 6, 7, 8, 9]
    thailand = rows[0]
    assert (thailand.country_id, thailand.year, thailand.value) == ("THA", 2019, 1541)
    assert (thailand.dimension, thailand.category) == ("Total", "Total")
    exploitation = rows[1]
    assert (exploitation.dimension, exploitation.category) == (
        "by form of exploitation", "Sexual exploitation",
    )  # fmt: skip
    assert (exploitation.value, exploitation.suppressed_below, exploitation.display) == (
        None, 5, "<5",
    )  # fmt: skip
    assert rows[5].category == ""


def test_rows_with_no_known_country_are_stored_without_one_and_counted(
    write_export: Writer,
) -> None:
    report = import_unodc_export(write_export(export_rows()))
    assert report.without_country == {("", "Sark"): 1, ("NIU", "Niue"): 1}
    assert report.rows_without_country == 2
    stored = UnodcFigure.objects.filter(dataset__key=UNODC_EXPORT_KEY, country=None)
    assert sorted(stored.values_list("country_in_source", flat=True)) == ["Niue", "Sark"]


def test_the_import_records_its_provenance(write_export: Writer) -> None:
    path = write_export(export_rows())
    import_unodc_export(path)
    dataset = Dataset.objects.get(key=UNODC_EXPORT_KEY)
    assert dataset.producer == "United Nations Office on Drugs and Crime (UNODC)"
    assert dataset.edition == "GLOTIP data export of 14 April 2025 (dataUNODC)"
    assert dataset.accessed == date(2025, 4, 14)
    assert dataset.attribution.startswith("Source: UNODC")
    assert "14 April 2025" in dataset.attribution
    assert dataset.licence
    assert dataset.sha256 == read_unodc_export(path).sha256
    assert (dataset.file_name, dataset.row_count) == (path.name, 6)


def test_importing_the_same_file_twice_changes_nothing(write_export: Writer) -> None:
    path = write_export(export_rows())
    import_unodc_export(path)
    before = state()
    report = import_unodc_export(path)
    assert report.status == "unchanged"
    assert state() == before


def test_a_new_export_replaces_the_previous_import_and_nothing_else(
    write_export: Writer,
) -> None:
    bundled = UnodcFigure.objects.filter(dataset__key=UNODC_KEY)
    bundled_before = list(bundled.order_by("pk").values_list("pk", "value"))
    import_unodc_export(write_export(export_rows()))
    report = import_unodc_export(write_export(export_rows(figure(value="2,000"))))
    assert (report.status, report.replaced) == ("imported", 6)
    assert [(r.source_row, r.value) for r in imported()] == [(4, 2000)]
    assert Dataset.objects.get(key=UNODC_EXPORT_KEY).row_count == 1
    assert list(bundled.order_by("pk").values_list("pk", "value")) == bundled_before
    assert Dataset.objects.get(key=UNODC_KEY).row_count == len(bundled_before)


def test_a_bad_file_leaves_the_database_as_it_was(write_export: Writer) -> None:
    import_unodc_export(write_export(export_rows()))
    before = state()
    bad = write_export(export_rows(*FIGURES, figure(value="1.541")))
    with pytest.raises(DataLoadError, match=r"row 10, column 'txtVALUE'"):
        import_unodc_export(bad)
    assert state() == before


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("XYZ", "Atlantis", r"'XYZ' \(Atlantis\) is not a country code we know"),
        ("", "Atlantis", r"is empty, and 'Atlantis' is not an area we know"),
    ],
)
def test_an_unknown_country_is_refused_with_its_place_and_nothing_is_imported(
    write_export: Writer, code: str, name: str, message: str
) -> None:
    import_unodc_export(write_export(export_rows()))
    before = state()
    bad = write_export(export_rows(*FIGURES, figure(code, name)))
    with pytest.raises(DataLoadError, match=rf"row 10, column 'Iso3_code'.*{message}"):
        import_unodc_export(bad)
    assert state() == before


def test_a_failure_while_storing_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    import_unodc_export(xlsx_file(tmp_path / "first.xlsx", export_rows()))
    before = state()
    export = read_unodc_export(xlsx_file(tmp_path / "second.xlsx", export_rows(*FIGURES * 500)))
    # A negative count gets past no parser; here it stands for any failure in the database
    # after the old rows were deleted and the first batches written.
    broken = replace(export.rows[-1], value=-1)
    with pytest.raises(IntegrityError):
        store_unodc_export(replace(export, rows=(*export.rows[:-1], broken)))
    assert state() == before


def test_a_dry_run_reads_everything_and_writes_nothing(write_export: Writer) -> None:
    before = state()
    report = import_unodc_export(write_export(export_rows()), dry_run=True)
    assert (report.status, report.rows, report.rows_without_country) == ("would import", 6, 2)
    assert state() == before


def test_a_country_the_gazetteer_knows_but_the_country_table_lacks_is_refused(
    write_export: Writer,
) -> None:
    unused = Country.objects.filter(tier_placements=None, grants=None, unodc_figures=None).first()
    if unused is None:
        pytest.skip("every country in the table is referenced by some row")
    iso3, name = unused.iso3, unused.short_name
    unused.delete()
    path = write_export(export_rows(figure(), figure(iso3, name)))
    with pytest.raises(DataLoadError) as caught:
        import_unodc_export(path)
    assert (caught.value.row, caught.value.column) == (5, "Iso3_code")
    assert "run `tipmon data load` first" in str(caught.value)


def test_the_command_imports_and_reports_what_it_kept(write_export: Writer) -> None:
    out = StringIO()
    call_command("trends", "import", "unodc", str(write_export(export_rows())), stdout=out)
    text = out.getvalue()
    assert "unodc_glotip_export: 6 rows imported from export-1." in text
    assert "censored (<5): 2" in text
    assert "without a country: 2" in text
    assert "Sark (no Iso3_code): 1" in text
    assert "Niue (NIU is not in the gazetteer): 1" in text
    assert "Imported." in text


def test_the_command_says_when_a_file_was_already_imported(write_export: Writer) -> None:
    path = write_export(export_rows())
    call_command("trends", "import", "unodc", str(path), stdout=StringIO())
    out = StringIO()
    call_command("trends", "import", "unodc", str(path), stdout=out)
    assert "Already imported: nothing changed." in out.getvalue()


def test_the_commands_dry_run_writes_nothing(write_export: Writer) -> None:
    before = state()
    out = StringIO()
    call_command("trends", "import", "unodc", str(write_export(export_rows())), "--dry-run",
                 stdout=out)  # fmt: skip
    assert "6 rows would be imported from" in out.getvalue()
    assert "Dry run: nothing was written." in out.getvalue()
    assert state() == before


def test_the_command_names_file_row_and_column_of_a_bad_cell(write_export: Writer) -> None:
    path = write_export(export_rows(figure(), figure(year="twenty")))
    with pytest.raises(CommandError) as caught:
        call_command("trends", "import", "unodc", str(path), stdout=StringIO())
    assert str(caught.value) == (
        f"Nothing was imported. {path.name}, row 5, column 'Year': 'twenty' is not a whole number"
    )


def test_an_import_leaves_the_country_profiles_series_unchanged(write_export: Writer) -> None:
    before = unodc_series("THA").points
    rows = [figure(year=2019, value="9"), figure(dimension="by citizenship", category="Nepal")]
    import_unodc_export(write_export(export_rows(*rows)))
    assert unodc_series("THA").points == before
