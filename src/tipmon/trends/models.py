from django.db import models


class LawEnforcementYear(models.Model):
    """One data year of the report's global law-enforcement table, in one report edition."""

    data_year = models.PositiveSmallIntegerField()
    prosecutions = models.PositiveIntegerField(null=True, blank=True)
    prosecutions_labor = models.PositiveIntegerField(null=True, blank=True)
    convictions = models.PositiveIntegerField(null=True, blank=True)
    convictions_labor = models.PositiveIntegerField(null=True, blank=True)
    victims_identified = models.PositiveIntegerField(null=True, blank=True)
    victims_identified_labor = models.PositiveIntegerField(null=True, blank=True)
    new_or_amended_legislation = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=500)
    dataset = models.ForeignKey("tipdata.Dataset", on_delete=models.PROTECT)
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["data_year"]
        constraints = [
            models.UniqueConstraint(fields=["data_year", "source"], name="one_row_per_year_edition")
        ]

    def __str__(self) -> str:
        return f"Law enforcement {self.data_year}"


class UnodcFigure(models.Model):
    """A UNODC GLOTIP country figure. ``value`` is None when UNODC published '<5'.

    The bundled totals hold only ``dimension == "Total"`` rows; an imported export
    (``tipmon trends import unodc FILE``) also holds the breakdowns. Keep to one dataset
    when querying: the two overlap."""

    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unodc_figures",
    )
    country_in_source = models.CharField(max_length=120)
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=120)
    #: "Total", or how the figure is broken down ("by form of exploitation", ...).
    dimension = models.CharField(max_length=60, default="Total")
    #: The part of that breakdown, as UNODC spells it; "" where the export leaves it empty.
    category = models.CharField(max_length=200, default="Total", blank=True)
    sex = models.CharField(max_length=20)
    age = models.CharField(max_length=20)
    value = models.PositiveIntegerField(null=True, blank=True)
    suppressed_below = models.PositiveSmallIntegerField(null=True, blank=True)
    dataset = models.ForeignKey("tipdata.Dataset", on_delete=models.PROTECT)
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["country_id", "indicator", "year"]
        indexes = [
            models.Index(fields=["country", "indicator", "year"]),
            # The API's filters keep to one dataset and often name countries or a region.
            models.Index(fields=["dataset", "country", "year"], name="unodc_dataset_country_year"),
        ]

    def __str__(self) -> str:
        return f"{self.country_in_source} {self.year} {self.indicator}"

    @property
    def display(self) -> str:
        """The figure as published: a number, or '<5' for a suppressed small count."""
        if self.value is None and self.suppressed_below is not None:
            return f"<{self.suppressed_below}"
        return "" if self.value is None else f"{self.value:,}"


class CountryLawEnforcement(models.Model):
    """A country's law-enforcement figures for one reporting period, as published.

    Snapshot of a published cycle's assessments (``tipmon data import assessments``, also
    taken when a cycle is published); never a draft's figures. ``data_year`` is the year the
    reporting period starts (1 April ``data_year`` to 31 March ``report_year``), which is
    how the report's global table labels the same period. None: not reported."""

    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="law_enforcement"
    )
    report_year = models.PositiveSmallIntegerField()
    data_year = models.PositiveSmallIntegerField()
    period_start = models.DateField()
    period_end = models.DateField()
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
    #: The published report's address for the country ("/reports/2026/NPL").
    source = models.CharField(max_length=500)
    dataset = models.ForeignKey("tipdata.Dataset", on_delete=models.PROTECT)

    class Meta:
        ordering = ["country_id", "data_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "report_year"], name="one_law_enforcement_row_per_report"
            )
        ]
        indexes = [models.Index(fields=["data_year"])]

    def __str__(self) -> str:
        return f"Law enforcement {self.country_id} {self.data_year}"
