"""The UNODC GLOTIP export parser, on small files written in the export's layout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.unodc import UnodcExport, letter, read_unodc_export
from trends.unodc_exports import BANNER, HEADER, REPO, Writer, export_rows, figure, xlsx_file


def read(path: Path) -> UnodcExport:
    return read_unodc_export(path)


def failure(path: Path) -> DataLoadError:
    with pytest.raises(DataLoadError) as caught:
        read_unodc_export(path)
    return caught.value


def test_it_reads_every_figure_with_its_row_number_and_the_banners_export_date(
    write_export: Writer,
) -> None:
    export = read(write_export(export_rows()))
    assert export.export_date == date(2025, 4, 14)
    assert export.header_row == 3
    assert [r.row for r in export.rows] == [4, 5, 6, 7, 8, 9]
    first = export.rows[0]
    assert (first.country, first.country_in_source, first.year) == ("THA", "Thailand", 2019)
    assert (first.indicator, first.sex, first.age, first.unit) == (
        "Detected trafficking victims", "Total", "Total", "Counts",
    )  # fmt: skip
    assert re.fullmatch("[0-9a-f]{64}", export.sha256)


def test_thousands_separators_are_read_as_one_number(write_export: Writer) -> None:
    export = read(write_export(export_rows(figure(value="1,541"), figure(value="1,234,567"))))
    assert [(r.value, r.suppressed_below) for r in export.rows] == [(1541, None), (1234567, None)]


def test_less_than_five_is_kept_censored_and_never_read_as_zero(write_export: Writer) -> None:
    export = read(write_export(export_rows(figure(value="<5"))))
    row = export.rows[0]
    assert row.value is None
    assert row.suppressed_below == 5
    assert export.censored == 1


def test_every_dimension_and_category_is_kept_as_published(write_export: Writer) -> None:
    export = read(write_export(export_rows()))
    assert [(r.dimension, r.category) for r in export.rows] == [
        ("Total", "Total"),
        ("by form of exploitation", "Sexual exploitation"),
        ("by citizenship", "Nepal"),
        ("Total", "Total"),
        ("by country of repatriation", "Abroad"),
        ("by citizenship", ""),  # the export leaves some categories empty
    ]
    assert export.by_dimension() == {
        "Total": 2, "by citizenship": 2, "by form of exploitation": 1,
        "by country of repatriation": 1,
    }  # fmt: skip


def test_rows_with_no_or_an_unknown_country_code_are_kept_without_a_country(
    write_export: Writer,
) -> None:
    export = read(write_export(export_rows()))
    sark, niue = export.rows[3], export.rows[4]
    assert (sark.iso3_in_source, sark.country, sark.country_in_source) == ("", None, "Sark")
    assert (niue.iso3_in_source, niue.country, niue.value) == ("NIU", None, 7)
    assert export.without_country() == {("", "Sark"): 1, ("NIU", "Niue"): 1}


def test_the_header_is_found_by_its_names_wherever_it_stands(write_export: Writer) -> None:
    order = [12, *range(12)]  # Source first, then the rest: positions do not matter
    header = [HEADER[i] for i in order] + ["A column UNODC may add later"]
    header[1] = " iso3_CODE "  # nor do case and spacing
    row = figure(value="<5")
    rows = [
        ["UNODC", "https://dataunodc.un.org/"], [], ["Extract of 14/04/2025"], ["14/04/2025"],
        [], header, [*(row[i] for i in order), "kept out"],
    ]  # fmt: skip
    export = read(write_export(rows))
    assert export.header_row == 6
    assert (export.rows[0].row, export.rows[0].country, export.rows[0].suppressed_below) == (
        7, "THA", 5,
    )  # fmt: skip
    assert export.export_date == date(2025, 4, 14)


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(
    write_export: Writer,
) -> None:
    rows = [*export_rows(figure()), [], [None] * 13, figure(value="<5"), []]
    assert [r.row for r in read(write_export(rows)).rows] == [4, 7]


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        (figure(value="1.541"), "txtVALUE", "'1.541' is not a count"),
        (figure(value="15 41"), "txtVALUE", "is not a count"),
        (figure(value="1,54"), "txtVALUE", "is not a count"),
        (figure(value="-3"), "txtVALUE", "is not a count"),
        (figure(value="n/a"), "txtVALUE", "is not a count"),
        (figure(value=""), "txtVALUE", "is empty"),
        (figure(value="<0"), "txtVALUE", "censored count must be below"),
        (figure(year="20x9"), "Year", "is not a whole number"),
        (figure(year=1850), "Year", "outside"),
        (figure(iso3="TH1"), "Iso3_code", "not a three-letter code"),
        (figure(country=""), "Country", "is empty"),
        (figure(unit="Rate per 100,000 population"), "Unit of measurement", "only 'Counts'"),
        (figure(sex="x" * 21), "Sex", "the limit is 20"),
    ],
)
def test_a_bad_cell_is_reported_with_file_row_and_column(
    write_export: Writer, row: list[object], column: str, fragment: str
) -> None:
    path = write_export(export_rows(figure(), figure(), row))  # type: ignore[arg-type]
    error = failure(path)
    assert (error.file, error.row, error.column) == (path.name, 6, column)
    assert f"{path.name}, row 6, column {column!r}: " in str(error)
    assert fragment in str(error)


def test_a_missing_header_column_is_named(write_export: Writer) -> None:
    header = [name for name in HEADER if name != "Sex"]
    rows = [*BANNER, header, [c for i, c in enumerate(figure()) if i != HEADER.index("Sex")]]
    error = failure(write_export(rows))
    assert (error.row, error.column) == (3, "Sex")
    assert "the header has no such column" in str(error)


def test_a_repeated_header_column_is_refused(write_export: Writer) -> None:
    error = failure(write_export([*BANNER, [*HEADER, "Year"], [*figure(), 2019]]))
    assert (error.row, error.column) == (3, "Year")
    assert "appears twice in the header (J and N)" in str(error)


def test_a_file_with_no_header_row_is_refused(write_export: Writer) -> None:
    error = failure(write_export([*BANNER, ["Country", "Year", "Value"], ["Thailand", 2019, 5]]))
    assert error.row is None
    assert "no header row (Iso3_code, Country," in str(error)


def test_a_header_with_no_data_below_it_is_refused(write_export: Writer) -> None:
    error = failure(write_export([*BANNER, HEADER, []]))
    assert (error.row, error.column) == (3, None)
    assert "not followed by any data row" in str(error)


def test_a_missing_export_date_is_refused(write_export: Writer) -> None:
    error = failure(write_export([["UNODC"], HEADER, figure()]))
    assert "no export date (DD/MM/YYYY) in rows 1-1 above the header" in str(error)


def test_an_impossible_export_date_names_its_cell(write_export: Writer) -> None:
    error = failure(write_export([["UNODC"], ["", "31/02/2025"], HEADER, figure()]))
    assert (error.row, error.column) == (2, "B")
    assert "'31/02/2025' is not a date" in str(error)


def test_a_value_in_a_column_with_no_header_is_refused(tmp_path: Path) -> None:
    # "1,541" written without quotes splits into two cells: the row no longer lines up.
    lines = [",".join(str(c) for c in row) for row in [*BANNER, HEADER]]
    lines.append("THA,Thailand,Asia,SE Asia,Victims,Total,Total,Total,Total,2019,Counts,1,541,X")
    path = tmp_path / "unquoted.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = failure(path)
    assert (error.row, error.column) == (4, "N")
    assert "in a column with no header" in str(error)


def test_an_xlsx_with_numbers_and_dates_in_its_cells_reads_the_same(tmp_path: Path) -> None:
    rows = [["UNODC"], [datetime(2025, 4, 14)], HEADER, figure(year=2019.0, value=1541)]
    export = read(xlsx_file(tmp_path / "typed.xlsx", rows))  # type: ignore[arg-type]
    assert export.export_date == date(2025, 4, 14)
    assert (export.rows[0].year, export.rows[0].value) == (2019, 1541)


def test_a_wrong_dimension_record_does_not_hide_any_row(tmp_path: Path) -> None:
    """The real export says its sheet is A1:A1; every row must be read all the same."""
    good = xlsx_file(tmp_path / "good.xlsx", export_rows())
    damaged = tmp_path / "dimension.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data)
                assert count == 1
            target.writestr(item, data)
    assert len(read(damaged).rows) == len(read(good).rows) == 6


def test_a_csv_and_an_xlsx_of_the_same_rows_read_the_same(tmp_path: Path) -> None:
    from trends.unodc_exports import csv_file

    from_xlsx = read(xlsx_file(tmp_path / "same.xlsx", export_rows()))
    from_csv = read(csv_file(tmp_path / "same.csv", export_rows()))
    assert from_xlsx.rows == from_csv.rows
    assert from_xlsx.export_date == from_csv.export_date


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("export.xls", b"old excel", "expected a .xlsx or .csv file"),
        ("export.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx workbook"),
        ("export.csv", b"\xff\xfe\x00latin", "not UTF-8 text"),
        ("export.csv", b"", "no header row"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_its_name(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = failure(path)
    assert error.file == name
    assert fragment in str(error)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    error = failure(tmp_path / "nowhere.xlsx")
    assert error.file == "nowhere.xlsx"
    assert "no such file" in str(error)


def test_column_letters_are_spreadsheet_letters() -> None:
    assert [letter(p) for p in (0, 12, 25, 26, 27, 701, 702)] == [
        "A", "M", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip


def test_the_parser_imports_no_django() -> None:
    code = (
        "import sys; import tipmon.trends.importers.unodc; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
