"""Assistance data functions over the historical US anti-trafficking grants."""

from __future__ import annotations

from dataclasses import dataclass

from tipmon.assistance.models import Grant
from tipmon.core.provenance import DatasetRef
from tipmon.data.services import dataset_ref

GRANTS_KEY = "us_antitip_grants_fy2001_2014"


@dataclass(frozen=True, slots=True)
class GrantLine:
    fiscal_year: int
    recipient: str
    recipient_type: str
    amount_usd: int | None
    pillars: tuple[str, ...]
    source_row: int


@dataclass(frozen=True, slots=True)
class GrantSummary:
    grants: list[GrantLine]
    dataset: DatasetRef

    @property
    def total_known_usd(self) -> int:
        return sum(g.amount_usd or 0 for g in self.grants)

    @property
    def unknown_amounts(self) -> int:
        return sum(1 for g in self.grants if g.amount_usd is None)


_PILLARS = ("prosecution", "protection", "prevention", "research")


def grants_for_country(iso3: str) -> GrantSummary:
    lines = [
        GrantLine(
            g.fiscal_year,
            g.recipient,
            g.recipient_type,
            g.amount_usd,
            tuple(p for p in _PILLARS if getattr(g, p)),
            g.source_row,
        )
        for g in Grant.objects.filter(country_id=iso3).order_by("fiscal_year", "recipient")
    ]
    return GrantSummary(lines, dataset_ref(GRANTS_KEY))
