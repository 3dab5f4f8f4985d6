"""Import the historical US anti-trafficking grants (FY2001-2014) as closed programs.

Each grant row loaded by ``tipmon data load`` becomes one Program (code ``GR-<FY>-<row>``)
with one funding line for its fiscal year, obligated = disbursed = the grant amount (none
when the source gives no amount). Its period is that US fiscal year. Objective areas come
from the pillar flags (prosecution, protection, prevention; research is kept in its own
flag). A grant with no country is attached to the bureau whose region the source names
("Africa", "Western Hemisphere", ...; the former Yugoslavia goes to Europe and Eurasia),
else to "Global". The dataset and source row stay on the program.

The import is all or nothing (one transaction) and idempotent: a second run over the same
rows changes nothing; a row whose facts changed is updated in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from tipmon.assistance import award_rules
from tipmon.assistance.models import Channel, Funding, Grant, ImplementerType, Program
from tipmon.assistance.models.programs import GLOBAL, ProgramStatus
from tipmon.assistance.services import GRANTS_KEY
from tipmon.core import audit
from tipmon.data.models import Dataset

#: The source's region names, and the bureau each one is.
REGION_BUREAUS = {
    "africa": "AF",
    "east asia and pacific islands": "EAP",
    "east asia and pacific": "EAP",
    "europe": "EUR",
    "yugoslavia": "EUR",
    "near east asia": "NEA",
    "near east": "NEA",
    "south and central asia": "SCA",
    "western hemisphere": "WHA",
}
IMPLEMENTER_TYPES = {
    "igo": ImplementerType.INTERNATIONAL,
    "ngo": ImplementerType.NGO,
    "npo": ImplementerType.NGO,
    "government": ImplementerType.GOVERNMENT,
    "university": ImplementerType.ACADEMIC,
    "academic fellowship": ImplementerType.ACADEMIC,
    "think tank": ImplementerType.ACADEMIC,
    "private firm": ImplementerType.CONTRACTOR,
}
CHANNELS = {
    ImplementerType.INTERNATIONAL: Channel.MULTILATERAL,
    ImplementerType.GOVERNMENT: Channel.GOVERNMENT,
}


class GrantsNotLoaded(RuntimeError):
    """The grant table is not in the database yet."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    grants: int
    created: int
    updated: int
    unchanged: int
    funding_lines: int
    total_usd: Decimal
    without_amount: int


def bureau_for(name: str) -> str:
    return REGION_BUREAUS.get(name.strip().lower(), GLOBAL)


def program_fields(grant: Grant) -> dict[str, Any]:
    """What a grant row says about its program (everything except the code)."""
    kind = IMPLEMENTER_TYPES.get(grant.recipient_type.strip().lower(), ImplementerType.OTHER)
    span = award_rules.fiscal_year_span(grant.fiscal_year)
    flags_known = grant.prosecution is not None
    note = f"FY{grant.fiscal_year} grant for {grant.country_in_source}"
    if not flags_known:
        note += "; the source does not say which pillars it served"
    if grant.amount_usd is None:
        note += "; amount not given in the source"
    return {
        "title": f"{grant.recipient} ({grant.country_in_source}, FY{grant.fiscal_year})"[:300],
        "implementer": grant.recipient[:600],
        "implementer_type": kind,
        "partners": grant.subgrantee,
        "channel": CHANNELS.get(kind, Channel.NGO),
        "country_id": grant.country_id,
        "bureau": "" if grant.country_id else bureau_for(grant.country_in_source),
        "prosecution": bool(grant.prosecution),
        "protection": bool(grant.protection),
        "prevention": bool(grant.prevention),
        "partnership": False,
        "research": bool(grant.research),
        "start_date": span.start,
        "end_date": span.end,
        "status": ProgramStatus.CLOSED,
        "source_dataset_id": grant.dataset_id,
        "source_row": grant.source_row,
        "source_note": note[:300],
    }


def _differs(program: Program, fields: dict[str, Any]) -> bool:
    return any(getattr(program, name) != value for name, value in fields.items())


@transaction.atomic
def import_grants() -> ImportReport:
    dataset = Dataset.objects.filter(key=GRANTS_KEY).first()
    grants = list(Grant.objects.filter(dataset=dataset)) if dataset else []
    if not grants:
        raise GrantsNotLoaded("No grant rows are loaded: run `tipmon data load` first.")
    existing = {
        p.source_row: p for p in Program.objects.filter(source_dataset=dataset).select_for_update()
    }
    funding = {f.program_id: f for f in Funding.objects.filter(program__source_dataset=dataset)}
    new = [g for g in grants if g.source_row not in existing]
    made = Program.objects.bulk_create(
        Program(code=f"GR-{g.fiscal_year}-{g.source_row:04d}", **program_fields(g)) for g in new
    )
    Funding.objects.bulk_create(_funding_line(p, g) for p, g in zip(made, new, strict=True)
                                if g.amount_usd is not None)  # fmt: skip
    updated = 0
    for grant in grants:
        program = existing.get(grant.source_row)
        if program is None:
            continue
        fields = program_fields(grant)
        changed = _differs(program, fields)
        if changed:
            Program.objects.filter(pk=program.pk).update(**fields)
        changed |= _sync_funding(program, grant, funding.get(program.pk))
        updated += changed
    created = len(made)
    total = sum((Decimal(g.amount_usd) for g in grants if g.amount_usd is not None), Decimal(0))
    lines = Funding.objects.filter(program__source_dataset=dataset).count()
    report = ImportReport(
        len(grants), created, updated, len(grants) - created - updated, lines, total,
        sum(1 for g in grants if g.amount_usd is None),
    )  # fmt: skip
    if created or updated:
        audit.record("grants.import", dataset, None, created=created, updated=updated)
    return report


def _funding_line(program: Program, grant: Grant) -> Funding:
    amount = Decimal(grant.amount_usd or 0)
    return Funding(
        program=program, fiscal_year=grant.fiscal_year, obligated_usd=amount,
        disbursed_usd=amount, note="From the historical grant records",
    )  # fmt: skip


def _sync_funding(program: Program, grant: Grant, line: Funding | None) -> bool:
    """Make the funding line match the grant; True if anything changed."""
    if grant.amount_usd is None:
        if line is not None:
            line.delete()
        return line is not None
    wanted = _funding_line(program, grant)
    if line is None:
        wanted.save()
        return True
    same = (line.fiscal_year, line.obligated_usd, line.disbursed_usd) == (
        wanted.fiscal_year, wanted.obligated_usd, wanted.disbursed_usd,
    )  # fmt: skip
    if same:
        return False
    line.fiscal_year, line.obligated_usd = wanted.fiscal_year, wanted.obligated_usd
    line.disbursed_usd = wanted.disbursed_usd
    line.version += 1
    line.save()
    return True
