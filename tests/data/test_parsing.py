from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.data import tables
from tipmon.data.parsing import DataLoadError, read_rows

KNOWN = {"THA", "NPL", "XKX"}
HEADER = ",".join(tables.PLACEMENT_COLUMNS)


def write(tmp_path: Path, text: str, name: str = "tier_placements.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_well_formed_rows_with_their_row_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n2024,THA,Thailand,Tier 2,tier list,https://x.example,,\n")
    rows = read_rows(path, tables.PLACEMENT_COLUMNS, tables.placement_parser(KNOWN))
    assert len(rows) == 1
    assert rows[0].row == 2
    assert rows[0].tier.value == "Tier 2"


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("20x4,THA,Thailand,Tier 2,tier list,src,,", "report_year", "not a whole number"),
        ("2024,ZZZ,Nowhere,Tier 2,tier list,src,,", "iso3", "not a country code"),
        ("2024,THA,Thailand,Tier 9,tier list,src,,", "tier", "not a tier"),
        ("2024,THA,Thailand,Tier 2,hearsay,src,,", "basis", "not a placement basis"),
        ("2024,THA,Thailand,Tier 2,tier list,,,", "source", "is empty"),
        ("1999,THA,Thailand,Tier 2,tier list,src,,", "report_year", "outside"),
    ],
)
def test_a_bad_cell_is_reported_with_file_row_and_column(
    tmp_path: Path, line: str, column: str, fragment: str
) -> None:
    good = "2024,NPL,Nepal,Tier 2,tier list,src,,"
    path = write(tmp_path, f"{HEADER}\n{good}\n{line}\n")
    with pytest.raises(DataLoadError) as caught:
        read_rows(path, tables.PLACEMENT_COLUMNS, tables.placement_parser(KNOWN))
    error = caught.value
    assert (error.file, error.row, error.column) == ("tier_placements.csv", 3, column)
    assert fragment in str(error)
    assert "tier_placements.csv, row 3, column" in str(error)


def test_a_wrong_header_is_reported_on_row_one(tmp_path: Path) -> None:
    path = write(tmp_path, "year,iso3\n2024,THA\n")
    with pytest.raises(
        DataLoadError, match=r"row 1: header does not match: expected 'report_year'"
    ):
        read_rows(path, tables.PLACEMENT_COLUMNS, tables.placement_parser(KNOWN))


def test_a_short_row_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n2024,THA\n")
    with pytest.raises(DataLoadError, match=r"row 2: has 2 cells; expected 8"):
        read_rows(path, tables.PLACEMENT_COLUMNS, tables.placement_parser(KNOWN))


def test_a_unodc_cell_is_either_a_count_or_suppressed_never_both(tmp_path: Path) -> None:
    header = ",".join(tables.UNODC_COLUMNS)
    path = write(
        tmp_path,
        f"{header}\nTHA,Thailand,2020,Persons convicted,Total,Total,,5\n"
        "THA,Thailand,2021,Persons convicted,Total,Total,,\n",
        "unodc.csv",
    )
    with pytest.raises(DataLoadError) as caught:
        read_rows(path, tables.UNODC_COLUMNS, tables.unodc_parser(KNOWN))
    assert (caught.value.row, caught.value.column) == (3, "value")


def test_a_labor_subset_larger_than_its_total_is_refused(tmp_path: Path) -> None:
    header = ",".join(tables.LAW_ENFORCEMENT_COLUMNS)
    path = write(tmp_path, f"{header}\n2010,100,200,,,,,,src\n", "le.csv")
    with pytest.raises(DataLoadError) as caught:
        read_rows(path, tables.LAW_ENFORCEMENT_COLUMNS, tables.law_enforcement_parser(KNOWN))
    assert caught.value.column == "prosecutions_labor"


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_give_rows_or_a_clear_error_never_a_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(HEADER.encode() + b"\n" + data)
    try:
        rows = read_rows(path, tables.PLACEMENT_COLUMNS, tables.placement_parser(KNOWN))
    except DataLoadError as exc:
        assert exc.file == "fuzz.csv"
        assert str(exc).startswith("fuzz.csv")
    else:
        assert all(row.iso3 in KNOWN for row in rows)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
        min_size=8,
        max_size=8,
    )
)
def test_random_cells_give_a_row_or_an_error_naming_a_real_column(
    tmp_path: Path, cells: list[str]
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([tables.PLACEMENT_COLUMNS, cells])
    path = write(tmp_path, buffer.getvalue(), "cells.csv")
    try:
        read_rows(path, tables.PLACEMENT_COLUMNS, tables.placement_parser(KNOWN))
    except DataLoadError as exc:
        assert exc.column is None or exc.column in tables.PLACEMENT_COLUMNS
