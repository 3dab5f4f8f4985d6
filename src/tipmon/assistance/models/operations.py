"""The office's own resources: budget lines against strategic priorities, and staff time.

The rule that spans rows (a person's FTE shares in one fiscal year add up to at most 1.0)
lives in ``tipmon.assistance.operations``; what one row can state is a constraint here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class StrategicPriority(models.Model):
    title = models.CharField(max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=1)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "strategic priorities"

    def __str__(self) -> str:
        return self.title


class BudgetCategory(models.TextChoices):
    STAFF = "staff", "Staff"
    TRAVEL = "travel", "Travel"
    GRANTS_MANAGEMENT = "grants", "Grants management"
    RESEARCH = "research", "Research"
    OTHER = "other", "Other"


class BudgetLine(models.Model):
    """An amount of the office's own budget for one US fiscal year (October-September)."""

    fiscal_year = models.PositiveSmallIntegerField()
    priority = models.ForeignKey(
        StrategicPriority, on_delete=models.PROTECT, related_name="budget_lines"
    )
    category = models.CharField(max_length=10, choices=BudgetCategory.choices)
    amount_usd = models.DecimalField(max_digits=15, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["fiscal_year", "priority__order", "category"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_usd__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.priority} {self.category}"


class StaffRole(models.TextChoices):
    DESK_OFFICER = "desk_officer", "Desk officer"
    PROGRAM_OFFICER = "program_officer", "Program officer"
    OTHER = "other", "Other"


class StaffAssignment(models.Model):
    """A share of one person's working time in a fiscal year, on a country, a program, a
    bureau's region, or (none of these) the office as a whole."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assistance_assignments"
    )
    role = models.CharField(max_length=16, choices=StaffRole.choices)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_assignments",
    )
    program = models.ForeignKey(
        "assistance.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_assignments",
    )
    bureau = models.CharField(
        max_length=3, blank=True, help_text="A regional scope, when neither country nor program."
    )
    fiscal_year = models.PositiveSmallIntegerField()
    fte_share = models.DecimalField(max_digits=3, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["fiscal_year", "user__username", "id"]
        indexes = [models.Index(fields=["fiscal_year", "user"], name="assignment_year_user")]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte_share__gt=0) & Q(fte_share__lte=1),
                name="fte_share_between_0_and_1",
                violation_error_message="An FTE share is more than 0 and at most 1.",
            ),
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(program__isnull=True),
                name="assignment_country_or_program",
                violation_error_message="Assign to a country or a program, not both.",
            ),
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.user} {self.role} {self.fte_share}"
