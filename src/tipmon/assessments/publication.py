"""Publishing a cycle: one transaction freezes it and records its tiers in the history."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tipmon.assessments.access import NoAccess, User, roles_on
from tipmon.assessments.models import CountryAssessment, ReportingCycle, State
from tipmon.assessments.services import WorkflowError
from tipmon.core import audit
from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Basis
from tipmon.trends.importers.assessments import snapshot_cycle


class PublishError(WorkflowError):
    """The cycle cannot be published yet; nothing was changed."""


def dataset_key(year: int) -> str:
    return f"tipmon_report_{year}"


def _check_ready(cycle: ReportingCycle) -> list[CountryAssessment]:
    if cycle.published:
        raise PublishError(f"The {cycle.report_year} cycle is already published.")
    assessments = list(cycle.assessments.select_related("country"))
    waiting = [a for a in assessments if a.state != State.APPROVED or not a.final_tier]
    if waiting:
        names = ", ".join(a.country.short_name for a in waiting[:5])
        more = f" and {len(waiting) - 5} more" if len(waiting) > 5 else ""
        raise PublishError(f"{len(waiting)} assessments are not approved yet: {names}{more}.")
    clash = TierPlacement.objects.filter(
        report_year=cycle.report_year, country__in=[a.country for a in assessments]
    ).first()
    if clash is not None:
        raise PublishError(
            f"The record already holds a {cycle.report_year} placement for "
            f"{clash.country_id}; publishing would overwrite it."
        )
    return assessments


@transaction.atomic
def publish_cycle(cycle: ReportingCycle, user: User, request: HttpRequest | None = None) -> int:
    """Freeze the cycle, add its tiers to the tier history and its law-enforcement figures
    to the statistics; all or nothing."""
    if "approver" not in roles_on(user, cycle):
        raise NoAccess("Only an approver on this cycle may publish it.")
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    assessments = _check_ready(locked)
    now = timezone.now()
    dataset = Dataset.objects.create(
        key=dataset_key(locked.report_year),
        title=f"TIP Monitor assessments, {locked.report_year} report",
        producer="TIP Monitor assessment cycle",
        edition=f"{locked.report_year} report, published {now:%Y-%m-%d}",
        accessed=now.date(),
        licence="Published by the office",
        attribution=f"Trafficking in Persons Report {locked.report_year} (TIP Monitor).",
        caveats="Tiers as approved in the clearance workflow.",
        file_name="",
        sha256="",
        row_count=len(assessments),
        loaded_at=now,
    )
    TierPlacement.objects.bulk_create(
        TierPlacement(
            country=a.country,
            report_year=locked.report_year,
            tier=a.final_tier,
            basis=Basis.PUBLISHED.value,
            name_in_source=a.country.short_name,
            source=f"/reports/{locked.report_year}/{a.country_id}",
            dataset=dataset,
            source_row=index,
        )
        for index, a in enumerate(assessments, start=1)
    )
    locked.published_at = now
    locked.published_by_id = user.pk
    locked.save()
    # The cycle's law-enforcement figures join the statistics in the same transaction.
    snapshot_cycle(locked)
    audit.record("cycle.publish", locked, user, request, countries=len(assessments))
    return len(assessments)
