"""Read access to dataset provenance for pages and the API."""

from __future__ import annotations

from tipmon.core.provenance import DatasetRef
from tipmon.data.models import Dataset


class DatasetNotLoaded(LookupError):
    """The bundled data has not been loaded (run ``tipmon data load``)."""


def dataset_ref(key: str) -> DatasetRef:
    dataset = Dataset.objects.filter(key=key).first()
    if dataset is None:
        raise DatasetNotLoaded(f"Dataset {key!r} is not loaded; run `tipmon data load`.")
    return DatasetRef.of(dataset)


def all_datasets() -> list[tuple[DatasetRef, int, str]]:
    """Every loaded dataset with its row count and file name."""
    return [(DatasetRef.of(d), d.row_count, d.file_name) for d in Dataset.objects.all()]
