"""Reporting cycles and country assessments: the office's annual work."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tipmon.tiers.rules import Tier

TIER_CHOICES = [(t.value, t.value) for t in Tier]


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", "Desk officer"
    REGIONAL_REVIEWER = "regional_reviewer", "Regional reviewer"
    REPORT_EDITOR = "report_editor", "Report editor"
    APPROVER = "approver", "Approver"


class State(models.TextChoices):
    """The clearance workflow, in order. Each state has one role that holds the pen."""

    DRAFT = "draft", "Drafting (desk officer)"
    REGIONAL_REVIEW = "regional_review", "Regional review"
    EDITING = "editing", "Report editing"
    APPROVAL = "approval", "Awaiting approval"
    APPROVED = "approved", "Approved"


class ReportingCycle(models.Model):
    report_year = models.PositiveSmallIntegerField(unique=True)
    data_call = models.DateField()
    drafts_due = models.DateField()
    clearance_due = models.DateField()
    approval_due = models.DateField()
    release_by = models.DateField()
    interim_due = models.DateField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interim_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-report_year"]

    def __str__(self) -> str:
        return f"{self.report_year} report"

    @property
    def published(self) -> bool:
        return self.published_at is not None


class CycleMember(models.Model):
    """A staff member's role on one cycle; a desk officer or reviewer may be scoped to a bureau."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=30, choices=Role.choices)
    bureau = models.CharField(max_length=3, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user", "role"], name="one_role_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.role} in {self.cycle}"


LAW_ENFORCEMENT_FIELDS = (
    "investigations_sex", "investigations_labor", "investigations_unspecified",
    "prosecutions_sex", "prosecutions_labor", "prosecutions_unspecified",
    "convictions_sex", "convictions_labor", "convictions_unspecified",
    "victims_identified", "victims_referred",
    "officials_investigated", "officials_prosecuted", "officials_convicted",
)  # fmt: skip


class CountryAssessment(models.Model):
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="assessments")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    # Law-enforcement data for the reporting period (None: not reported).
    investigations_sex = models.PositiveIntegerField(null=True, blank=True)
    investigations_labor = models.PositiveIntegerField(null=True, blank=True)
    investigations_unspecified = models.PositiveIntegerField(null=True, blank=True)
    prosecutions_sex = models.PositiveIntegerField(null=True, blank=True)
    prosecutions_labor = models.PositiveIntegerField(null=True, blank=True)
    prosecutions_unspecified = models.PositiveIntegerField(null=True, blank=True)
    convictions_sex = models.PositiveIntegerField(null=True, blank=True)
    convictions_labor = models.PositiveIntegerField(null=True, blank=True)
    convictions_unspecified = models.PositiveIntegerField(null=True, blank=True)
    victims_identified = models.PositiveIntegerField(null=True, blank=True)
    victims_referred = models.PositiveIntegerField(null=True, blank=True)
    officials_investigated = models.PositiveIntegerField(null=True, blank=True)
    officials_prosecuted = models.PositiveIntegerField(null=True, blank=True)
    officials_convicted = models.PositiveIntegerField(null=True, blank=True)
    # Findings that feed the tier engine (None: not yet decided).
    fully_meets = models.BooleanField(null=True, blank=True)
    significant_efforts = models.BooleanField(null=True, blank=True)
    watch_list_criteria = models.BooleanField(null=True, blank=True)
    policy_or_pattern = models.JSONField(default=list, blank=True)
    waiver_granted = models.BooleanField(null=True, blank=True)
    special_case = models.CharField(max_length=300, blank=True)
    resources_note = models.TextField(blank=True)
    profile_note = models.TextField(blank=True)
    proposed_tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True)
    override_justification = models.TextField(blank=True)
    narrative = models.TextField(blank=True)
    final_tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["country__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "country"], name="one_assessment_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.cycle.report_year}"


class Rating(models.TextChoices):
    MEETS = "meets", "Meets"
    PARTLY = "partly", "Partly meets"
    DOES_NOT = "does_not", "Does not meet"
    UNKNOWN = "unknown", "Not yet assessed"


class Finding(models.Model):
    """A rating and written finding per minimum standard (MS1-MS4) or criterion (C1-C12)."""

    assessment = models.ForeignKey(
        CountryAssessment, on_delete=models.CASCADE, related_name="findings"
    )
    standard = models.CharField(max_length=4)
    rating = models.CharField(max_length=10, choices=Rating.choices, default=Rating.UNKNOWN)
    text = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text="Sources, one per line.")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "standard"], name="one_finding_per_standard"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.standard}: {self.rating}"


class Implementation(models.TextChoices):
    NEW = "new", "New this year"
    PENDING = "pending", "Carried over, status not yet assessed"
    IMPLEMENTED = "implemented", "Implemented"
    PARTLY = "partly", "Partly implemented"
    NOT = "not", "Not implemented"


class Recommendation(models.Model):
    assessment = models.ForeignKey(
        CountryAssessment, on_delete=models.CASCADE, related_name="recommendations"
    )
    priority = models.PositiveSmallIntegerField()
    text = models.TextField()
    pillar = models.CharField(max_length=20, blank=True)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=Implementation.choices, default=Implementation.NEW
    )

    class Meta:
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        return f"{self.priority}. {self.text[:40]}"


class Revision(models.Model):
    """A full snapshot of an assessment at each saved version."""

    assessment = models.ForeignKey(
        CountryAssessment, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.assessment} v{self.version}"


class Comment(models.Model):
    assessment = models.ForeignKey(
        CountryAssessment, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(max_length=40)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:40]}"


class Transition(models.Model):
    assessment = models.ForeignKey(
        CountryAssessment, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.from_state} -> {self.to_state}"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(CountryAssessment, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.text


class EngagementKind(models.TextChoices):
    DEMARCHE = "demarche", "Démarche"
    BILATERAL = "bilateral", "Bilateral meeting"
    MULTILATERAL = "multilateral", "Multilateral commitment"
    ACTION_PLAN = "action_plan", "Action plan presented (22 U.S.C. 7107(b)(4))"
    OTHER = "other", "Other engagement"


class Engagement(models.Model):
    """Diplomacy with a government, linked to the recommendations it pursues."""

    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="engagements")
    kind = models.CharField(max_length=20, choices=EngagementKind.choices)
    held_on = models.DateField()
    summary = models.TextField()
    outcome = models.TextField(blank=True)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="engagements")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.country_id} {self.held_on} {self.kind}"


class InterimNote(models.Model):
    """Progress since 1 April of a Special Watch List country, for the interim assessment
    due by 1 February (22 U.S.C. 7107(b)(2)(B))."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="interim")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    progress = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "country"], name="one_interim_note"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} interim {self.cycle.report_year}"
