"""The targeting core's country inputs, built from the database with their sources.

One ``CountryIndicators`` per TIP-covered country that has a regional bureau (189 with the
bundled data). Each value is read from one place, and each carries a citation:

- tier and tier history: the tier placements (``tier_placements``); the latest recorded
  placement is the current tier, and the whole history feeds the trajectory;
- victims detected: UNODC GLOTIP totals (``unodc_glotip_totals``), indicator "Detected
  trafficking victims", sex and age "Total", the latest year published for the country. A
  count UNODC published as "<5" (value missing, ``suppressed_below`` 5) is known to lie
  between 0 and 4, so it is not missing: it enters as the middle of that range (2);
- recommendations implemented: the latest reporting cycle in which the country's
  recommendations have an assessed status (implemented, partly, not implemented); the
  share is (implemented + half of partly) / assessed. New and pending ones do not count.
  The bundled data holds none, so this part is missing (shown as such, never zero);
- prior funding: obligations recorded for the country's own programs in the last
  ``funding_years`` US fiscal years (regional and global programs, and programs imported
  from the historical grants, are left out), plus the historical grants
  (``us_antitip_grants_fy2001_2014``) of the last ``funding_years`` fiscal years of that
  record; a country with neither has no data;
- capacity: no data source holds it. It stays missing unless the user types an analyst's
  0-1 judgement per country into the scenario;
- Tier 3 waivers: chosen per scenario (whole waivers, or single program types).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from tipmon.assessments.models import Implementation, Recommendation
from tipmon.assistance.models import Funding, Grant
from tipmon.assistance.results import records_ref
from tipmon.assistance.services import GRANTS_KEY
from tipmon.assistance.targeting import Bureau, CountryIndicators
from tipmon.core.datastate import data_state
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Country
from tipmon.data.services import dataset_ref
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Tier
from tipmon.trends.models import UnodcFigure

TIERS_KEY = "tier_placements"
UNODC_KEY = "unodc_glotip_totals"
VICTIMS = "Detected trafficking victims"
ASSESSED = (Implementation.IMPLEMENTED, Implementation.PARTLY, Implementation.NOT)


def fiscal_year(day: date) -> int:
    """The US fiscal year a day falls in (FY2027 runs from 1 October 2026)."""
    return day.year + 1 if day.month >= 10 else day.year


@dataclass(frozen=True, slots=True)
class InputOptions:
    """The user's choices that shape the inputs (saved with a scenario as its options)."""

    funding_years: int = 5
    capacity: Mapping[str, float] = field(default_factory=dict)
    t3_waivers: frozenset[str] = frozenset()
    t3_waived_programs: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "funding_years": self.funding_years,
            "capacity": dict(sorted(self.capacity.items())),
            "t3_waivers": sorted(self.t3_waivers),
            "t3_waived_programs": {
                k: sorted(v) for k, v in sorted(self.t3_waived_programs.items())
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InputOptions:
        return cls(
            funding_years=int(data.get("funding_years", 5)),
            capacity={str(k): float(v) for k, v in data.get("capacity", {}).items()},
            t3_waivers=frozenset(data.get("t3_waivers", ())),
            t3_waived_programs={
                str(k): frozenset(v) for k, v in data.get("t3_waived_programs", {}).items()
            },
        )


@dataclass(frozen=True, slots=True)
class InputRow:
    """One country's inputs as shown to a reader: each value as published, with its year."""

    iso3: str
    name: str
    bureau: str
    tier: str
    tier_year: int | None
    victims_shown: str
    victims_year: int | None
    recommendations_shown: str
    program_funding: float | None
    grant_funding: float | None
    capacity: float | None
    waiver: str


@dataclass(frozen=True, slots=True)
class TargetingInputs:
    countries: tuple[CountryIndicators, ...]
    rows: tuple[InputRow, ...]
    sources: tuple[DatasetRef, ...]
    notes: tuple[str, ...]
    data_state: str
    digest: str
    funding_window: tuple[int, int]
    grant_window: tuple[int, int] | None

    def tier3(self) -> list[CountryIndicators]:
        return [c for c in self.countries if c.tier is Tier.TIER_3]


def _tiers() -> dict[str, dict[int, Tier]]:
    history: dict[str, dict[int, Tier]] = defaultdict(dict)
    for iso3, year, tier in TierPlacement.objects.values_list("country_id", "report_year", "tier"):
        history[iso3][year] = Tier(tier)
    return history


def _victims() -> dict[str, tuple[int, int | None, int | None]]:
    """Per country the latest year's count: (year, value, suppressed_below)."""
    rows = UnodcFigure.objects.filter(
        dataset__key=UNODC_KEY, indicator=VICTIMS, sex="Total", age="Total",
        dimension="Total", country__isnull=False,
    ).values_list("country_id", "year", "value", "suppressed_below")  # fmt: skip
    latest: dict[str, tuple[int, int | None, int | None]] = {}
    for iso3, year, value, below in rows:
        if iso3 not in latest or year > latest[iso3][0]:
            latest[iso3] = (year, value, below)
    return latest


def censored_value(below: int | None) -> float:
    """A count published as "<n" enters as the middle of 0..n-1 (2 for "<5")."""
    return (max(below or 1, 1) - 1) / 2


def _recommendations() -> dict[str, tuple[int, float, int]]:
    """Per country, from its latest cycle with assessed recommendations: (year, share, n)."""
    counts: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = Recommendation.objects.filter(status__in=ASSESSED).values_list(
        "assessment__country_id", "assessment__cycle__report_year", "status"
    )
    for iso3, year, status in rows:
        counts[(iso3, year)][status] += 1
    out: dict[str, tuple[int, float, int]] = {}
    for (iso3, year), c in sorted(counts.items(), key=lambda item: item[0][1]):
        n = sum(c.values())
        share = (c[Implementation.IMPLEMENTED] + 0.5 * c[Implementation.PARTLY]) / n
        out[iso3] = (year, share, n)
    return out


def _program_funding(window: tuple[int, int]) -> dict[str, float]:
    rows = (
        Funding.objects.filter(
            program__country__isnull=False, fiscal_year__gte=window[0], fiscal_year__lte=window[1]
        )
        .exclude(program__source_dataset__key=GRANTS_KEY)
        .values("program__country_id")
        .annotate(total=Sum("obligated_usd"))
    )
    return {r["program__country_id"]: float(r["total"] or Decimal(0)) for r in rows}


def _grant_funding(years: int) -> tuple[dict[str, float], tuple[int, int] | None]:
    grants = Grant.objects.filter(country__isnull=False, amount_usd__isnull=False)
    last = grants.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    if last is None:
        return {}, None
    window = (last - years + 1, last)
    rows = (
        grants.filter(fiscal_year__gte=window[0])
        .values("country_id")
        .annotate(total=Sum("amount_usd"))
    )
    return {r["country_id"]: float(r["total"]) for r in rows}, window


def _ref(key: str) -> DatasetRef | None:
    try:
        return dataset_ref(key)
    except LookupError:
        return None


def assessments_ref(today: date) -> DatasetRef:
    return DatasetRef(
        key="assessment_recommendations",
        title="Prior recommendations and their assessed implementation",
        producer="The office's desk officers, in TIP Monitor's assessments",
        edition=f"as recorded on {today.isoformat()}",
        accessed=today,
        licence="Internal working data, not for publication",
        attribution="Implementation status of each country's prior recommendations, as "
        "assessed by desk officers in the reporting cycles recorded in TIP Monitor.",
        caveats="Share = (implemented + half of partly implemented) / assessed; new and "
        "pending recommendations are not counted.",
        source_url="",
    )


def analyst_ref(today: date) -> DatasetRef:
    return DatasetRef(
        key="analyst_capacity",
        title="Absorptive capacity judged by an analyst",
        producer="The user who ran the scenario",
        edition=f"entered on {today.isoformat()}",
        accessed=today,
        licence="Internal working data, not for publication",
        attribution="Capacity values (0-1) typed into the scenario by the analyst; no "
        "dataset holds them.",
        caveats="A judgement, not a measurement.",
        source_url="",
    )


def build_inputs(options: InputOptions | None = None, today: date | None = None) -> TargetingInputs:
    """Every TIP-covered country with a bureau, its indicators and where each came from."""
    options = options or InputOptions()
    today = today or date.today()
    last_fy = fiscal_year(today)
    window = (last_fy - options.funding_years + 1, last_fy)
    history = _tiers()
    victims = _victims()
    recs = _recommendations()
    programs = _program_funding(window)
    grants, grant_window = _grant_funding(options.funding_years)
    covered = Country.objects.filter(tip_covered=True).exclude(bureau="").order_by("iso3")
    countries: list[CountryIndicators] = []
    rows: list[InputRow] = []
    for c in covered:
        indicators, row = _country(
            c, history.get(c.iso3, {}), victims.get(c.iso3), recs.get(c.iso3),
            (programs.get(c.iso3), grants.get(c.iso3), window, grant_window), options,
        )  # fmt: skip
        countries.append(indicators)
        rows.append(row)
    sources = tuple(
        ref
        for ref in (_ref(TIERS_KEY), _ref(UNODC_KEY), _ref(GRANTS_KEY), records_ref(today))
        if ref is not None
    )
    if recs:
        sources += (assessments_ref(today),)
    if options.capacity:
        sources += (analyst_ref(today),)
    notes = _notes(recs, options, window, grant_window)
    return TargetingInputs(
        tuple(countries), tuple(rows), sources, notes, data_state(), digest(countries),
        window, grant_window,
    )  # fmt: skip


def _country(
    c: Country,
    tiers: dict[int, Tier],
    victims: tuple[int, int | None, int | None] | None,
    recs: tuple[int, float, int] | None,
    money: tuple[float | None, float | None, tuple[int, int], tuple[int, int] | None],
    options: InputOptions,
) -> tuple[CountryIndicators, InputRow]:
    program_usd, grant_usd, window, grant_window = money
    sources: dict[str, str] = {}
    tier_year = max(tiers) if tiers else None
    tier = tiers[tier_year] if tier_year is not None else None
    if tier_year is not None:
        sources["tier"] = f"Tier placements ({TIERS_KEY}), {c.iso3} report year {tier_year}"
        sources["trajectory"] = f"Tier placements ({TIERS_KEY}), {c.iso3} history"
    count: float | None = None
    shown = "no data"
    if victims is not None:
        year, value, below = victims
        where = f"UNODC GLOTIP ({UNODC_KEY}), {VICTIMS}, {c.iso3} {year}"
        if value is None:
            count, shown = censored_value(below), f"<{below or 1}"
            sources["victims"] = f"{where}: published as {shown}, taken as {count:g}"
        else:
            count, shown = float(value), f"{value:,}"
            sources["victims"] = where
    share = None
    if recs is not None:
        share = recs[1]
        sources["recommendations"] = f"{recs[2]} recommendations assessed in the {recs[0]} cycle"
    funding: float | None = None
    parts = []
    if program_usd is not None:
        parts.append(f"program obligations FY{window[0]}-FY{window[1]}")
    if grant_usd is not None and grant_window is not None:
        parts.append(f"historical grants ({GRANTS_KEY}) FY{grant_window[0]}-FY{grant_window[1]}")
    if parts:
        funding = (program_usd or 0.0) + (grant_usd or 0.0)
        sources["prior_funding"] = " + ".join(parts)
    capacity = options.capacity.get(c.iso3)
    if capacity is not None:
        sources["capacity"] = "analyst's judgement entered in the scenario"
    waived = options.t3_waived_programs.get(c.iso3, frozenset())
    full = c.iso3 in options.t3_waivers
    indicators = CountryIndicators(
        iso3=c.iso3, name=c.short_name, bureau=Bureau(c.bureau), tier=tier,
        tier_history=tiers, victims_detected=count, recommendations_implemented=share,
        capacity=capacity, prior_funding_usd=funding, t3_waiver=full,
        t3_waived_programs=waived, sources=sources,
    )  # fmt: skip
    row = InputRow(
        iso3=c.iso3, name=c.short_name, bureau=c.bureau,
        tier=tier.value if tier else "not recorded", tier_year=tier_year,
        victims_shown=shown, victims_year=victims[0] if victims else None,
        recommendations_shown=f"{recs[1]:.0%} of {recs[2]}" if recs else "no data",
        program_funding=program_usd, grant_funding=grant_usd, capacity=capacity,
        waiver="all programs" if full else ", ".join(sorted(waived)),
    )  # fmt: skip
    return indicators, row


def _notes(
    recs: Mapping[str, Any],
    options: InputOptions,
    window: tuple[int, int],
    grant_window: tuple[int, int] | None,
) -> tuple[str, ...]:
    notes = [
        f"Prior funding: obligations of each country's own programs in FY{window[0]}-"
        f"FY{window[1]}"
        + (
            f", plus the historical grants of FY{grant_window[0]}-FY{grant_window[1]} "
            "(the last years of that record)."
            if grant_window
            else "."
        ),
        'Victims detected: the latest year UNODC published; a count published as "<5" '
        "enters as 2, the middle of 0-4.",
    ]
    if not recs:
        notes.append(
            "No reporting cycle has assessed recommendations yet, so the share implemented "
            "is missing for every country (shown as no data, not as zero)."
        )
    if not options.capacity:
        notes.append(
            "Capacity has no data source; without values typed into the scenario it is "
            "missing for every country."
        )
    return tuple(notes)


def digest(countries: list[CountryIndicators] | tuple[CountryIndicators, ...]) -> str:
    """A SHA-256 of the inputs' values (sources aside): equal digests, equal inputs."""
    canonical = [
        [
            c.iso3, c.bureau.value, c.tier.value if c.tier else None,
            sorted((y, t.value) for y, t in c.tier_history.items()), c.victims_detected,
            c.recommendations_implemented, c.capacity, c.prior_funding_usd, c.t3_waiver,
            sorted(c.t3_waived_programs),
        ]
        for c in countries
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(canonical, separators=(",", ":")).encode()).hexdigest()


def tier3_choices() -> list[tuple[str, str]]:
    """Countries whose latest recorded placement is Tier 3, as (code, label) choices."""
    latest: dict[str, tuple[int, str]] = {}
    rows = TierPlacement.objects.filter(country__tip_covered=True).values_list(
        "country_id", "report_year", "tier"
    )
    for iso3, year, tier in rows:
        if iso3 not in latest or year > latest[iso3][0]:
            latest[iso3] = (year, tier)
    codes = [iso3 for iso3, (_, tier) in latest.items() if tier == Tier.TIER_3.value]
    names = dict(Country.objects.filter(iso3__in=codes).values_list("iso3", "short_name"))
    return sorted(((c, f"{names[c]} ({c})") for c in codes), key=lambda x: x[1])
