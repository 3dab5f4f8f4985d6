from django.db import models

from tipmon.tiers.rules import Basis, Tier


class TierPlacement(models.Model):
    """A country's tier in one report year, with how we know it."""

    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="tier_placements"
    )
    report_year = models.PositiveSmallIntegerField()
    tier = models.CharField(max_length=20, choices=[(t.value, t.value) for t in Tier])
    basis = models.CharField(max_length=30, choices=[(b.value, b.value) for b in Basis])
    name_in_source = models.CharField(max_length=120)
    source = models.CharField(max_length=500, blank=True)
    second_source = models.CharField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    dataset = models.ForeignKey("tipdata.Dataset", on_delete=models.PROTECT)
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["report_year", "country_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "report_year"], name="one_placement_per_country_year"
            )
        ]
        indexes = [models.Index(fields=["report_year", "tier"])]

    def __str__(self) -> str:
        return f"{self.country_id} {self.report_year}: {self.tier}"


class StatedTotal(models.Model):
    """How many countries a report says it placed in a category (a tier, the Special Watch
    List, or all countries), as a source states it. Used to check the record's completeness."""

    report_year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=30)
    stated_count = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=500)
    note = models.TextField(blank=True)
    explanation = models.TextField(blank=True, help_text="Why the record's rows may disagree.")
    dataset = models.ForeignKey("tipdata.Dataset", on_delete=models.PROTECT)
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["report_year", "category"]

    def __str__(self) -> str:
        return f"{self.report_year} {self.category}: {self.stated_count}"
