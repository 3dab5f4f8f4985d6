"""Publish a report year in a throwaway database, as the office does on release day.

Run by benchmarks/load_pages.py in a child process with the server's environment (the
database comes from ``TIPMON_VAR_DIR``). It opens the cycle for the year after the record,
carries each country's latest tier over as the approved tier (Tier 2 where the record has
none), drafts each narrative and publishes the cycle through the same service the approver's
button calls. Prints the published year. Never run it against a real database: it approves
every assessment without review.

    python benchmarks/release.py
"""

from __future__ import annotations

import os
import secrets


def release() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
    django.setup()
    from django.contrib.auth import get_user_model

    from tipmon.assessments.models import CountryAssessment, CycleMember, Role, State
    from tipmon.assessments.publication import publish_cycle
    from tipmon.assessments.services import draft_narrative, open_cycle
    from tipmon.tiers.models import TierPlacement
    from tipmon.tiers.rules import Tier
    from tipmon.tiers.services import report_year_range

    year = report_year_range()[1] + 1
    cycle = open_cycle(year)
    latest = dict(
        TierPlacement.objects.order_by("country_id", "report_year").values_list(
            "country_id", "tier"
        )
    )  # the last year of each country wins
    known = {tier.value for tier in Tier}
    items = list(CountryAssessment.objects.filter(cycle=cycle).select_related("country", "cycle"))
    for item in items:
        tier = latest.get(item.country_id, "")
        item.proposed_tier = item.final_tier = tier if tier in known else Tier.TIER_2.value
        item.narrative = draft_narrative(item)
        item.state = State.APPROVED
    CountryAssessment.objects.bulk_update(
        items, ["proposed_tier", "narrative", "state", "final_tier"]
    )
    approver = get_user_model()._default_manager.create_user(
        "release-approver", password=secrets.token_urlsafe(24)
    )
    CycleMember.objects.create(cycle=cycle, user=approver, role=Role.APPROVER)
    publish_cycle(cycle, approver)
    return year


if __name__ == "__main__":
    print(release())
