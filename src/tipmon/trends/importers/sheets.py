"""Reading a workbook (.xlsx) or a CSV file into rows of raw cells. Pure Python: no Django.

Rows are numbered as a spreadsheet shows them, the first row being 1, blank rows included;
a CSV file's rows are its records (a quoted cell may span several lines). Every problem is
a :class:`DataLoadError` naming the file and, where one is known, the row.
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Generator
from pathlib import Path

import openpyxl
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tipmon.data.parsing import DataLoadError

SUFFIXES = (".xlsx", ".csv")

#: One row of a sheet: its number and its cells (text, numbers, dates or None).
Row = tuple[int, tuple[object, ...]]


def read_sheet(path: Path) -> Generator[Row, None, None]:
    """The rows of the first worksheet of an .xlsx file, or of a UTF-8 CSV file."""
    if not path.is_file():
        raise DataLoadError(path.name, None, None, f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    raise DataLoadError(path.name, None, None, f"expected a {' or '.join(SUFFIXES)} file")


def _xlsx_rows(path: Path) -> Generator[Row, None, None]:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; the cells are what counts.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl and zipfile raise many kinds on a damaged file.
        raise DataLoadError(path.name, None, None, _unreadable(exc)) from exc
    try:
        sheets = workbook.worksheets
        if not sheets or not isinstance(sheets[0], ReadOnlyWorksheet):
            raise DataLoadError(path.name, None, None, "the workbook has no worksheet")
        sheet = sheets[0]
        # The export's dimension record says A1:A1; without this only one cell is read.
        sheet.reset_dimensions()
        cells = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            try:
                values = next(cells, None)
            except Exception as exc:  # a damaged sheet fails while it is streamed.
                raise DataLoadError(path.name, number + 1, None, _unreadable(exc)) from exc
            if values is None:
                return
            number += 1
            yield number, tuple(values)
    finally:
        workbook.close()


def _unreadable(exc: Exception) -> str:
    return f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})"


def _csv_rows(path: Path) -> Generator[Row, None, None]:
    number = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, values in enumerate(csv.reader(handle, strict=True), start=1):
                yield number, tuple(values)
    except UnicodeDecodeError as exc:
        raise DataLoadError(path.name, None, None, f"not UTF-8 text: {exc.reason}") from exc
    except csv.Error as exc:
        raise DataLoadError(path.name, number + 1, None, f"not well-formed CSV: {exc}") from exc
