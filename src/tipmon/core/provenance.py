"""Provenance that travels with every figure: which dataset, which edition, which row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class DatasetRef:
    """A bundled table as a citation: enough to find the figure again."""

    key: str
    title: str
    producer: str
    edition: str
    accessed: date
    licence: str
    attribution: str
    caveats: str
    source_url: str

    @classmethod
    def of(cls, dataset: Any) -> DatasetRef:
        """Build from a ``tipmon.data.models.Dataset`` (typed loosely to keep core light)."""
        return cls(
            key=dataset.key, title=dataset.title, producer=dataset.producer,
            edition=dataset.edition, accessed=dataset.accessed, licence=dataset.licence,
            attribution=dataset.attribution, caveats=dataset.caveats,
            source_url=dataset.source_url,
        )  # fmt: skip

    def as_json(self) -> dict[str, str]:
        return {
            "dataset": self.key, "title": self.title, "producer": self.producer,
            "edition": self.edition, "accessed": self.accessed.isoformat(),
            "licence": self.licence, "attribution": self.attribution,
            "caveats": self.caveats, "url": self.source_url,
        }  # fmt: skip
