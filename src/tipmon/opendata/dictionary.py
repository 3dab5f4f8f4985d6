"""The data dictionary of the open-data downloads, and the Frictionless Data Package built
from it. Pure Python: no Django import (tests/opendata/test_purity.py checks).

Every download of a dataset, in any format, has the same columns: the table's own fields,
then four provenance fields (``source_row``, ``dataset``, ``dataset_edition``,
``attribution``), so that a row copied out of its file still says where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tipmon.core.provenance import DatasetRef

FieldType = Literal["integer", "string", "boolean"]
Format = Literal["csv", "json", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "json", "parquet")
MEDIA_TYPES: dict[Format, str] = {
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}

#: Written for an empty cell in CSV; null in JSON and Parquet.
EMPTY = ""
TRUE_VALUES = ("1",)
FALSE_VALUES = ("0",)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One column of a download."""

    name: str
    type: FieldType
    description: str
    #: What the number counts, when the field is a count or an amount.
    unit: str = ""
    #: What an empty value means; "" when the field is never empty.
    empty: str = ""
    #: The only values the field takes, when the vocabulary is closed.
    values: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return not self.empty

    def as_frictionless(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.values:
            constraints["enum"] = list(self.values)
        if constraints:
            out["constraints"] = constraints
        if self.type == "boolean":
            out["trueValues"] = list(TRUE_VALUES)
            out["falseValues"] = list(FALSE_VALUES)
        if self.unit:
            out["unit"] = self.unit
        if self.empty:
            out["emptyMeans"] = self.empty
        return out


@dataclass(frozen=True, slots=True)
class ResourceKind:
    """The shape shared by every dataset of one kind (the bundled tier placements and each
    published assessment cycle are both placements, for example)."""

    name: str
    title: str
    fields: tuple[FieldSpec, ...]
    notes: str = ""

    @property
    def columns(self) -> tuple[FieldSpec, ...]:
        return (*self.fields, *PROVENANCE_FIELDS)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.columns)


_YEAR = "calendar year"
_ISO3 = FieldSpec(
    "iso3", "string", "ISO 3166-1 alpha-3 code of the country or territory (Kosovo: XKX)"
)

PROVENANCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("source_row", "integer", "Line of the row in the file it was loaded from"),
    FieldSpec("dataset", "string", "Key of the dataset the row belongs to (see the package)"),
    FieldSpec("dataset_edition", "string", "Edition of that dataset"),
    FieldSpec("attribution", "string", "How to credit the dataset wherever the row is shown"),
)

TIERS = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case")

PLACEMENTS = ResourceKind(
    name="placements",
    title="Tier placements",
    fields=(
        FieldSpec("report_year", "integer", "Year of the Trafficking in Persons Report", _YEAR),
        _ISO3,
        FieldSpec("name_in_source", "string", "The country's name as the source spells it"),
        FieldSpec("tier", "string", "The tier the report gave the country", values=TIERS),
        FieldSpec(
            "basis",
            "string",
            "How the placement is known, strongest first: published assessment, tier list, "
            "report text, transcribed panel, adjacent-year report text, news, inferred "
            "(deduced from stated totals, seen in no source)",
        ),
        FieldSpec(
            "source",
            "string",
            "Address or citation of the source",
            empty="Only an inferred placement may have no source",
        ),
        FieldSpec("second_source", "string", "A corroborating source", empty="None recorded"),
        FieldSpec("note", "string", "Conflicts, inferences and choices", empty="No note"),
    ),
    notes=(
        "One row per country and report year that has a recorded placement. A country with "
        "no row for a year is not recorded for that year: the gap is never filled in."
    ),
)

_LE_EMPTY = "Not given by the report edition for that year"
LAW_ENFORCEMENT = ResourceKind(
    name="law_enforcement",
    title="Global law enforcement",
    fields=(
        FieldSpec("data_year", "integer", "Calendar year the figures describe", _YEAR),
        FieldSpec("prosecutions", "integer", "Prosecutions worldwide", "prosecutions", _LE_EMPTY),
        FieldSpec(
            "prosecutions_labor",
            "integer",
            "Of the prosecutions, labor trafficking",
            "prosecutions",
            _LE_EMPTY,
        ),
        FieldSpec("convictions", "integer", "Convictions worldwide", "convictions", _LE_EMPTY),
        FieldSpec(
            "convictions_labor",
            "integer",
            "Of the convictions, labor trafficking",
            "convictions",
            _LE_EMPTY,
        ),
        FieldSpec(
            "victims_identified",
            "integer",
            "Victims identified worldwide",
            "persons",
            _LE_EMPTY,
        ),
        FieldSpec(
            "victims_identified_labor",
            "integer",
            "Of the victims identified, labor trafficking",
            "persons",
            _LE_EMPTY,
        ),
        FieldSpec(
            "new_or_amended_legislation",
            "integer",
            "New or amended anti-trafficking laws",
            "laws",
            _LE_EMPTY,
        ),
        FieldSpec("source", "string", "Report edition or page the row comes from"),
    ),
    notes="The report calls these figures estimates; editions revise them.",
)

UNODC = ResourceKind(
    name="unodc",
    title="UNODC country figures",
    fields=(
        FieldSpec(
            "iso3",
            "string",
            "ISO 3166-1 alpha-3 code of the country or territory",
            empty="UNODC gives no code the gazetteer tracks (Sark, for example)",
        ),
        FieldSpec("country_in_source", "string", "Country or area as UNODC names it"),
        FieldSpec("year", "integer", "Year the figure describes", _YEAR),
        FieldSpec(
            "indicator",
            "string",
            "What is counted: detected victims, persons prosecuted, convicted, brought into "
            "formal contact with the police, or offences",
        ),
        FieldSpec(
            "dimension",
            "string",
            "'Total', or the breakdown the row belongs to (for example 'by form of exploitation')",
        ),
        FieldSpec(
            "category",
            "string",
            "The part of the breakdown, as UNODC spells it ('Total' for totals; for the "
            "form of exploitation: sexual exploitation, forced labour, ...)",
            empty="UNODC left the category empty",
        ),
        FieldSpec("sex", "string", "Total, Female, Male, Other or Unknown"),
        FieldSpec("age", "string", "Total, 0 to 17 years, 18 years or over, or Unknown"),
        FieldSpec(
            "value",
            "integer",
            "The count",
            "persons (offences for the offences indicator)",
            empty="Censored: UNODC published '<N' (N in suppressed_below), a count from 1 to "
            "N-1; never read it as zero",
        ),
        FieldSpec(
            "suppressed_below",
            "integer",
            "N when UNODC published the count as '<N' (5 in its exports)",
            "persons",
            empty="The count is published (value is given)",
        ),
    ),
    notes=(
        "Counts reflect detection and reporting, not prevalence. Exactly one of value and "
        "suppressed_below is given on every row."
    ),
)

_FLAG = "Empty when the source does not say"
GRANTS = ResourceKind(
    name="grants",
    title="US anti-trafficking grants",
    fields=(
        FieldSpec("fiscal_year", "integer", "US fiscal year of the grant", "US fiscal year"),
        FieldSpec(
            "iso3",
            "string",
            "ISO 3166-1 alpha-3 code of the country the grant served",
            empty="A regional or global grant, or a country with no current code (Yugoslavia)",
        ),
        FieldSpec("country_in_source", "string", "Country or region as the source names it"),
        FieldSpec("recipient", "string", "Grant recipient"),
        FieldSpec("subgrantee", "string", "Sub-grantees", empty="None recorded"),
        FieldSpec("recipient_type", "string", "IGO, NGO, NPO, Government, ...", empty="Unknown"),
        FieldSpec("amount_usd", "integer", "Amount of the grant", "US dollars", empty="Unknown"),
        FieldSpec("prosecution", "boolean", "The grant served prosecution", empty=_FLAG),
        FieldSpec("protection", "boolean", "The grant served protection", empty=_FLAG),
        FieldSpec("prevention", "boolean", "The grant served prevention", empty=_FLAG),
        FieldSpec("research", "boolean", "The grant served research", empty=_FLAG),
    ),
)

STATED_TOTALS = ResourceKind(
    name="stated_totals",
    title="Countries per tier as stated",
    fields=(
        FieldSpec("report_year", "integer", "Year of the report", _YEAR),
        FieldSpec(
            "category",
            "string",
            "The tier or list the count is of",
            values=(*TIERS, "Special Watch List", "Total countries"),
        ),
        FieldSpec("stated_count", "integer", "How many countries the source says", "countries"),
        FieldSpec("source", "string", "Address of the source"),
        FieldSpec("note", "string", "What the source says, and how strong it is", empty="No note"),
        FieldSpec(
            "explanation",
            "string",
            "Why the record's placements disagree with the count",
            empty="They agree, or no explanation is recorded",
        ),
    ),
)

KINDS: dict[str, ResourceKind] = {
    k.name: k for k in (PLACEMENTS, LAW_ENFORCEMENT, UNODC, GRANTS, STATED_TOTALS)
}


@dataclass(frozen=True, slots=True)
class Resource:
    """One downloadable dataset: what it is, where it came from, and its files."""

    source: DatasetRef
    kind: ResourceKind
    rows: int
    #: sha256 of the file the dataset was loaded from; "" for a published assessment cycle.
    sha256: str
    #: Format -> address of the download, relative to the data package.
    paths: dict[Format, str] = field(default_factory=dict)


def file_name(key: str, fmt: Format) -> str:
    return f"{key}.{fmt}"


def _licence(source: DatasetRef) -> dict[str, str]:
    # A licence needs a name or a path; these are free-text terms, so the path is the
    # publisher's page and the title says the terms.
    out = {"title": source.licence}
    if source.source_url:
        out["path"] = source.source_url
    return out


def _source(source: DatasetRef, sha256: str) -> dict[str, str]:
    out = {"title": source.producer}
    if source.source_url:
        out["path"] = source.source_url
    out["edition"] = source.edition
    out["accessed"] = source.accessed.isoformat()
    if sha256:
        out["sha256"] = sha256
    return out


def table_schema(kind: ResourceKind) -> dict[str, Any]:
    return {
        "fields": [f.as_frictionless() for f in kind.columns],
        "missingValues": [EMPTY],
    }


def resource_descriptors(resource: Resource) -> list[dict[str, Any]]:
    """The package's resources for one dataset: one per download format."""
    key = resource.source.key
    out: list[dict[str, Any]] = []
    for fmt in FORMATS:
        descriptor: dict[str, Any] = {
            "name": key if fmt == "csv" else f"{key}-{fmt}",
            "title": resource.source.title,
            "description": f"{resource.kind.title}. {resource.kind.notes}".strip(),
            "path": resource.paths.get(fmt, file_name(key, fmt)),
            "format": fmt,
            "mediatype": MEDIA_TYPES[fmt],
            "profile": "data-resource" if fmt == "json" else "tabular-data-resource",
            "kind": resource.kind.name,
            "rows": resource.rows,
            "caveats": resource.source.caveats,
            "attribution": resource.source.attribution,
            "licenses": [_licence(resource.source)],
            "sources": [_source(resource.source, resource.sha256)],
            "schema": table_schema(resource.kind),
        }
        if fmt == "csv":
            descriptor["encoding"] = "utf-8"
            descriptor["dialect"] = {"delimiter": ",", "header": True, "lineTerminator": "\n"}
        if fmt == "json":
            descriptor["encoding"] = "utf-8"
            descriptor["layout"] = (
                "An object: 'data' is the list of rows, each an object keyed by field name; "
                "'meta.source' is the dataset's provenance; 'meta.fields' is this schema."
            )
        if fmt == "parquet":
            descriptor["layout"] = (
                "One row group per file; the file's key-value metadata holds the provenance "
                "under 'tipmon.source' (JSON) and each column's description."
            )
        out.append(descriptor)
    return out


def datapackage(resources: list[Resource], *, homepage: str = "") -> dict[str, Any]:
    """A Frictionless Data Package (v1 descriptor) describing every download."""
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "tipmon-open-data",
        "title": "TIP Monitor open data",
        "description": (
            "Every published dataset of TIP Monitor, as CSV, JSON and Parquet with the same "
            "columns. Empty CSV cells (null in JSON and Parquet) mean what each field's "
            "'emptyMeans' says. A UNODC count published as '<5' has an empty value and "
            "suppressed_below 5: it is censored (1 to 4), never zero. Each row ends with its "
            "dataset, edition and attribution; each resource names its licence and sources."
        ),
        "licenses": _package_licences(resources),
        "sources": [_source(r.source, r.sha256) for r in resources],
        "resources": [d for r in resources for d in resource_descriptors(r)],
    }
    if homepage:
        package["homepage"] = homepage
    return package


def _package_licences(resources: list[Resource]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for r in resources:
        seen.setdefault(r.source.licence, _licence(r.source))
    return list(seen.values())
