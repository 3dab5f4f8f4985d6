"""Advisory councils, their members, meetings and recommendations; interagency commitments.

What may be public about a member is decided by consent rows (one per item, append-only: the
latest row for an item wins, so withdrawing consent hides the item at once). What is private
about a member (survivor status, contact details) lives in its own table, ``MemberPrivate``,
read only through ``tipmon.councils.access`` by council coordinators.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class CouncilKind(models.TextChoices):
    SURVIVORS = "survivors", "Survivor advisory council"
    PARTNERSHIP = "partnership", "Public-private partnership advisory council"


class Council(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=12, choices=CouncilKind.choices, unique=True)
    name = models.CharField(max_length=200)
    mandate = models.TextField(help_text="What the council is for, as shown publicly.")
    established = models.DateField(null=True, blank=True)
    demo = models.BooleanField(default=False, help_text="Seeded demonstration data.")

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.name


class Sector(models.TextChoices):
    SURVIVOR_LEADER = "survivor-leader", "Survivor leadership"
    NGO = "ngo", "Non-governmental organisation"
    PRIVATE = "private", "Private sector"
    LABOUR = "labour", "Labour and worker organisations"
    FINANCE = "finance", "Finance"
    TECHNOLOGY = "technology", "Technology"
    ACADEMIA = "academia", "Academia"
    FAITH = "faith", "Faith community"
    LAW = "law", "Law and justice"


class Member(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=200)
    biography = models.TextField(blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    appointed_on = models.DateField()
    term_start = models.DateField()
    term_end = models.DateField()
    photo = models.BinaryField(null=True, blank=True, editable=False)
    photo_type = models.CharField(max_length=20, blank=True, editable=False)
    demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")),
                name="council_member_term_ends_after_start",
                violation_error_message="A term ends after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberPrivate(models.Model):
    """What only council coordinators see: never joined into a query for anyone else."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="private")
    survivor = models.BooleanField(default=False)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Private details of member {self.member_id}"


class ConsentItem(models.TextChoices):
    NAME = "name", "Name"
    BIOGRAPHY = "biography", "Biography"
    PHOTO = "photo", "Photo"


class Consent(models.Model):
    """One decision about publishing one item, kept for the record; the latest wins."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents")
    item = models.CharField(max_length=12, choices=ConsentItem.choices)
    given = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["member", "item", "-recorded_at", "-pk"]
        indexes = [models.Index(fields=["member", "item", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.item} {'given' if self.given else 'withheld'} ({self.recorded_at:%Y-%m-%d})"


class Meeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    notice = models.TextField(blank=True, help_text="The public notice of the meeting.")
    notice_published = models.BooleanField(default=False)
    agenda = models.TextField(blank=True)
    agenda_published = models.BooleanField(default=False)
    minutes = models.TextField(blank=True)
    minutes_published = models.BooleanField(default=False)
    demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %b %Y})"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="council_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{'present' if self.present else 'absent'} at meeting {self.meeting_id}"


class CouncilReport(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField()
    published_on = models.DateField(
        null=True, blank=True, help_text="Empty while a draft: its recommendations stay internal."
    )
    demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open: no action yet"
    IN_PROGRESS = "in-progress", "In progress"
    PARTIAL = "partial", "Partially implemented"
    IMPLEMENTED = "implemented", "Implemented"
    DECLINED = "declined", "Not adopted"


class Recommendation(models.Model):
    report = models.ForeignKey(
        CouncilReport, on_delete=models.PROTECT, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    agency = models.CharField(max_length=120, help_text="The federal agency responsible.")
    status = models.CharField(
        max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="council_rec_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.report.year}-{self.number}"


class AgencyResponse(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responses"
    )
    agency = models.CharField(max_length=120)
    responded_on = models.DateField()
    text = models.TextField()
    evidence = models.TextField(blank=True, help_text="What shows the action was taken.")
    evidence_url = models.URLField(blank=True, max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "responded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}, {self.responded_on:%d %b %Y}"


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"
    DROPPED = "dropped", "Dropped"


class Commitment(models.Model):
    """A federal agency's anti-trafficking commitment, followed by the interagency tracker."""

    agency = models.CharField(max_length=120)
    action = models.TextField()
    due = models.DateField()
    status = models.CharField(
        max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    evidence = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True, max_length=500)
    source = models.CharField(
        max_length=300, help_text="Where the agency made the commitment (plan, meeting, letter)."
    )
    demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due", "agency", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.action[:60]}"
