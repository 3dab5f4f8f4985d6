from django.db import models


class Grant(models.Model):
    """A US anti-trafficking grant, as compiled from the historical grant records."""

    fiscal_year = models.PositiveSmallIntegerField()
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="grants"
    )
    country_in_source = models.CharField(max_length=120)
    recipient = models.TextField()
    subgrantee = models.TextField(blank=True)
    recipient_type = models.CharField(max_length=60, blank=True)
    amount_usd = models.PositiveBigIntegerField(null=True, blank=True)
    prosecution = models.BooleanField(null=True, help_text="Empty when the source does not say.")
    protection = models.BooleanField(null=True, help_text="Empty when the source does not say.")
    prevention = models.BooleanField(null=True, help_text="Empty when the source does not say.")
    research = models.BooleanField(null=True, help_text="Empty when the source does not say.")
    dataset = models.ForeignKey("tipdata.Dataset", on_delete=models.PROTECT)
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["fiscal_year", "country_in_source", "recipient"]
        indexes = [models.Index(fields=["country", "fiscal_year"])]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.recipient} ({self.country_in_source})"
