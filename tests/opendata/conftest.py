"""Open-data tests write their generated files under a temporary VAR_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import LazySettings


@pytest.fixture(autouse=True)
def _files_in_tmp(settings: LazySettings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
