"""Saved targeting scenarios: what the user chose, what the optimizer gave, on which data.

``scenario`` is the targeting core's ``Scenario.to_dict()``; ``options`` holds the choices
that belong to the country inputs rather than to the scenario (Tier 3 waivers, capacity
judgements, the prior-funding window); ``result`` is the allocation and the scores as run.
``data_state`` (``tipmon.core.datastate.data_state``) and ``inputs_digest`` (a hash of the
country inputs themselves) say which data it ran on, so a comparison can warn when the data
changed since. ``version`` guards against two people replacing the same scenario at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SavedScenario(models.Model):
    name = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    scenario = models.JSONField(help_text="The targeting core's Scenario.to_dict().")
    options = models.JSONField(
        default=dict, blank=True, help_text="Waivers, capacity values and the funding window."
    )
    result = models.JSONField(help_text="The allocation and the scores, as run.")
    budget_usd = models.DecimalField(max_digits=15, decimal_places=2)
    allocated_usd = models.DecimalField(max_digits=15, decimal_places=2)
    data_state = models.CharField(max_length=200)
    inputs_digest = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.name
