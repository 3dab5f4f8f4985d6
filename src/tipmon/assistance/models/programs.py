"""Programs (awards), their funding by fiscal year, results indicators and progress reports.

Money is stored as ``Decimal`` US dollars with two decimal places (``DecimalField``), exact
on PostgreSQL and quantized to the cent on SQLite. The rules that span rows (cumulative
disbursements never above cumulative obligations, values only for periods inside the
award) live in ``tipmon.assistance.rules`` and are enforced by ``tipmon.assistance.programs``;
the rules a single row can state are also database constraints here.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from tipmon.assistance.storage import PrivateStorage
from tipmon.countries.models import Bureau

GLOBAL = "GLOBAL"
SCOPE_BUREAUS = [*Bureau.choices, (GLOBAL, "Global (no single region)")]


class ImplementerType(models.TextChoices):
    NGO = "ngo", "Non-governmental organisation"
    INTERNATIONAL = "international", "International organisation"
    GOVERNMENT = "government", "Government"
    ACADEMIC = "academic", "Academic or research institution"
    CONTRACTOR = "contractor", "Contractor"
    OTHER = "other", "Other or not stated"


class Channel(models.TextChoices):
    """How the money reaches the country (the targeting optimizer restricts Tier 3
    governments to non-government channels)."""

    GOVERNMENT = "government", "Government"
    NGO = "ngo", "Civil society (NGO)"
    MULTILATERAL = "multilateral", "Multilateral"
    HUMANITARIAN = "humanitarian", "Humanitarian"


class ProgramStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Scope:
    """Whether a program serves one country or a region (bureau) or the world."""

    COUNTRY = "country"
    BUREAU = "bureau"


OBJECTIVE_AREAS = ("prosecution", "protection", "prevention", "partnership")


class Program(models.Model):
    """An award to an implementer, in one country or for one bureau's region (or global)."""

    code = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    implementer = models.CharField(max_length=600)
    implementer_type = models.CharField(max_length=20, choices=ImplementerType.choices)
    partners = models.TextField(blank=True, help_text="Sub-grantees or partners, if any.")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True,
        related_name="programs",
    )  # fmt: skip
    bureau = models.CharField(max_length=6, choices=SCOPE_BUREAUS, blank=True)
    prosecution = models.BooleanField(default=False)
    protection = models.BooleanField(default=False)
    prevention = models.BooleanField(default=False)
    partnership = models.BooleanField(default=False)
    research = models.BooleanField(
        default=False, help_text="Historical grant records' fifth flag (research)."
    )
    objective = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=ProgramStatus.choices, default=ProgramStatus.PLANNED
    )
    program_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="assistance_programs",
    )  # fmt: skip
    recommendations = models.ManyToManyField(
        "assessments.Recommendation", blank=True, related_name="programs"
    )
    criteria = models.JSONField(
        default=list, blank=True, help_text="Minimum-standard and criteria codes (MS1, C4, ...)."
    )
    source_dataset = models.ForeignKey(
        "tipdata.Dataset", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_row = models.PositiveIntegerField(null=True, blank=True)
    source_note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "code"]
        indexes = [
            models.Index(fields=["country", "start_date"]),
            models.Index(fields=["bureau", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(country__isnull=False) & Q(bureau=""))
                | (Q(country__isnull=True) & ~Q(bureau="")),
                name="program_country_or_bureau",
                violation_error_message="A program serves either a country or a bureau.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="program_ends_after_start",
                violation_error_message="A program ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(prosecution=True)
                | Q(protection=True)
                | Q(prevention=True)
                | Q(partnership=True)
                | Q(source_row__isnull=False),
                name="program_has_objective_area",
                violation_error_message="Choose at least one objective area.",
            ),
            models.CheckConstraint(
                condition=Q(source_dataset__isnull=True, source_row__isnull=True)
                | Q(source_dataset__isnull=False, source_row__isnull=False),
                name="program_source_complete",
            ),
            models.UniqueConstraint(
                fields=["source_dataset", "source_row"], name="one_program_per_source_row"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def objective_areas(self) -> list[str]:
        return [area for area in OBJECTIVE_AREAS if getattr(self, area)]

    @property
    def place(self) -> str:
        if self.country_id:
            return str(self.country.short_name) if self.country else str(self.country_id)
        return dict(SCOPE_BUREAUS).get(self.bureau, self.bureau)


class Funding(models.Model):
    """Money obligated and disbursed for a program in one US fiscal year (October-September)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="funding")
    fiscal_year = models.PositiveSmallIntegerField()
    obligated_usd = models.DecimalField(max_digits=15, decimal_places=2)
    disbursed_usd = models.DecimalField(max_digits=15, decimal_places=2, default=0)
    note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["program", "fiscal_year"], name="one_funding_per_year"),
            models.CheckConstraint(
                condition=Q(obligated_usd__gte=0) & Q(disbursed_usd__gte=0),
                name="funding_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.code} FY{self.fiscal_year}"


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percent"


class Direction(models.TextChoices):
    ASCENDING = "ascending", "Higher is better"
    DESCENDING = "descending", "Lower is better"


class Disaggregation(models.TextChoices):
    NONE = "none", "Total only"
    SEX = "sex", "By sex"
    AGE = "age", "By age"
    SEX_AGE = "sex_age", "By sex and age"


class Indicator(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.ASCENDING
    )
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    disaggregation = models.CharField(
        max_length=10, choices=Disaggregation.choices, default=Disaggregation.NONE
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="one_indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ReportingPeriod(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(max_length=60)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["program", "label"], name="one_period_label"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.start} to {self.end})"


class ValueKind(models.TextChoices):
    TARGET = "target", "Target"
    ACTUAL = "actual", "Actual"


class Sex(models.TextChoices):
    TOTAL = "total", "All"
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other or not recorded"


class Age(models.TextChoices):
    TOTAL = "total", "All ages"
    CHILD = "child", "Children (under 18)"
    ADULT = "adult", "Adults"


class IndicatorValue(models.Model):
    """A target or an actual for one indicator, period and (sex, age) group."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="values")
    kind = models.CharField(max_length=6, choices=ValueKind.choices)
    sex = models.CharField(max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    age = models.CharField(max_length=6, choices=Age.choices, default=Age.TOTAL)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period__start", "kind", "sex", "age"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "kind", "sex", "age"], name="one_value_per_cell"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period.label} {self.kind} {self.sex}/{self.age}"


class ProgressReport(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    narrative = models.TextField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.program.code} report for {self.period.label}"


def attachment_path(instance: Any, filename: str) -> str:
    """A random stored name: the user's file name is kept only as data, never as a path."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"assistance/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=PrivateStorage(), max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["original_name"]

    def __str__(self) -> str:
        return self.original_name
