"""Which version of the law governs a report year, and the engine's configurable choices.

Boundaries:
- 2004 report: the Special Watch List exists (TVPRA of 2003, P.L. 108-193, December 2003).
- 2009 report: the automatic downgrade after two consecutive Watch List years, counted for
  reports after December 23, 2008, waivable for up to two years (P.L. 110-457).
- 2019 report: the waiver is cut to one year; the Watch List criterion reads "estimated ...
  and the country is not taking proportional concrete actions"; commitments to future
  steps no longer count; the re-entry limit (F) and the policy-or-pattern proof (b)(3)(B)
  apply (Frederick Douglass TVPRA of 2018, P.L. 115-425, signed January 8, 2019).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FIRST_YEAR = 2001
LAST_YEAR = 2100


class CountBasis(StrEnum):
    """What counts as a year toward the automatic downgrade (an open question of the statute)."""

    WATCH_LIST = "watch-list"  # Tier 2 Watch List years only: State's practice (default)
    SPECIAL_WATCH_LIST = "special-watch-list"  # any year on the Special Watch List (literal text)


class WaiverTransition(StrEnum):
    """How waiver years granted under the two-year regime count after the 2019 change."""

    CARRY_OVER = "carry-over"  # waivers already used count against the one-year limit (default)
    FRESH = "fresh"  # the 2019 report starts a fresh allowance


@dataclass(frozen=True, slots=True)
class RulesConfig:
    """Documented, configurable choices where the sources leave a point unconfirmed."""

    count_basis: CountBasis = CountBasis.WATCH_LIST
    waiver_transition: WaiverTransition = WaiverTransition.CARRY_OVER
    #: Report year from which the re-entry limit of 7107(b)(2)(F) applies.
    reentry_from: int = 2019
    #: Report year from which a policy or pattern is statutory proof (7107(b)(3)(B)).
    policy_pattern_from: int = 2019


DEFAULT_CONFIG = RulesConfig()


@dataclass(frozen=True, slots=True)
class Regime:
    """The rules in force for one report year."""

    year: int
    special_watch_list: bool
    auto_downgrade: bool
    max_waiver_years: int
    reentry_limit: bool
    policy_pattern_proof: bool
    watch_list_criteria: tuple[str, ...]
    label: str


_CRITERIA_2004 = (
    "the absolute number of victims is very significant or significantly increasing",
    "failure to provide evidence of increasing efforts from the previous year",
    "the finding of significant efforts rested on commitments to take future steps",
)
_CRITERIA_2019 = (
    "the estimated number of victims is very significant or significantly increasing and "
    "the country is not taking proportional concrete actions",
    "failure to provide evidence of increasing efforts from the previous year",
)


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"report year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return year


def regime_for(year: int, config: RulesConfig = DEFAULT_CONFIG) -> Regime:
    """The rules governing report ``year``."""
    check_year(year)
    if year < 2004:
        return Regime(
            year, False, False, 0, False, False, (), "TVPA of 2000 (before the watch list)"
        )
    modern = year >= 2019
    return Regime(
        year=year,
        special_watch_list=True,
        auto_downgrade=year >= 2009,
        max_waiver_years=(1 if modern else 2) if year >= 2009 else 0,
        reentry_limit=year >= config.reentry_from,
        policy_pattern_proof=year >= config.policy_pattern_from,
        watch_list_criteria=_CRITERIA_2019 if modern else _CRITERIA_2004,
        label=(
            "Frederick Douglass TVPRA of 2018 (reports from 2019)" if modern
            else "William Wilberforce TVPRA of 2008 (reports 2009-2018)" if year >= 2009
            else "TVPRA of 2003 (reports 2004-2008)"
        ),
    )  # fmt: skip
