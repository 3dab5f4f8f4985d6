"""Words the targeting core shares: bureaus, channels, citations and its two errors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Bureau(StrEnum):
    """The State Department's six regional bureaus, the regions the floors are set for."""

    AF = "AF"
    EAP = "EAP"
    EUR = "EUR"
    NEA = "NEA"
    SCA = "SCA"
    WHA = "WHA"

    @property
    def label(self) -> str:
        return _BUREAU_LABELS[self]


_BUREAU_LABELS: dict[Bureau, str] = {
    Bureau.AF: "Africa",
    Bureau.EAP: "East Asia and the Pacific",
    Bureau.EUR: "Europe and Eurasia",
    Bureau.NEA: "Near East",
    Bureau.SCA: "South and Central Asia",
    Bureau.WHA: "Western Hemisphere",
}


class Channel(StrEnum):
    """Who receives and administers a program's money.

    The channel decides whether the Tier 3 restriction reaches a program: only assistance
    to the government is "nonhumanitarian, nontrade-related foreign assistance" withheld
    under 22 U.S.C. 7107(d)(1); programs run by NGOs and civil society, and humanitarian
    aid, fall under the exclusions of 22 U.S.C. 7102(10)(A).
    """

    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil society"
    HUMANITARIAN = "humanitarian"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS: dict[Channel, str] = {
    Channel.GOVERNMENT: "government-to-government",
    Channel.CIVIL_SOCIETY: "NGOs, civil society and international organisations",
    Channel.HUMANITARIAN: "humanitarian aid",
}


@dataclass(frozen=True, slots=True)
class Citation:
    """A provision of law and what it says, in the project's own words."""

    cite: str
    gist: str

    def __str__(self) -> str:
        return f"{self.cite} ({self.gist})"


#: The policy and the withholding determination that bar aid to Tier 3 governments.
T3_WITHHOLDING = Citation(
    "22 U.S.C. 7107(a), (d)(1)(A)",
    "no nonhumanitarian, nontrade-related foreign assistance to a Tier 3 government",
)
#: The exclusions that keep NGO programs and humanitarian aid outside that restriction.
T3_EXCLUSIONS = Citation(
    "22 U.S.C. 7102(10)(A)(i), (iv), (vi), (vii), (ix)",
    "NGO programs, disaster relief, refugee and other humanitarian assistance are excluded",
)
#: The national-interest waiver, whole or for single programs.
T3_WAIVER = Citation(
    "22 U.S.C. 7107(d)(4), (d)(5)(A)",
    "the President may waive the restriction, in whole or for one or more programs",
)


class TargetingInputError(ValueError):
    """Input the targeting core refuses: the message names the field and the value."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One constraint (or set of constraints) that cannot be met, with its numbers."""

    constraints: tuple[str, ...]
    message: str


class Infeasible(ValueError):
    """No allocation meets every constraint; ``conflicts`` says which ones and why."""

    def __init__(self, conflicts: tuple[Conflict, ...]) -> None:
        self.conflicts = conflicts
        lines = [f"- {c.message}" for c in conflicts]
        super().__init__("No allocation meets every constraint:\n" + "\n".join(lines))
