"""Filtered series for the API: UNODC figures and tier placements, with every filter
checked against what the data holds, so a bad value is a clear 400 and not an empty list.

Queries read ``.values()`` (no model instances), count once and slice once per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, OrderBy, QuerySet

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
    """A filtered series: the filtered rows, the columns to read, their order, and sources.

    Counting reads the bare filtered table; a page reads the columns of its own rows. The
    country's region and name come from one small lookup instead of a join on every row."""

    filtered: QuerySet[Any, Any]
    columns: tuple[str, ...]
    order: tuple[str | OrderBy, ...]
    sources: tuple[DatasetRef, ...]

    def _read(self, query: QuerySet[Any, Any]) -> list[dict[str, Any]]:
        rows = list(query.values(*self.columns))
        countries = {
            c[0]: c[1:] for c in Country.objects.values_list("iso3", "bureau", "short_name")
        }
        for row in rows:
            row["region"], row["country"] = countries.get(row["country_id"], (None, None))
        return rows

    def page(self, page: int, page_size: int) -> tuple[list[dict[str, Any]], int]:
        total = self.filtered.order_by().count()
        start = (page - 1) * page_size
        if start >= total:
            return [], total
        return self._read(self.filtered.order_by(*self.order)[start : start + page_size]), total

    def all(self) -> list[dict[str, Any]]:
        return self._read(self.filtered.order_by(*self.order))


def _in_regions(regions: Sequence[str]) -> list[str]:
    return list(Country.objects.filter(bureau__in=regions).values_list("iso3", flat=True))


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


#: By country (rows without one first, on every database), year, then file order: the
#: index on (dataset, country, year) serves both the filters and the order.
UNODC_ORDER = (F("country_id").asc(nulls_first=True), "year", "pk")


def unodc_rows(f: UnodcFilter) -> Rows:
    """UNODC figures of one dataset matching every given filter (values of one filter are
    alternatives), by country, year and source row."""
    dataset = _unodc_dataset(f.dataset)
    _check_values("form", f.forms, forms_of(dataset))
    query = UnodcFigure.objects.filter(dataset=dataset)
    if countries := _check_countries(f.countries):
        query = query.filter(country_id__in=countries)
    if f.regions:
        query = query.filter(country_id__in=_in_regions(f.regions))
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
    return Rows(query, UNODC_FIELDS, UNODC_ORDER, (DatasetRef.of(dataset),))


PLACEMENT_FIELDS = (
    "report_year",
    "country_id",
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
        query = query.filter(country_id__in=_in_regions(f.regions))
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
    return Rows(query, PLACEMENT_FIELDS, ("report_year", "country_id"), sources)
