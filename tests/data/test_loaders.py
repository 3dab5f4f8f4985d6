from __future__ import annotations

import csv
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tipmon.assistance.models import Grant
from tipmon.countries.models import Country
from tipmon.data.loaders import BUNDLED_DIR, load_bundled
from tipmon.data.models import Dataset
from tipmon.data.parsing import DataLoadError, sha256_of
from tipmon.tiers.models import TierPlacement
from tipmon.trends.models import LawEnforcementYear, UnodcFigure

pytestmark = pytest.mark.django_db

MODELS = (Country, Dataset, TierPlacement, LawEnforcementYear, UnodcFigure, Grant)


def csv_rows(name: str) -> int:
    with (BUNDLED_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def snapshot() -> dict[str, tuple[int, int]]:
    """Row count and highest id per table: equal snapshots mean nothing was rewritten."""
    result = {}
    for model in MODELS:
        ids = list(model._default_manager.values_list("pk", flat=True).order_by("-pk")[:1])
        result[model.__name__] = (model._default_manager.count(), hash(tuple(ids)))
    return result


def test_every_bundled_row_is_loaded() -> None:
    assert TierPlacement.objects.count() == csv_rows("tier_placements")
    assert LawEnforcementYear.objects.count() == csv_rows("global_law_enforcement")
    assert UnodcFigure.objects.count() == csv_rows("unodc_glotip_totals")
    assert Grant.objects.count() == csv_rows("us_antitip_grants_fy2001_2014")
    assert Dataset.objects.count() == 5


def test_loading_twice_changes_nothing() -> None:
    before = snapshot()
    loaded_at = dict(Dataset.objects.values_list("key", "loaded_at"))
    report = load_bundled()
    assert not report.changed
    assert snapshot() == before
    assert dict(Dataset.objects.values_list("key", "loaded_at")) == loaded_at


def test_each_dataset_keeps_its_provenance_sidecar() -> None:
    for dataset in Dataset.objects.all():
        sidecar = json.loads((BUNDLED_DIR / f"{dataset.key}.meta.json").read_text())
        assert dataset.sha256 == sidecar["sha256"] == sha256_of(BUNDLED_DIR / dataset.file_name)
        assert dataset.producer
        assert dataset.licence
        assert dataset.attribution


def copy_bundled(tmp_path: Path) -> Path:
    target = tmp_path / "bundled"
    shutil.copytree(BUNDLED_DIR, target)
    return target


def corrupt(directory: Path, key: str, line_number: int, column: str, value: str) -> None:
    """Change one cell and re-seal the sidecar, as an editor would who forgot a check."""
    path = directory / f"{key}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[line_number - 1][header.index(column)] = value
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    meta_path = directory / f"{key}.meta.json"
    meta = json.loads(meta_path.read_text())
    meta["sha256"] = sha256_of(path)
    meta_path.write_text(json.dumps(meta))


def test_a_malformed_row_stops_the_load_and_nothing_is_half_loaded(tmp_path: Path) -> None:
    directory = copy_bundled(tmp_path)
    # A changed first table that would be written, then a bad row in the last table.
    corrupt(directory, "tier_placements", 2, "note", "edited note")
    corrupt(directory, "us_antitip_grants_fy2001_2014", 100, "amount_usd", "lots")
    before = snapshot()
    with pytest.raises(DataLoadError) as caught:
        load_bundled(directory)
    error = caught.value
    assert (error.file, error.row, error.column) == (
        "us_antitip_grants_fy2001_2014.csv",
        100,
        "amount_usd",
    )
    assert snapshot() == before
    assert not TierPlacement.objects.filter(note="edited note").exists()


def test_a_failure_while_writing_rolls_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = copy_bundled(tmp_path)
    corrupt(directory, "tier_placements", 2, "note", "edited note")
    corrupt(directory, "us_antitip_grants_fy2001_2014", 5, "recipient", "Someone else")
    before = snapshot()

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    # The placements are rewritten first; the grants table then fails half-way.
    monkeypatch.setattr(Grant.objects, "bulk_create", crash)
    with pytest.raises(RuntimeError):
        load_bundled(directory)
    assert snapshot() == before
    assert not TierPlacement.objects.filter(note="edited note").exists()
    assert Grant.objects.count() == csv_rows("us_antitip_grants_fy2001_2014")


def test_a_csv_that_differs_from_its_sidecar_checksum_is_refused(tmp_path: Path) -> None:
    directory = copy_bundled(tmp_path)
    path = directory / "global_law_enforcement.csv"
    path.write_text(path.read_text().replace("7992", "7993"))
    with pytest.raises(DataLoadError, match=r"sha256 is .* but its sidecar records"):
        load_bundled(directory)


def test_a_repeated_country_year_is_reported_with_its_row(tmp_path: Path) -> None:
    directory = copy_bundled(tmp_path)
    corrupt(directory, "tier_placements", 3, "iso3", "AGO")
    with pytest.raises(DataLoadError) as caught:
        load_bundled(directory)
    assert caught.value.row == 3
    assert "repeats row 2" in str(caught.value)


def test_the_load_command_reports_each_table_and_fails_clearly(tmp_path: Path) -> None:
    out = StringIO()
    call_command("data", "load", stdout=out)
    assert f"tier_placements: {csv_rows('tier_placements')} rows unchanged" in out.getvalue()
    directory = copy_bundled(tmp_path)
    corrupt(directory, "unodc_glotip_totals", 7, "year", "twenty")
    with pytest.raises(CommandError, match=r"Nothing was loaded\. unodc_glotip_totals\.csv, row 7"):
        call_command("data", "load", "--directory", str(directory))


def test_a_sidecar_field_too_long_for_the_database_is_named(tmp_path: Path) -> None:
    directory = copy_bundled(tmp_path)
    meta_path = directory / "global_law_enforcement.meta.json"
    meta = json.loads(meta_path.read_text())
    meta["edition"] = "x" * 501
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(DataLoadError) as caught:
        load_bundled(directory)
    assert (caught.value.file, caught.value.column) == (
        "global_law_enforcement.meta.json",
        "edition",
    )
