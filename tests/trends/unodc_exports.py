"""Small UNODC GLOTIP exports written the way dataUNODC lays them out, and the real one.

``export_rows()`` gives the rows of a sample export: the banner ("UNODC" and a hyperlink,
then the export date), the header on row 3, then figures from row 4 on. ``write_xlsx``
and ``write_csv`` write any such rows as a file in ``tmp_path``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl

from tipmon.trends.importers.unodc import COLUMNS

REPO = Path(__file__).resolve().parents[2]
REAL_EXPORT_NAME = "unodc_glotip_export_2025-04-14.xlsx"
# The shared data folder sits beside the repository (as in CI), or at its usual place.
REAL_EXPORT_CANDIDATES = (
    REPO.parent / "shared" / "data" / "raw" / REAL_EXPORT_NAME,
    Path("/work/shared/data/raw") / REAL_EXPORT_NAME,
)

Cell = str | int | float | None
Writer = Callable[[Sequence[Sequence[Cell]]], Path]


def figure(
    iso3: str = "THA",
    country: str = "Thailand",
    *,
    indicator: str = "Detected trafficking victims",
    dimension: str = "Total",
    category: str | None = "Total",
    sex: str = "Total",
    age: str = "Total",
    year: Cell = 2019,
    value: Cell = "1,541",
    unit: str = "Counts",
) -> list[Cell]:
    """One data row in the export's column order."""
    region, subregion = ("Asia", "South-eastern Asia")
    return [
        iso3, country, region, subregion, indicator, dimension, category, sex, age, year,
        unit, value, "GLOTIP",
    ]  # fmt: skip


BANNER: list[list[Cell]] = [["UNODC", "https://dataunodc.un.org/"], ["14/04/2025"]]
HEADER: list[Cell] = list(COLUMNS)

#: The sample's figures; the first is on row 4.
FIGURES: list[list[Cell]] = [
    figure(),  # row 4: "1,541" (Thailand 2019, as in the real export)
    figure(
        dimension="by form of exploitation",
        category="Sexual exploitation",
        sex="Female",
        value="<5",
    ),
    figure("NPL", "Nepal", dimension="by citizenship", category="Nepal", value="12"),
    figure("", "Sark", sex="Female", age="0 to 17 years", value="<5"),  # row 7: no code
    figure("NIU", "Niue", dimension="by country of repatriation", category="Abroad", value="7"),
    figure(
        "NPL",
        "Nepal",
        indicator="Persons convicted",
        dimension="by citizenship",
        category=None,
        value="25",
    ),
]


def export_rows(*figures: list[Cell]) -> list[list[Cell]]:
    return [*BANNER, HEADER, *(figures or FIGURES)]


def xlsx_file(path: Path, rows: Sequence[Sequence[Cell]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    if rows and len(rows[0]) > 1 and rows[0][0] == "UNODC":
        sheet["B1"].hyperlink = str(rows[0][1])
    workbook.save(path)
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Cell]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if c is None else c for c in row] for row in rows])
    return path
