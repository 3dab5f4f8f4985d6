"""Fixtures that write sample UNODC exports into ``tmp_path``, and find the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from trends.unodc_exports import REAL_EXPORT_CANDIDATES, Writer, csv_file, xlsx_file


@pytest.fixture(params=["xlsx", "csv"])
def write_export(request: pytest.FixtureRequest, tmp_path: Path) -> Writer:
    """Writes rows as an export file; a test using it runs once per format."""
    suffix = str(request.param)
    make = xlsx_file if suffix == "xlsx" else csv_file
    counter = iter(range(1, 1000))
    return lambda rows: make(tmp_path / f"export-{next(counter)}.{suffix}", rows)


@pytest.fixture(scope="session")
def real_export() -> Path:
    for path in REAL_EXPORT_CANDIDATES:
        if path.is_file():
            return path
    shown = ", ".join(str(p) for p in REAL_EXPORT_CANDIDATES)
    pytest.skip(
        f"the real UNODC export is not present (looked for {shown}); it is never copied "
        "into the repository"
    )
