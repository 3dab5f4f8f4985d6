"""Documents, public submissions and the evidence items proposed from them.

A document is stored once per content (its SHA-256 is the key), so a rerun of an ingest or
a second upload of the same file finds it done. Text is kept twice: masked (what analysts
read) and original (readable only by the confidential-evidence role).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SourceKind(models.TextChoices):
    GOVERNMENT = "government", "Government submission or report"
    NGO = "ngo", "NGO or civil-society report"
    NEWS = "news", "News"
    COURT = "court", "Court record"
    EMBASSY = "embassy", "Embassy reporting"
    SUBMISSION = "submission", "Public submission"
    OTHER = "other", "Other"


class DocumentStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be processed"
    DONE = "done", "Processed"
    REJECTED = "rejected", "Rejected"


class Submission(models.Model):
    """An answer to the annual public call for submissions. The contact fields are
    confidential: only the confidential-evidence role reads them, and no public page or
    export shows them."""

    receipt = models.CharField(max_length=20, unique=True)
    organization = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    countries = models.ManyToManyField("countries.Country", related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    text = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    address_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.receipt} ({self.organization})"


class Document(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=255)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField()
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    source_note = models.CharField(max_length=300, blank=True)
    context_country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    rejection_code = models.CharField(max_length=30, blank=True)
    rejection_message = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=3, blank=True)
    page_starts = models.JSONField(default=list, blank=True)
    masked_text = models.TextField(blank=True)
    original_text = models.TextField(blank=True)
    pii = models.JSONField(default=list, blank=True)
    signature = models.JSONField(default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class DocumentBand(models.Model):
    """One locality-sensitive band of a document's MinHash signature. Documents sharing a
    band are candidate near-duplicates; their signatures then decide."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="bands")
    band = models.CharField(max_length=40, db_index=True)

    def __str__(self) -> str:
        return f"{self.document_id}: {self.band}"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    CORRECTED = "corrected", "Accepted with corrections"
    REJECTED = "rejected", "Rejected"


class EvidenceItem(models.Model):
    """One passage the pipeline proposes as evidence on one country. Accepting it (as is
    or corrected) files it into that country's assessment for the cycle; the proposal is
    kept beside the reviewed values, so corrections are labelled data."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="items")
    passage_index = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    page = models.PositiveIntegerField(null=True, blank=True)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    report_year = models.PositiveSmallIntegerField(null=True, blank=True)
    pillar = models.CharField(max_length=20, blank=True)
    criteria = models.JSONField(default=list, blank=True)
    figures = models.JSONField(default=list, blank=True)
    confidence = models.FloatField()
    proposal = models.JSONField()
    status = models.CharField(
        max_length=10, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    assessment = models.ForeignKey(
        "assessments.CountryAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_items",
    )

    class Meta:
        ordering = ["-confidence", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "passage_index", "country"], name="one_item_per_passage_country"
            )
        ]
        indexes = [models.Index(fields=["status", "country"])]

    def __str__(self) -> str:
        return f"{self.document} §{self.passage_index} {self.country_id}"
