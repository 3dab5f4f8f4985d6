"""The real GLOTIP export of 14 April 2025 (58,769 figures), when it is present.

The file lives in the shared data folder beside the repository and is never copied into
it; each test here is skipped, saying so, where it is missing.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tipmon.data.loaders import BUNDLED_DIR
from tipmon.data.models import Dataset
from tipmon.trends.importers.services import UNODC_EXPORT_KEY, import_unodc_export
from tipmon.trends.importers.unodc import UnodcExport, UnodcExportRow, read_unodc_export
from tipmon.trends.models import UnodcFigure
from tipmon.trends.services import UNODC_KEY

ROWS = 58_769


@pytest.fixture(scope="module")
def export(real_export: Path) -> UnodcExport:
    return read_unodc_export(real_export)


def at(export: UnodcExport, row: int) -> UnodcExportRow:
    found = export.rows[row - export.header_row - 1]
    assert found.row == row
    return found


def test_every_figure_of_the_real_export_is_read(export: UnodcExport) -> None:
    assert len(export.rows) == ROWS
    assert export.header_row == 3
    assert export.export_date == date(2025, 4, 14)
    assert export.by_dimension() == {
        "Total": 30_006, "by form of exploitation": 16_752, "by citizenship": 10_093,
        "by country of repatriation": 1_918,
    }  # fmt: skip
    assert export.censored == 29_558


def test_the_real_export_keeps_known_figures_as_published(export: UnodcExport) -> None:
    thailand = at(export, 42059)  # published as "1,541"
    assert (thailand.country, thailand.year, thailand.indicator) == (
        "THA", 2019, "Detected trafficking victims",
    )  # fmt: skip
    assert (thailand.dimension, thailand.sex, thailand.age, thailand.value) == (
        "Total", "Total", "Total", 1541,
    )  # fmt: skip
    aruba = at(export, 4)  # the first figure: "<5" Aruban victims repatriated from Ukraine
    assert (aruba.country, aruba.dimension, aruba.category, aruba.year) == (
        "ABW", "by country of repatriation", "Ukraine", 2010,
    )  # fmt: skip
    assert (aruba.value, aruba.suppressed_below) == (None, 5)
    nepal = at(export, 33783)
    assert (nepal.dimension, nepal.category, nepal.value) == (
        "by form of exploitation", "Forced labour", 92,
    )  # fmt: skip
    albania = at(export, 389)  # one of the 110 rows whose category the export leaves empty
    assert (albania.country, albania.dimension, albania.category, albania.value) == (
        "ALB", "by citizenship", "", 60,
    )  # fmt: skip


def test_the_real_exports_rows_without_a_country_are_sark_niue_and_french_polynesia(
    export: UnodcExport,
) -> None:
    assert export.without_country() == {
        ("", "Sark"): 26, ("NIU", "Niue"): 1, ("PYF", "French Polynesia"): 1,
    }  # fmt: skip


def test_the_real_exports_total_rows_are_exactly_the_bundled_totals(
    export: UnodcExport,
) -> None:
    exported = Counter(
        (r.iso3_in_source, r.country_in_source, r.year, r.indicator, r.sex, r.age, r.value,
         r.suppressed_below)
        for r in export.rows if r.dimension == "Total"
    )  # fmt: skip
    with (BUNDLED_DIR / f"{UNODC_KEY}.csv").open(encoding="utf-8", newline="") as handle:
        bundled = Counter(
            (r["iso3"], r["country_in_source"], int(r["year"]), r["indicator"], r["sex"],
             r["age"], int(r["value"]) if r["value"] else None,
             int(r["suppressed_below"]) if r["suppressed_below"] else None)
            for r in csv.DictReader(handle)
        )  # fmt: skip
    assert exported == bundled


@pytest.mark.django_db
def test_importing_the_real_export_twice_changes_nothing_the_second_time(
    real_export: Path,
) -> None:
    bundled = UnodcFigure.objects.filter(dataset__key=UNODC_KEY).count()
    first = import_unodc_export(real_export)
    assert (first.status, first.rows, first.rows_without_country) == ("imported", ROWS, 28)
    stored = UnodcFigure.objects.filter(dataset__key=UNODC_EXPORT_KEY)
    assert stored.count() == ROWS
    assert stored.filter(value=None, suppressed_below=5).count() == 29_558
    assert stored.filter(country=None).count() == 28
    assert stored.get(source_row=42059).value == 1541
    dataset = Dataset.objects.get(key=UNODC_EXPORT_KEY)
    assert (dataset.row_count, dataset.file_name) == (ROWS, real_export.name)
    snapshot = (dataset.loaded_at, list(stored.order_by("pk").values_list("pk", flat=True)))

    second = import_unodc_export(real_export)

    assert second.status == "unchanged"
    dataset.refresh_from_db()
    assert (dataset.loaded_at, list(stored.order_by("pk").values_list("pk", flat=True))) == (
        snapshot
    )
    assert UnodcFigure.objects.filter(dataset__key=UNODC_KEY).count() == bundled
