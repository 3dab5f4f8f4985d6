"""A cheap fingerprint of the published data, for caches that must never serve stale figures.

Every change to published figures goes through a dataset: ``tipmon data load`` and the
importers write or touch a :class:`~tipmon.data.models.Dataset` row, and publishing a cycle
creates one (with its placements). The fingerprint combines the datasets' number, highest id
and latest load time with the placement rows' number and highest id, so any of those
changes gives a new value. It costs two indexed aggregate queries.
"""

from __future__ import annotations

from django.db.models import Count, Max

from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement


def data_state() -> str:
    datasets = Dataset.objects.aggregate(n=Count("id"), last=Max("id"), at=Max("loaded_at"))
    placements = TierPlacement.objects.aggregate(n=Count("id"), last=Max("id"))
    at = datasets["at"].isoformat() if datasets["at"] else ""
    return f"{datasets['n']}.{datasets['last']}.{at}.{placements['n']}.{placements['last']}"
