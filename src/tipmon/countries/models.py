from django.db import models


class Bureau(models.TextChoices):
    """The State Department's regional bureaus."""

    AF = "AF", "Africa"
    EAP = "EAP", "East Asia and Pacific"
    EUR = "EUR", "Europe and Eurasia"
    NEA = "NEA", "Near East"
    SCA = "SCA", "South and Central Asia"
    WHA = "WHA", "Western Hemisphere"


class Country(models.Model):
    """A country or territory, kept in step with the gazetteer by the data loader."""

    iso3 = models.CharField(max_length=3, primary_key=True)
    iso2 = models.CharField(max_length=2, blank=True)
    numeric = models.CharField(max_length=3, blank=True)
    short_name = models.CharField(max_length=100)
    formal_name = models.CharField(max_length=200)
    bureau = models.CharField(max_length=3, choices=Bureau.choices)
    kind = models.CharField(max_length=20, default="country")
    tip_covered = models.BooleanField(default=True)

    class Meta:
        ordering = ["short_name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return f"{self.short_name} ({self.iso3})"
