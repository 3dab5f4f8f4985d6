"""Filtered series for the API: UNODC figures and tier placements, with every filter
checked against what the data holds, so a bad value is a clear 400 and not an empty list.

Queries read ``.values()`` (no model instances), count once and slice once per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tipmon.core.errors import NotFound
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Country
from tipmon.data.models import Dataset
from tipmon.data.services import DatasetNotLoaded, dataset_ref
from tipmon.opendata.services import unpublished_cycle_keys
from tipmon.tiers.models import TierPlacement
from tipmon.trends.models import UnodcFigure

UNODC_TOTALS_KEY = "unodc_glotip_totals"
UNODC_EXPORT_KEY = "unodc_glotip_export"
UNODC_KEYS = (UNODC_TOTALS_KEY, UNODC_EXPORT_KEY)
#: The UNODC dimension whose categories are forms of exploitation.
FORM_DIMENSION = "by form of exploitation"


class UnknownValue(NotFound):
    """A well-formed filter value that names nothing in the data (an ISO3 code we do not
    track, a form of exploitation the dataset does not have): 404, naming the parameter."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"Parameter {name!r}: {message}")
        self.name = name


@dataclass(frozen=True, slots=True)
class YearRange:
    """Both ends included; a range whose first year is after its last holds no year."""

    first: int | None = None
    last: int | None = None


@dataclass(frozen=True, slots=True)
class UnodcFilter:
    dataset: str | None = None  # None: the full export if imported, else the bundled totals
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    years: YearRange = field(default_factory=YearRange)
    indicators: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlacementFilter:
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    years: YearRange = field(default_factory=YearRange)
    tiers: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rows:
    """A filtered series: the query (sliced per page by the caller) and its sources."""

    query: QuerySet[Any, dict[str, Any]]
    sources: tuple[DatasetRef, ...]

    def page(self, page: int, page_size: int) -> tuple[list[dict[str, Any]], int]:
        total = self.query.count()
        start = (page - 1) * page_size
        return list(self.query[start : start + page_size]), total

    def all(self) -> list[dict[str, Any]]:
        return list(self.query)


def _check_countries(codes: Sequence[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(c.upper() for c in codes))
    if not wanted:
        return ()
    known = set(Country.objects.filter(iso3__in=wanted).values_list("iso3", flat=True))
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise UnknownValue("country", f"{', '.join(unknown)}: not a country code we track")
    return wanted


def _check_values(name: str, values: Sequence[str], allowed: Sequence[str]) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown and not allowed:
        raise UnknownValue(
            name,
            f"this dataset has no {name} breakdown; the full UNODC export has "
            "(`tipmon trends import unodc FILE`, then dataset=unodc_glotip_export)",
        )
    if unknown:
        shown = ", ".join(repr(a) for a in sorted(allowed)[:40])
        more = f" (and {len(allowed) - 40} more)" if len(allowed) > 40 else ""
        raise UnknownValue(
            name, f"{unknown[0]!r} is not in the data; expected one of {shown}{more}"
        )


# The forms of exploitation of each UNODC dataset, with the fingerprint they were read at:
# they change only when the dataset is reloaded, and reading them costs a scan.
_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {}


def forms_of(dataset: Dataset) -> tuple[str, ...]:
    """The categories of the 'by form of exploitation' dimension in ``dataset``."""
    fingerprint = f"{dataset.sha256}|{dataset.row_count}|{dataset.loaded_at.isoformat()}"
    cached = _FORMS.get(dataset.key)
    if cached is None or cached[0] != fingerprint:
        rows = UnodcFigure.objects.filter(dataset=dataset, dimension=FORM_DIMENSION)
        forms = tuple(sorted(set(rows.values_list("category", flat=True).distinct())))
        _FORMS[dataset.key] = cached = (fingerprint, forms)
    return cached[1]


def _unodc_dataset(key: str | None) -> Dataset:
    if key is not None:
        chosen = Dataset.objects.filter(key=key).first()
        if chosen is None:
            raise UnknownValue("dataset", f"{key!r} is not loaded")
        return chosen
    loaded = {d.key: d for d in Dataset.objects.filter(key__in=UNODC_KEYS)}
    chosen = loaded.get(UNODC_EXPORT_KEY) or loaded.get(UNODC_TOTALS_KEY)
    if chosen is None:
        raise DatasetNotLoaded("No UNODC dataset is loaded; run `tipmon data load`.")
    return chosen


UNODC_FIELDS = (
    "country_id",
    "country__bureau",
    "country_in_source",
    "year",
    "indicator",
    "dimension",
    "category",
    "sex",
    "age",
    "value",
    "suppressed_below",
    "source_row",
)


def unodc_rows(f: UnodcFilter) -> Rows:
    """UNODC figures of one dataset matching every given filter (values of one filter are
    alternatives), in the order of the source file."""
    dataset = _unodc_dataset(f.dataset)
    _check_values("form", f.forms, forms_of(dataset))
    query = UnodcFigure.objects.filter(dataset=dataset)
    if countries := _check_countries(f.countries):
        query = query.filter(country_id__in=countries)
    if f.regions:
        query = query.filter(country__bureau__in=f.regions)
    if f.years.first is not None:
        query = query.filter(year__gte=f.years.first)
    if f.years.last is not None:
        query = query.filter(year__lte=f.years.last)
    for lookup, values in (
        ("indicator__in", f.indicators),
        ("sex__in", f.sexes),
        ("age__in", f.ages),
        ("dimension__in", f.dimensions),
    ):
        if values:
            query = query.filter(**{lookup: values})
    if f.forms:
        query = query.filter(dimension=FORM_DIMENSION, category__in=f.forms)
    return Rows(query.order_by("pk").values(*UNODC_FIELDS), (DatasetRef.of(dataset),))


PLACEMENT_FIELDS = (
    "report_year",
    "country_id",
    "country__short_name",
    "country__bureau",
    "tier",
    "basis",
    "name_in_source",
    "source",
    "second_source",
    "note",
    "dataset__key",
    "source_row",
)


def placement_rows(f: PlacementFilter) -> Rows:
    """Recorded tier placements matching every given filter, by year then country code.
    Placements of an unpublished assessment cycle are never included."""
    query = TierPlacement.objects.exclude(dataset__key__in=unpublished_cycle_keys())
    if countries := _check_countries(f.countries):
        query = query.filter(country_id__in=countries)
    if f.regions:
        query = query.filter(country__bureau__in=f.regions)
    if f.years.first is not None:
        query = query.filter(report_year__gte=f.years.first)
    if f.years.last is not None:
        query = query.filter(report_year__lte=f.years.last)
    if f.tiers:
        query = query.filter(tier__in=f.tiers)
    if f.bases:
        query = query.filter(basis__in=f.bases)
    used = query.order_by().values_list("dataset_id", flat=True).distinct()
    sources = tuple(DatasetRef.of(d) for d in Dataset.objects.filter(pk__in=used).order_by("key"))
    if not sources:
        sources = (dataset_ref("tier_placements"),)
    ordered = query.order_by("report_year", "country_id").values(*PLACEMENT_FIELDS)
    return Rows(ordered, sources)
