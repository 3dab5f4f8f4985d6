"""Property tests: nothing a file can hold crashes the UNODC importer but a DataLoadError."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.countries.gazetteer import CountryRecord, load_gazetteer
from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.unodc import parse_count, parse_unodc_rows, read_unodc_export
from trends.unodc_exports import BANNER, FIGURES, HEADER, export_rows, xlsx_file

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])  # fmt: skip

CELLS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["<5", "<0", "< 5", "<", "1,541", "1,54", "1,,5", "٣", "TOTAL", " ", "NPL"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


def lookup(iso3: str) -> CountryRecord | None:
    return load_gazetteer().get(iso3)


@functools.cache
def good_workbook() -> bytes:
    """One workbook for the whole run: a workbook's bytes hold the time it was saved."""
    with tempfile.TemporaryDirectory() as folder:
        return xlsx_file(Path(folder) / "good.xlsx", export_rows()).read_bytes()


def read_bytes(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(content)
        try:
            read_unodc_export(path)
        except DataLoadError as error:
            assert error.file == path.name


@FAST
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_random_bytes_never_crash_the_importer_with_anything_but_a_data_load_error(
    content: bytes, suffix: str
) -> None:
    read_bytes(content, suffix)


@FAST
@given(data=st.data())
def test_a_damaged_workbook_never_crashes_the_importer_with_anything_but_a_data_load_error(
    data: st.DataObject,
) -> None:
    damaged = bytearray(good_workbook())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(damaged) - 1))
        damaged[position] = data.draw(st.integers(min_value=0, max_value=255))
    cut = data.draw(st.integers(min_value=0, max_value=len(damaged)))
    read_bytes(bytes(damaged[:cut] if data.draw(st.booleans()) else damaged), ".xlsx")


@FAST
@given(rows=st.lists(st.lists(CELLS, max_size=16), max_size=6))
def test_random_cell_values_under_the_header_never_crash_with_anything_but_a_data_load_error(
    rows: list[list[object]],
) -> None:
    numbered = list(enumerate([*BANNER, HEADER, *rows], start=1))
    try:
        export = parse_unodc_rows("random.xlsx", [(n, tuple(r)) for n, r in numbered], lookup)
    except DataLoadError as error:
        assert error.file == "random.xlsx"
        return
    for row in export.rows:
        assert (row.value is None) != (row.suppressed_below is None)
        assert row.suppressed_below is None or row.suppressed_below >= 1


@FAST
@given(column=st.integers(min_value=0, max_value=12), value=CELLS)
def test_any_value_in_any_column_of_a_good_row_is_read_or_refused_by_name(
    column: int, value: object
) -> None:
    row = list(FIGURES[0])
    row[column] = value  # type: ignore[call-overload]
    numbered = [(n, tuple(r)) for n, r in enumerate([*BANNER, HEADER, row], start=1)]
    try:
        parse_unodc_rows("one.csv", numbered, lookup)
    except DataLoadError as error:
        assert (error.file, error.row) == ("one.csv", 4)
        assert error.column == HEADER[column]


@FAST
@given(rows=st.lists(st.lists(CELLS, max_size=14), max_size=8))
def test_random_banner_rows_never_crash_with_anything_but_a_data_load_error(
    rows: list[list[object]],
) -> None:
    numbered = list(enumerate([*rows, HEADER, FIGURES[0]], start=1))
    try:
        parse_unodc_rows("banner.csv", [(n, tuple(r)) for n, r in numbered], lookup)
    except DataLoadError as error:
        assert error.file == "banner.csv"


@given(st.integers(min_value=0, max_value=10**9))
def test_any_count_written_with_thousands_separators_reads_back(count: int) -> None:
    assert parse_count(f"{count:,}") == (count, None)
    assert parse_count(str(count)) == (count, None)


@given(st.integers(min_value=1, max_value=100))
def test_a_censored_count_is_never_a_number(bound: int) -> None:
    assert parse_count(f"<{bound}") == (None, bound)
