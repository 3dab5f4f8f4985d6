"""Tier outcomes and placement bases, as plain enums."""

from enum import StrEnum

#: The first Trafficking in Persons Report was issued in 2001.
FIRST_REPORT_YEAR = 2001


class Tier(StrEnum):
    """The outcomes a report can give a country (22 U.S.C. 7107(b))."""

    TIER_1 = "Tier 1"
    TIER_2 = "Tier 2"
    TIER_2_WATCH_LIST = "Tier 2 Watch List"
    TIER_3 = "Tier 3"
    SPECIAL_CASE = "Special Case"

    @property
    def slug(self) -> str:
        """A short stable token for URLs, CSS classes and query parameters."""
        return _SLUGS[self]

    @property
    def rank(self) -> int:
        """Order from best to worst; Special Case sorts last."""
        return list(Tier).index(self)


_SLUGS: dict[Tier, str] = {
    Tier.TIER_1: "1",
    Tier.TIER_2: "2",
    Tier.TIER_2_WATCH_LIST: "2wl",
    Tier.TIER_3: "3",
    Tier.SPECIAL_CASE: "special",
}
TIER_BY_SLUG: dict[str, Tier] = {slug: tier for tier, slug in _SLUGS.items()}


class Basis(StrEnum):
    """How a recorded placement is known, strongest first."""

    PUBLISHED = "published assessment"
    TIER_LIST = "tier list"
    REPORT_TEXT = "report text"
    TRANSCRIBED_PANEL = "transcribed panel"
    ADJACENT_YEAR = "adjacent-year report text"
    NEWS = "news"
    INFERRED = "inferred"

    @property
    def is_primary(self) -> bool:
        """True when the report itself (or a faithful transcription) states the tier."""
        return self in {
            Basis.PUBLISHED,
            Basis.TIER_LIST,
            Basis.REPORT_TEXT,
            Basis.TRANSCRIBED_PANEL,
        }

    @property
    def caveat(self) -> str:
        return _CAVEATS[self]


_CAVEATS: dict[Basis, str] = {
    Basis.PUBLISHED: "Decided and published in TIP Monitor's own assessment cycle.",
    Basis.TIER_LIST: "From a published list of the whole tier for that report year.",
    Basis.REPORT_TEXT: "Stated in the country's narrative or an official page quoting it.",
    Basis.TRANSCRIBED_PANEL: "Transcribed from the reports in the Kelley & Heiss panel.",
    Basis.ADJACENT_YEAR: (
        "Implied by the next or previous year's narrative (for example "
        "'remained on Tier 2'); not seen in that year's report."
    ),
    Basis.NEWS: "Stated by a news report, a weaker source than the report itself.",
    Basis.INFERRED: (
        "Not seen in any source: deduced from the report's stated totals. A hypothesis, "
        "to be replaced when a source is found."
    ),
}


def parse_tier(text: str) -> Tier:
    """Parse a tier label ('Tier 2 Watch List') or slug ('2wl'); ValueError otherwise."""
    cleaned = " ".join(text.split())
    for tier in Tier:
        if cleaned.casefold() in {tier.value.casefold(), tier.slug}:
            return tier
    choices = ", ".join(t.value for t in Tier)
    raise ValueError(f"{text!r} is not a tier; expected one of: {choices}")


def parse_basis(text: str) -> Basis:
    cleaned = " ".join(text.split()).casefold()
    for basis in Basis:
        if cleaned == basis.value:
            return basis
    choices = ", ".join(b.value for b in Basis)
    raise ValueError(f"{text!r} is not a placement basis; expected one of: {choices}")
