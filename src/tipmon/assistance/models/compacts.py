"""Child Protection Compact partnerships: the compact, its multi-year plan, indicators with
annual targets, and the partner government's contributions against its commitments.

Rules that span rows (dates inside the compact, targets only for the years it runs) live in
``tipmon.assistance.compacts``; what one row can state is also a database constraint here.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class CompactState(models.TextChoices):
    NEGOTIATING = "negotiating", "Negotiating"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Compact(models.Model):
    """A partnership with a government to reduce child trafficking, over several years."""

    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="compacts"
    )
    title = models.CharField(max_length=300)
    signed = models.DateField(null=True, blank=True, help_text="Empty while negotiating.")
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(
        max_length=12, choices=CompactState.choices, default=CompactState.NEGOTIATING
    )
    us_commitment_usd = models.DecimalField(max_digits=15, decimal_places=2, default=0)
    summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="compact_ends_after_start",
                violation_error_message="A compact ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(us_commitment_usd__gte=0), name="compact_commitment_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.country_id})"


class Objective(models.Model):
    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Activity(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due = models.DateField()
    completed = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True, help_text="What shows it was done.")

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due})"


class IndicatorUnit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percent"


class CompactIndicator(models.Model):
    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    title = models.CharField(max_length=300)
    unit = models.CharField(max_length=8, choices=IndicatorUnit.choices, default="count")
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class IndicatorTarget(models.Model):
    """An indicator's target for one calendar year of the compact, and the actual once known."""

    indicator = models.ForeignKey(
        CompactIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField()
    target = models.DecimalField(max_digits=14, decimal_places=2)
    actual = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class ContributionKind(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    IN_KIND = "in_kind", "In kind (valued estimate)"


class Contribution(models.Model):
    """What the partner government committed for a year, and what it delivered.

    An in-kind contribution (staff, premises, services) is valued in dollars as an estimate."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="contributions")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=ContributionKind.choices)
    description = models.CharField(max_length=300)
    committed_usd = models.DecimalField(max_digits=15, decimal_places=2, default=0)
    delivered_usd = models.DecimalField(
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty until the delivery is reported.",
    )
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["year", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committed_usd__gte=0)
                & (Q(delivered_usd__isnull=True) | Q(delivered_usd__gte=0)),
                name="contribution_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.compact_id} {self.year} {self.kind}: {self.description}"

    @property
    def is_estimate(self) -> bool:
        return self.kind == ContributionKind.IN_KIND
