"""API shapes of countries, and conversions from the service results."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from tipmon.countries.gazetteer import CountryRecord
from tipmon.countries.services import CountryProfile, CountrySummary
from tipmon.tiers.schemas import PlacementOut, placement_json
from tipmon.trends.services import UnodcPoint


class CountryOut(Schema):
    iso3: str
    short_name: str
    formal_name: str
    bureau: str
    bureau_name: str
    kind: str
    latest: PlacementOut


class UnodcPointOut(Schema):
    year: int
    indicator: str
    sex: str
    age: str
    value: int | None
    suppressed_below: int | None
    display: str
    source_row: int


class GrantsOut(Schema):
    count: int
    total_known_usd: int
    unknown_amounts: int


class CountryProfileOut(Schema):
    country: CountryOut
    tier_history: list[PlacementOut]
    unodc: list[UnodcPointOut]
    grants: GrantsOut


class ResolvedOut(Schema):
    input: str
    iso3: str
    short_name: str
    formal_name: str
    bureau: str


def country_json(c: CountrySummary) -> dict[str, Any]:
    return {
        "iso3": c.iso3, "short_name": c.short_name, "formal_name": c.formal_name,
        "bureau": c.bureau, "bureau_name": c.bureau_name, "kind": c.kind,
        "latest": placement_json(c.latest),
    }  # fmt: skip


def unodc_json(p: UnodcPoint) -> dict[str, Any]:
    return {
        "year": p.year, "indicator": p.indicator, "sex": p.sex, "age": p.age, "value": p.value,
        "suppressed_below": p.suppressed_below, "display": p.display, "source_row": p.source_row,
    }  # fmt: skip


def profile_json(profile: CountryProfile) -> dict[str, Any]:
    return {
        "country": country_json(profile.country),
        "tier_history": [placement_json(p) for p in profile.history],
        "unodc": [unodc_json(p) for p in profile.unodc.points],
        "grants": {
            "count": len(profile.grants.grants),
            "total_known_usd": profile.grants.total_known_usd,
            "unknown_amounts": profile.grants.unknown_amounts,
        },
    }


def resolved_json(name: str, record: CountryRecord) -> dict[str, Any]:
    return {
        "input": name, "iso3": record.iso3, "short_name": record.short_name,
        "formal_name": record.formal_name, "bureau": record.bureau,
    }  # fmt: skip


UNODC_CSV_HEADER = ("iso3", "year", "indicator", "sex", "age", "value", "published_as",
                    "source_row")  # fmt: skip
