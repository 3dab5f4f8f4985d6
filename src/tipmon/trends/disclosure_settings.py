"""The Django side of disclosure control: the threshold as configured."""

from __future__ import annotations

from django.conf import settings


def threshold() -> int:
    """``TIPMON_DISCLOSURE_THRESHOLD``: counts from 1 to this minus one are withheld."""
    value: int = settings.TIPMON_DISCLOSURE_THRESHOLD
    return value
