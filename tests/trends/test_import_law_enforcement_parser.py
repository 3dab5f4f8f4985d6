"""Reading the report's Global Law Enforcement Data table as the report prints it."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.law_enforcement import (
    CellProblem,
    LawEnforcementTableRow,
    parse_figure,
    parse_law_enforcement_rows,
    parse_year,
    read_law_enforcement_table,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"

#: The 2024 edition's figures (data years 2017-2023), as both fixtures hold them.
EDITION_2024 = [
    (2017, 17471, 869, 7135, 332, 96960, 23906, 5),
    (2018, 11096, 457, 7481, 259, 85613, 11009, 5),
    (2019, 11841, 1024, 9548, 498, 118932, 13875, 7),
    (2020, 9876, 1115, 5011, 337, 109216, 14448, 16),
    (2021, 10572, 1379, 5260, 374, 90354, 21219, 15),
    (2022, 15159, 2670, 5577, 528, 115324, 24340, 27),
    (2023, 18774, 3684, 7115, 1256, 133943, 42098, 14),
]


def figures(row: LawEnforcementTableRow) -> tuple[int | None, ...]:
    return (
        row.data_year, row.prosecutions, row.prosecutions_labor, row.convictions,
        row.convictions_labor, row.victims_identified, row.victims_identified_labor,
        row.new_or_amended_legislation,
    )  # fmt: skip


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def parse(rows: list[list[object]]) -> list[tuple[int | None, ...]]:
    numbered = list(enumerate((tuple(r) for r in rows), start=1))
    return [figures(r) for r in parse_law_enforcement_rows("t.csv", numbered).rows]


def failure(rows: list[list[object]]) -> DataLoadError:
    numbered = list(enumerate((tuple(r) for r in rows), start=1))
    with pytest.raises(DataLoadError) as caught:
        parse_law_enforcement_rows("t.csv", numbered)
    return caught.value


HEADER: list[object] = ["Year", "Prosecutions", "Convictions", "Victims Identified"]


def test_it_reads_the_csv_fixture_past_its_title_paragraph_and_notes() -> None:
    table = read_law_enforcement_table(FIXTURES / "law_enforcement_2024.csv")
    assert [figures(r) for r in table.rows] == EDITION_2024
    assert (table.header_row, [r.row for r in table.rows][:2]) == (5, [6, 7])
    assert table.edition_in_title == 2024
    assert table.data_years == (2017, 2023)
    assert len(table.sha256) == 64


def test_it_reads_the_workbook_fixture_with_its_footnote_markers() -> None:
    table = read_law_enforcement_table(FIXTURES / "law_enforcement_2024_footnotes.xlsx")
    assert [figures(r) for r in table.rows] == EDITION_2024
    assert table.edition_in_title == 2024
    assert table.header_row == 4


def test_it_splits_the_labor_subset_from_the_total() -> None:
    assert parse_figure("9,072 (1,024)") == (9072, 1024)
    assert parse_figure("  5,212  ") == (5212, None)
    assert parse_figure("17,471(869)") == (17471, 869)


def test_it_drops_footnote_markers_of_every_kind() -> None:
    for cell in ("7,115*", "7,115 \u00b9", "7,115\u00b9", "7,115 1", "7,1151", "7,115 [2]",
                 "7,115\u2020"):  # fmt: skip
        assert parse_figure(cell) == (7115, None), cell
    assert parse_figure("9,072 (1,024)*") == (9072, 1024)
    assert parse_figure("9,072* (1,024)") == (9072, 1024)
    assert [parse_year(y) for y in ("2015*", "20151", "2015 1", "2015\u00b2")] == [2015] * 4


def test_an_empty_or_dashed_cell_is_not_reported_never_zero() -> None:
    for cell in ("", "  ", "-", "\u2014", "N/A"):
        assert parse_figure(cell) == (None, None)
    rows = parse([HEADER, ["2005", "6,618", "4,766", ""]])
    assert rows == [(2005, 6618, None, 4766, None, None, None, None)]


def test_victims_and_legislation_columns_are_optional_like_in_early_editions() -> None:
    rows = parse([["YEAR", "PROSECUTIONS", "CONVICTIONS"], ["2003", "7,992", "2,815"]])
    assert rows == [(2003, 7992, None, 2815, None, None, None, None)]


def test_header_names_match_ignoring_case_spacing_order_and_markers() -> None:
    header: list[object] = ["convictions", " YEAR ", "Victims  identified*", "Prosecutions1"]
    assert parse([header, ["120", "2010", "33,113", "6,017 (607)"]]) == [
        (2010, 6017, 607, 120, None, 33113, None, None)
    ]


def test_numbers_stored_as_numbers_in_a_workbook_are_read() -> None:
    assert parse([HEADER, [2010.0, 6017, 3619.0, None]]) == [
        (2010, 6017, None, 3619, None, None, None, None)
    ]


def test_a_missing_column_names_the_header_row_and_the_column() -> None:
    path = FIXTURES / "law_enforcement_missing_column.csv"
    with pytest.raises(DataLoadError) as caught:
        read_law_enforcement_table(path)
    error = caught.value
    assert (error.file, error.row, error.column) == (path.name, 2, "Convictions")
    assert str(error) == (
        "law_enforcement_missing_column.csv, row 2, column 'Convictions': "
        "the header has no such column"
    )


def test_a_non_numeric_figure_names_file_row_and_column() -> None:
    with pytest.raises(DataLoadError) as caught:
        read_law_enforcement_table(FIXTURES / "law_enforcement_non_numeric.csv")
    assert str(caught.value) == (
        "law_enforcement_non_numeric.csv, row 4, column 'Prosecutions': 'about 18,000' is not "
        "a number (such as 9,072 or 9,072 (1,024))"
    )


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["2019", "1.541", "", ""], "Prosecutions", "'1.541' is not a number"),
        (["2019", "9,07", "", ""], "Prosecutions", "'9,07' is not a number"),
        (["2019", "(1,024)", "", ""], "Prosecutions", "gives a labor subset but no total"),
        (["2019", "100 (200)", "", ""], "Prosecutions", "the labor subset is larger than"),
        (["2019", "9 (1) (2)", "", ""], "Prosecutions", "is not a number"),
        (["Total", "9,072", "", ""], "Year", "'Total' is not a year"),
        (["1850", "9,072", "", ""], "Year", "1850 is outside 2000..2100"),
        (["", "9,072", "", ""], "Year", "is empty, but the data year is required"),
        (["2019", "-5", "", ""], "Prosecutions", "'-5' is not a number"),
        (["2019", "", "", "99,999,999,999"], "Victims Identified", "is larger than"),
    ],
)
def test_a_bad_cell_is_refused_with_its_row_and_column(
    row: list[object], column: str, message: str
) -> None:
    error = failure([["Global Law Enforcement Data"], HEADER, row])
    assert (error.row, error.column) == (3, column)
    assert message in error.message


def test_the_legislation_column_has_no_labor_subset() -> None:
    error = failure([[*HEADER, "New or Amended Legislation"], ["2019", "", "", "", "7 (2)"]])
    assert (error.row, error.column) == (2, "New or Amended Legislation")


def test_a_repeated_data_year_is_refused() -> None:
    error = failure([HEADER, ["2019", "1", "1", ""], ["2019*", "2", "2", ""]])
    assert (error.row, error.column, error.message) == (3, "Year", "repeats data year 2019 (row 2)")


def test_figures_below_the_notes_are_refused_rather_than_skipped() -> None:
    rows: list[list[object]] = [
        HEADER, ["2019", "1", "1", ""], ["Numbers in parentheses are labor trafficking."],
        ["2020", "2", "2", ""],
    ]  # fmt: skip
    error = failure(rows)
    assert (error.row, error.column) == (4, None)
    assert "below the notes that end the table (row 3)" in error.message


def test_a_file_without_the_header_says_which_columns_it_needs() -> None:
    error = failure([["2024 Trafficking in Persons Report"], ["2019", "1", "1"]])
    assert (error.row, error.column) == (None, None)
    assert "no header row (Year, Prosecutions, Convictions" in error.message


def test_a_header_with_no_data_below_it_is_refused() -> None:
    error = failure([HEADER, [], ["Source: the report."]])
    assert (error.row, error.message) == (1, "the header is not followed by any data row")


def test_a_repeated_header_column_is_refused() -> None:
    error = failure([["Year", "Prosecutions", "Convictions", "Prosecutions"]])
    assert (error.row, error.column) == (1, "Prosecutions")
    assert "appears twice in the header (B and D)" in error.message


def test_the_edition_is_read_from_a_title_in_either_order() -> None:
    for title, edition in (
        ("2024 Trafficking in Persons Report", 2024), ("TIP Report 2019", 2019),
        ("Trafficking in Persons Report - 2008", 2008), ("Global Law Enforcement Data", None),
    ):  # fmt: skip
        rows = [(1, (title,)), (2, tuple(HEADER)), (3, ("2003", "1", "1", ""))]
        assert parse_law_enforcement_rows("t.csv", rows).edition_in_title == edition, title


def test_a_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "table.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DataLoadError, match=r"not a readable \.xlsx workbook"):
        read_law_enforcement_table(bad)
    latin = tmp_path / "table.csv"
    latin.write_bytes("Year,Prosecutions,Convictions\n2019,\xe91,2\n".encode("latin-1"))
    with pytest.raises(DataLoadError, match="not UTF-8 text"):
        read_law_enforcement_table(latin)


def test_cell_problems_are_value_errors_for_the_callers_that_want_them() -> None:
    with pytest.raises(CellProblem):
        parse_figure("many")


def test_the_parser_imports_no_django() -> None:
    code = (
        "import sys; import tipmon.trends.importers.law_enforcement; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
