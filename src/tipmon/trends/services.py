"""Statistics data functions: the global law-enforcement series and UNODC country figures."""

from __future__ import annotations

from dataclasses import dataclass

from tipmon.core.provenance import DatasetRef
from tipmon.data.services import dataset_ref
from tipmon.trends.models import LawEnforcementYear, UnodcFigure

LAW_ENFORCEMENT_KEY = "global_law_enforcement"
UNODC_KEY = "unodc_glotip_totals"

#: The UNODC indicators a country profile charts, in display order.
PROFILE_INDICATORS = ("Detected trafficking victims", "Persons prosecuted", "Persons convicted")


@dataclass(frozen=True, slots=True)
class LawEnforcementPoint:
    data_year: int
    prosecutions: int | None
    prosecutions_labor: int | None
    convictions: int | None
    convictions_labor: int | None
    victims_identified: int | None
    victims_identified_labor: int | None
    new_or_amended_legislation: int | None
    source: str
    source_row: int


@dataclass(frozen=True, slots=True)
class LawEnforcementSeries:
    points: list[LawEnforcementPoint]
    dataset: DatasetRef


LAW_ENFORCEMENT_FIELDS = (
    "data_year", "prosecutions", "prosecutions_labor", "convictions", "convictions_labor",
    "victims_identified", "victims_identified_labor", "new_or_amended_legislation", "source",
    "source_row",
)  # fmt: skip


def law_enforcement_series(
    first_year: int | None = None, last_year: int | None = None
) -> LawEnforcementSeries:
    # Imported report editions (``tipmon data import law-enforcement``) repeat data years;
    # the series keeps to the bundled table, which already picks one edition per year.
    rows = LawEnforcementYear.objects.filter(dataset__key=LAW_ENFORCEMENT_KEY)
    if first_year is not None:
        rows = rows.filter(data_year__gte=first_year)
    if last_year is not None:
        rows = rows.filter(data_year__lte=last_year)
    points = [LawEnforcementPoint(**values) for values in rows.values(*LAW_ENFORCEMENT_FIELDS)]
    return LawEnforcementSeries(points, dataset_ref(LAW_ENFORCEMENT_KEY))


@dataclass(frozen=True, slots=True)
class UnodcPoint:
    year: int
    indicator: str
    sex: str
    age: str
    value: int | None
    suppressed_below: int | None
    source_row: int

    @property
    def display(self) -> str:
        """As published: the number, or '<5' for a suppressed small count (never 0)."""
        if self.value is None:
            return f"<{self.suppressed_below}"
        return f"{self.value:,}"


@dataclass(frozen=True, slots=True)
class UnodcSeries:
    points: list[UnodcPoint]
    dataset: DatasetRef

    @property
    def years(self) -> list[int]:
        return sorted({p.year for p in self.points})

    def table(self) -> list[tuple[int, list[UnodcPoint | None]]]:
        """Rows by year, one cell per profile indicator (None where UNODC has no figure)."""
        cells = {(p.year, p.indicator): p for p in self.points}
        return [(y, [cells.get((y, name)) for name in PROFILE_INDICATORS]) for y in self.years]


def unodc_series(
    iso3: str,
    indicators: tuple[str, ...] = PROFILE_INDICATORS,
    sex: str = "Total",
    age: str = "Total",
) -> UnodcSeries:
    rows = UnodcFigure.objects.filter(
        dataset__key=UNODC_KEY, country_id=iso3, indicator__in=indicators, sex=sex, age=age
    ).order_by("year", "indicator")
    points = [
        UnodcPoint(r.year, r.indicator, r.sex, r.age, r.value, r.suppressed_below, r.source_row)
        for r in rows
    ]
    return UnodcSeries(points, dataset_ref(UNODC_KEY))
