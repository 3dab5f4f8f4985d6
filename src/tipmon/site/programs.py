"""What the public pages show of foreign assistance: the historical grants (a public bundled
dataset) and the public terms of signed Child Protection Compacts.

Compacts still being negotiated never appear, and of a signed compact only its public terms
do (partner, title, dates, status, the US commitment, the summary and the objectives'
titles); milestones, indicators and the partner's contributions stay in the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from tipmon.assistance.models import Compact, Grant, Objective
from tipmon.assistance.models.compacts import CompactState
from tipmon.assistance.services import GRANTS_KEY
from tipmon.core.provenance import DatasetRef
from tipmon.data.services import DatasetNotLoaded, dataset_ref
from tipmon.site.digest import GrantIn, GrantsDigest, summarise_grants

_PILLARS = ("prosecution", "protection", "prevention", "research")


@dataclass(frozen=True, slots=True)
class ProgramsSummary:
    digest: GrantsDigest
    source: DatasetRef | None  # None until `tipmon data load` has run


def grants_summary() -> ProgramsSummary:
    try:
        source = dataset_ref(GRANTS_KEY)
    except DatasetNotLoaded:
        return ProgramsSummary(summarise_grants([]), None)
    rows = Grant.objects.values_list("fiscal_year", "amount_usd", "country_id", *_PILLARS)
    digest = summarise_grants(
        GrantIn(year, amount, tuple(p for p, v in zip(_PILLARS, flags, strict=True) if v), iso3)
        for year, amount, iso3, *flags in rows.iterator()
    )
    return ProgramsSummary(digest, source)


@dataclass(frozen=True, slots=True)
class PublicCompact:
    iso3: str
    country: str
    title: str
    signed: date
    start: date
    end: date
    status: str
    us_commitment_usd: Decimal
    summary: str
    objectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PublicCompacts:
    compacts: list[PublicCompact]
    source: DatasetRef


def public_source(today: date) -> DatasetRef:
    return DatasetRef(
        key="compact-public-terms",
        title="Child Protection Compact partnerships: public terms",
        producer="The office, from compacts signed with partner governments",
        edition=f"as of {today:%d %B %Y}",
        accessed=today,
        licence="Public information",
        attribution="TIP Monitor, signed Child Protection Compacts.",
        caveats="US commitments are the amounts stated when each compact was signed, "
        "not spending to date.",
        source_url="",
    )


def public_compacts(today: date | None = None) -> PublicCompacts:
    """Signed compacts (active or closed), newest first."""
    chosen = (
        Compact.objects.filter(
            signed__isnull=False, status__in=(CompactState.ACTIVE, CompactState.CLOSED)
        )
        .select_related("country")
        .prefetch_related(Prefetch("objectives", queryset=Objective.objects.only("title")))
        .order_by("-signed", "title")
    )
    rows = [
        PublicCompact(
            iso3=c.country_id,
            country=c.country.short_name,
            title=c.title,
            signed=c.signed or c.start,
            start=c.start,
            end=c.end,
            status=c.get_status_display(),
            us_commitment_usd=c.us_commitment_usd,
            summary=c.summary,
            objectives=tuple(o.title for o in c.objectives.all()),
        )
        for c in chosen
    ]
    return PublicCompacts(rows, public_source(today or date.today()))
