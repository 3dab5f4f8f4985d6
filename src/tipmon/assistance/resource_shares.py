"""Where the office's money and time go against where the assessments find need.

Pure Python, no Django import. Need is scored from the record, by a rule stated in full in
``NEED_METHOD`` so a reader can recompute it:

* the latest recorded tier: Tier 3 scores 3, Tier 2 Watch List 2, Tier 2 and Special Case
  1, Tier 1 0 (no placement recorded: 0);
* a country on the Watch List for two or more consecutive counted years, so the next
  report must move it off the list, waive, or downgrade it automatically: +1;
* a latest count of detected victims (UNODC) in the top quarter of countries with a count:
  +1 (detections measure what a government finds, not how many victims there are).

Each country's share of need is its score over the sum of all scores; staff time and
program money are shared the same way over what can be attributed to a country or bureau.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TIER_POINTS = {
    "Tier 3": 3,
    "Tier 2 Watch List": 2,
    "Tier 2": 1,
    "Special Case": 1,
    "Tier 1": 0,
}
DOWNGRADE_POINTS = 1
VICTIMS_POINTS = 1
VICTIMS_QUANTILE = 0.75
#: Rows of the country comparison before "all other countries".
TOP_COUNTRIES = 15
OTHERS = "All other countries"
NO_BUREAU = "Office-wide"
OTHER_PLACES = "Places outside the bureaus' lists"

NEED_METHOD = (
    "Need score per country = tier points (Tier 3: 3, Tier 2 Watch List: 2, Tier 2 or "
    "Special Case: 1, Tier 1 or no placement: 0) from the latest report year up to the "
    "fiscal year, + 1 if the country has two or more consecutive Watch List years on the "
    "statute's clock (it faces the automatic downgrade), + 1 if its latest UNODC count of "
    "detected victims is in the top quarter of countries with a count. A share of need is "
    "a score divided by the sum of all scores. Staff time is the FTE share of each "
    "assignment; program money is the fiscal year's obligations. Both are shared over "
    "what can be placed in a country (or, per bureau, in a bureau); time and money for the "
    "whole office are left out of the shares and shown apart."
)


@dataclass(frozen=True, slots=True)
class CountryNeedIn:
    iso3: str
    name: str
    bureau: str
    tier: str | None
    facing_downgrade: bool = False
    victims: int | None = None


@dataclass(frozen=True, slots=True)
class Amount:
    """Staff time (FTE) or money (USD) placed in a country, a bureau, or neither."""

    value: float
    iso3: str | None = None
    bureau: str | None = None


@dataclass(frozen=True, slots=True)
class NeedScore:
    iso3: str
    name: str
    bureau: str
    points: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShareRow:
    key: str
    label: str
    need: float
    staff: float
    money: float
    need_points: int
    fte: float
    usd: float

    @property
    def staff_gap(self) -> float:
        """Share of staff time minus share of need: negative means under-served."""
        return self.staff - self.need

    @property
    def money_gap(self) -> float:
        return self.money - self.need


@dataclass(frozen=True, slots=True)
class Comparison:
    bureaus: tuple[ShareRow, ...]
    countries: tuple[ShareRow, ...]
    scores: tuple[NeedScore, ...]
    victims_threshold: int | None
    unplaced_fte: float
    unplaced_usd: float
    method: str = NEED_METHOD


def quantile(values: list[int], q: float) -> int | None:
    """The lower ``q`` quantile of ``values`` (nearest rank), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = min(max(1, math.ceil(q * len(ordered))), len(ordered))
    return ordered[rank - 1]


def score(country: CountryNeedIn, victims_threshold: int | None) -> NeedScore:
    points = TIER_POINTS.get(country.tier or "", 0)
    reasons = [f"{country.tier or 'no placement recorded'}: {points}"]
    if country.facing_downgrade:
        points += DOWNGRADE_POINTS
        reasons.append(f"facing the automatic downgrade: +{DOWNGRADE_POINTS}")
    if (
        country.victims is not None
        and victims_threshold is not None
        and country.victims > 0
        and country.victims >= victims_threshold
    ):
        points += VICTIMS_POINTS
        reasons.append(f"{country.victims:,} victims detected (top quarter): +{VICTIMS_POINTS}")
    return NeedScore(country.iso3, country.name, country.bureau, points, tuple(reasons))


def shares(values: Mapping[str, float]) -> dict[str, float]:
    """Each value over the total; all zero when the total is zero (nothing to share)."""
    total = sum(values.values())
    return {k: (v / total if total else 0.0) for k, v in values.items()}


def _sum_by(amounts: Iterable[Amount], key: str) -> tuple[dict[str, float], float]:
    out: dict[str, float] = defaultdict(float)
    unplaced = 0.0
    for a in amounts:
        place = a.iso3 if key == "iso3" else a.bureau
        if place is not None:
            out[place] += a.value
        else:
            unplaced += a.value
    return dict(out), unplaced


def _rows(
    keys: list[str],
    labels: Mapping[str, str],
    points: Mapping[str, int],
    fte: Mapping[str, float],
    usd: Mapping[str, float],
) -> list[ShareRow]:
    need_s = shares({k: float(points.get(k, 0)) for k in keys})
    staff_s = shares({k: fte.get(k, 0.0) for k in keys})
    money_s = shares({k: usd.get(k, 0.0) for k in keys})
    return [
        ShareRow(
            key=k,
            label=labels.get(k, k),
            need=need_s[k],
            staff=staff_s[k],
            money=money_s[k],
            need_points=points.get(k, 0),
            fte=fte.get(k, 0.0),
            usd=usd.get(k, 0.0),
        )
        for k in keys
    ]


def compare(
    countries: Iterable[CountryNeedIn],
    staff: Iterable[Amount],
    money: Iterable[Amount],
    bureau_names: Mapping[str, str],
    top: int = TOP_COUNTRIES,
) -> Comparison:
    """Shares of need, staff time and money per bureau and for the neediest countries.

    Each column of ``bureaus`` sums to 1 (when anything is there to share), and so does
    each column of ``countries``: the last row gathers every country outside the top."""
    people = list(countries)
    threshold = quantile([c.victims for c in people if c.victims], VICTIMS_QUANTILE)
    scores = sorted((score(c, threshold) for c in people), key=lambda s: (-s.points, s.name))
    bureau_of = {c.iso3: c.bureau for c in people}
    staff_list, money_list = list(staff), list(money)

    def lift(a: Amount) -> Amount:
        """A country's amount also counts for its bureau ("" when the country is unknown)."""
        if a.bureau:
            return a
        if a.iso3:
            return Amount(a.value, a.iso3, bureau_of.get(a.iso3, ""))
        return Amount(a.value)

    staff_b, unplaced_fte = _sum_by(map(lift, staff_list), "bureau")
    money_b, unplaced_usd = _sum_by(map(lift, money_list), "bureau")
    points_b: dict[str, int] = defaultdict(int)
    for s in scores:
        points_b[s.bureau] += s.points
    bureau_keys = sorted(set(bureau_names) | set(points_b) | set(staff_b) | set(money_b))
    labels = {"": OTHER_PLACES, **bureau_names}
    bureaus = _rows(bureau_keys, labels, points_b, staff_b, money_b)

    staff_c, _ = _sum_by(staff_list, "iso3")
    money_c, _ = _sum_by(money_list, "iso3")
    points_c = {s.iso3: s.points for s in scores}
    names = {s.iso3: s.name for s in scores}
    all_keys = sorted(set(points_c) | set(staff_c) | set(money_c))
    rows = {r.key: r for r in _rows(all_keys, names, points_c, staff_c, money_c)}
    shown = [s.iso3 for s in scores[:top] if s.iso3 in rows]
    rest = [rows[k] for k in all_keys if k not in shown]
    others = ShareRow(
        key="",
        label=OTHERS,
        need=sum(r.need for r in rest),
        staff=sum(r.staff for r in rest),
        money=sum(r.money for r in rest),
        need_points=sum(r.need_points for r in rest),
        fte=sum(r.fte for r in rest),
        usd=sum(r.usd for r in rest),
    )
    return Comparison(
        bureaus=tuple(bureaus),
        countries=(*(rows[k] for k in shown), others),
        scores=tuple(scores),
        victims_threshold=threshold,
        unplaced_fte=unplaced_fte,
        unplaced_usd=unplaced_usd,
    )
