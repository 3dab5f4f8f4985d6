"""Draft country narratives from the structured assessment, in our own words.

Pure Python: ``draft(NarrativeInput)`` returns the text in the report's section order
(tier placement, prioritized recommendations, prosecution, protection, prevention,
trafficking profile). Staff edit the draft afterwards; ``diff`` compares two narratives.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from tipmon.tiers.rules import Tier

T1, T2, WL, T3, SC = (
    Tier.TIER_1,
    Tier.TIER_2,
    Tier.TIER_2_WATCH_LIST,
    Tier.TIER_3,
    Tier.SPECIAL_CASE,
)
PILLAR_STANDARDS = {
    "prosecution": ("MS1", "MS2", "MS3", "C1", "C4", "C5", "C7"),
    "protection": ("C2",),
    "prevention": ("C3", "C6", "C8", "C12"),
}


@dataclass(frozen=True, slots=True)
class NarrativeInput:
    country: str
    year: int
    tier: Tier
    previous: Tier | None
    watch_list_years: int = 0  # consecutive, including this year
    waiver: bool = False
    automatic_downgrade: bool = False
    reentry: bool = False
    special_case: str = ""
    recommendations: tuple[str, ...] = ()
    findings: dict[str, str] = field(default_factory=dict)  # standard id -> written finding
    figures: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    profile: str = ""


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def _gov(c: str) -> str:
    return f"The government of {c}"


def tier_paragraph(n: NarrativeInput) -> str:
    """The opening paragraph, worded for the outcome and how the country got there."""
    c, gov = n.country, _gov(n.country)
    if n.tier == SC:
        return (
            f"{c} is a Special Case this year: {n.special_case or 'no tier could be given'}. "
            "The report describes the situation without a tier placement."
        )
    if n.tier == T1:
        moved = "was upgraded to" if n.previous in {T2, WL} else "remained on"
        return (
            f"{gov} fully meets the minimum standards for the elimination of trafficking. "
            f"It kept up serious and sustained efforts during the reporting period, so {c} "
            f"{moved} Tier 1. Meeting the standards is a floor, not a finish: the government "
            "must show appreciable progress each year to stay on Tier 1."
        )
    if n.tier == T3:
        return _tier3(n)
    meets = (
        f"{gov} does not fully meet the minimum standards for the elimination of "
        "trafficking but is making significant efforts to do so."
    )
    if n.tier == T2:
        how = {T1: "was downgraded to", T3: "was upgraded to", WL: "was upgraded to"}.get(
            n.previous or T2, "remained on"
        )
        return (
            f"{meets} Its efforts increased overall compared with the previous reporting "
            f"period, so {c} {how} Tier 2. It has not yet met the standards in several key "
            "areas."
        )
    return f"{meets} {_watch_list(n)}"


def _watch_list(n: NarrativeInput) -> str:
    c = n.country
    if n.reentry:
        return (
            f"After its downgrade, {c} returned to Tier 2 Watch List this year. The law allows "
            "one such year with no waiver: next year it must be upgraded or will be placed "
            "on Tier 3."
        )
    if n.waiver:
        return (
            "Its efforts did not increase overall compared with the previous reporting "
            "period. The government has a written plan that, if carried out, would amount to "
            "significant efforts, and it is devoting sufficient resources to it; the downgrade "
            "to Tier 3 that the law otherwise requires was therefore waived, and "
            f"{c} remained on Tier 2 Watch List for the "
            f"{ORDINALS.get(n.watch_list_years, str(n.watch_list_years))} consecutive year."
        )
    if n.previous == T3:
        return f"{c} was therefore upgraded from Tier 3 to Tier 2 Watch List."
    if n.previous == WL:
        return (
            "Its efforts did not increase overall compared with the previous reporting "
            f"period, so {c} remained on Tier 2 Watch List for the second consecutive year."
        )
    return (
        "Its efforts did not increase overall compared with the previous reporting "
        f"period, so {c} was downgraded to Tier 2 Watch List."
    )


def _tier3(n: NarrativeInput) -> str:
    c, gov = n.country, _gov(n.country)
    opening = (
        f"{gov} does not fully meet the minimum standards for the elimination of "
        "trafficking and is not making significant efforts to do so."
    )
    if n.automatic_downgrade:
        return (
            f"{opening} Having been on Tier 2 Watch List for the years the law allows, {c} "
            "was placed on Tier 3 under the automatic downgrade."
        )
    if n.previous == T3:
        return f"{opening} {c} therefore remained on Tier 3."
    return f"{opening} {c} was therefore downgraded to Tier 3."


def _figures(n: NarrativeInput, names: tuple[str, ...], noun: str) -> str:
    parts = []
    for name in names:
        now, before = n.figures.get(name, (None, None))
        if now is None:
            continue
        kind = name.rsplit("_", 1)[-1]
        label = {
            "sex": "for sex trafficking",
            "labor": "for labor trafficking",
            "unspecified": "for unspecified forms",
        }.get(kind, "")
        compared = f" (previous period: {before:,})" if before is not None else ""
        parts.append(f"{now:,} {label}{compared}".strip())
    if not parts:
        return f"The government reported no {noun} data for the reporting period."
    return f"The government reported {noun}: " + "; ".join(parts) + "."


def _section(n: NarrativeInput, pillar: str, extra: str = "") -> str:
    texts = [n.findings[s] for s in PILLAR_STANDARDS[pillar] if n.findings.get(s)]
    body = " ".join([*texts, extra]).strip()
    return body or "No finding has been written for this section yet."


def draft(n: NarrativeInput) -> str:
    investigations = _figures(
        n,
        ("investigations_sex", "investigations_labor", "investigations_unspecified"),
        "investigations",
    )
    prosecutions = _figures(
        n, ("prosecutions_sex", "prosecutions_labor", "prosecutions_unspecified"), "prosecutions"
    )
    convictions = _figures(
        n, ("convictions_sex", "convictions_labor", "convictions_unspecified"), "convictions"
    )
    victims = _figures(n, ("victims_identified", "victims_referred"), "victim identification")
    recs = "\n".join(f"- {r}" for r in n.recommendations) or "- None recorded yet."
    sections = [
        f"{n.country.upper()}: {n.tier.value.upper()}",
        tier_paragraph(n),
        "PRIORITIZED RECOMMENDATIONS",
        recs,
        "PROSECUTION",
        _section(n, "prosecution", f"{investigations} {prosecutions} {convictions}"),
        "PROTECTION",
        _section(n, "protection", victims),
        "PREVENTION",
        _section(n, "prevention"),
        "TRAFFICKING PROFILE",
        n.profile or "The trafficking profile has not been written yet.",
    ]
    return "\n\n".join(sections) + "\n"


def diff(before: str, after: str) -> list[tuple[str, str]]:
    """Line-level changes as (kind, text): kind is ' ', '+' or '-'."""
    lines = difflib.ndiff(before.splitlines(), after.splitlines())
    return [(line[0], line[2:]) for line in lines if line[:1] in {" ", "+", "-"}]
