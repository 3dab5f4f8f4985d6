"""Property tests: whatever the file holds, the table parser gives rows or a clear error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.data.parsing import DataLoadError
from tipmon.trends.importers.law_enforcement import (
    COLUMNS,
    LawEnforcementTable,
    parse_law_enforcement_rows,
    read_law_enforcement_table,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Text that looks like the table's cells: digits, separators, parentheses, markers.
cell_text = st.text(alphabet="0123456789,() *-\u00b9[]aY.\u2014", max_size=16)
cells = st.one_of(st.none(), cell_text, st.integers(-5, 10**10), st.floats(allow_nan=True))


def _parse_or_clear_error(rows: list[tuple[int, tuple[object, ...]]]) -> None:
    try:
        table = parse_law_enforcement_rows("t.csv", rows)
    except DataLoadError as error:
        assert error.file == "t.csv"
        assert error.message
        return
    _check(table)


def _check(table: LawEnforcementTable) -> None:
    years = [r.data_year for r in table.rows]
    assert len(set(years)) == len(years)
    for row in table.rows:
        for total, labor in (
            (row.prosecutions, row.prosecutions_labor), (row.convictions, row.convictions_labor),
            (row.victims_identified, row.victims_identified_labor),
        ):  # fmt: skip
            assert total is None or total >= 0
            assert labor is None or (total is not None and 0 <= labor <= total)


@SETTINGS
@given(st.lists(st.lists(cells, max_size=6), max_size=8))
def test_random_cells_below_a_header_give_rows_or_a_clear_error(
    body: list[list[object]],
) -> None:
    rows = [(1, tuple(COLUMNS)), *((n, tuple(r)) for n, r in enumerate(body, start=2))]
    _parse_or_clear_error(rows)


@SETTINGS
@given(st.lists(st.lists(cells, max_size=6), max_size=8))
def test_random_rows_with_no_known_header_give_rows_or_a_clear_error(
    body: list[list[object]],
) -> None:
    _parse_or_clear_error([(n, tuple(r)) for n, r in enumerate(body, start=1)])


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_never_crash_with_anything_but_a_clear_error(
    content: bytes, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"table{suffix}"
        path.write_bytes(content)
        try:
            _check(read_law_enforcement_table(path))
        except DataLoadError as error:
            assert error.file == path.name


# Round trip: a table written the way the report prints it reads back as the same figures.

MARKERS = ["", "", "*", "\u00b9", " 1", " [2]", "\u2020"]


@st.composite
def figure(draw: st.DrawFn, labor: bool) -> tuple[int | None, int | None, str]:
    """A figure, its labor subset, and the cell the report would print for them."""
    total = draw(st.one_of(st.none(), st.integers(0, 10**7)))
    if total is None:
        return None, None, draw(st.sampled_from(["", "\u2014", "-"]))
    subset = draw(st.one_of(st.none(), st.integers(0, total))) if labor else None
    grouped = draw(st.booleans())

    def show(n: int) -> str:
        return f"{n:,}" if grouped else str(n)

    text = show(total) if subset is None else f"{show(total)} ({show(subset)})"
    return total, subset, text + draw(st.sampled_from(MARKERS))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[tuple[int | None, ...]], list[list[object]]]:
    years = draw(st.lists(st.integers(2000, 2099), min_size=1, max_size=12, unique=True))
    expected: list[tuple[int | None, ...]] = []
    printed: list[list[object]] = [
        ["Global Law Enforcement Data"],
        [],
        [c.upper() for c in COLUMNS],
    ]
    for year in years:
        prosecutions = draw(figure(labor=True))
        convictions = draw(figure(labor=True))
        victims = draw(figure(labor=True))
        legislation = draw(figure(labor=False))
        expected.append((year, *prosecutions[:2], *convictions[:2], *victims[:2], legislation[0]))
        year_cell = f"{year}{draw(st.sampled_from(MARKERS))}"
        printed.append([year_cell, prosecutions[2], convictions[2], victims[2], legislation[2]])
    printed += [[], ["The numbers in parentheses are those of labor trafficking cases."]]
    return expected, printed


def _figures(table: LawEnforcementTable) -> list[tuple[int | None, ...]]:
    return [
        (r.data_year, r.prosecutions, r.prosecutions_labor, r.convictions, r.convictions_labor,
         r.victims_identified, r.victims_identified_labor, r.new_or_amended_legislation)
        for r in table.rows
    ]  # fmt: skip


@SETTINGS
@given(tables())
def test_a_generated_table_reads_back_as_its_figures(
    table: tuple[list[tuple[int | None, ...]], list[list[object]]],
) -> None:
    expected, printed = table
    numbered = [(n, tuple(r)) for n, r in enumerate(printed, start=1)]
    parsed = parse_law_enforcement_rows("t.csv", numbered)
    assert _figures(parsed) == expected
    assert [r.row for r in parsed.rows] == list(range(4, 4 + len(expected)))


@settings(max_examples=25, deadline=None)
@given(tables())
def test_a_generated_table_reads_back_from_a_workbook(
    table: tuple[list[tuple[int | None, ...]], list[list[object]]],
) -> None:
    expected, printed = table
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.xlsx"
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in printed:
            sheet.append(row)
        workbook.save(path)
        assert _figures(read_law_enforcement_table(path)) == expected
