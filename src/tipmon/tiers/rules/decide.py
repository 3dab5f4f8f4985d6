"""Check a proposed tier against the statute: the call the assessment workflow makes.

``decide`` walks the country's recorded history up to the year before, applies the
decision procedure to whatever findings are given, then the Watch List clock, and answers
allowed or not with every reason and what would change the outcome. Findings that are not
given are named as unknown in the explanation; they never default silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tipmon.tiers.rules.clock import (
    Clock,
    EventKind,
    Reason,
    advance,
    walk,
)
from tipmon.tiers.rules.regimes import (
    DEFAULT_CONFIG,
    FIRST_YEAR,
    RulesConfig,
    check_year,
    regime_for,
)
from tipmon.tiers.rules.statute import Cite, PolicyPattern
from tipmon.tiers.rules.vocabulary import Tier


@dataclass(frozen=True, slots=True)
class Findings:
    """What the assessment found; ``None`` means not (yet) recorded."""

    fully_meets: bool | None = None
    significant_efforts: bool | None = None
    watch_list_criteria: bool | None = None
    policy_or_pattern: frozenset[PolicyPattern] = frozenset()
    waiver_granted: bool | None = None
    special_case: str = ""  # the reason, when the country is a Special Case


NO_FINDINGS = Findings()


@dataclass(frozen=True, slots=True)
class Decision:
    year: int
    proposed: Tier
    allowed: bool
    outcome: Tier | None  # what the statute gives on these facts; None when facts are missing
    reasons: tuple[Reason, ...]
    blocking: tuple[Reason, ...] = field(default_factory=tuple)
    unknown: tuple[str, ...] = field(default_factory=tuple)


def _procedure(
    f: Findings, year: int, config: RulesConfig
) -> tuple[Tier | None, Reason | None, list[str]]:
    """The order of 7107(b): fully meets; policy or pattern; significant efforts; watch list."""
    regime = regime_for(year, config)
    unknown: list[str] = []
    if f.fully_meets:
        return (
            Tier.TIER_1,
            Reason(
                "fully-meets", Cite.FULLY_MEETS, "The government fully meets the minimum standards."
            ),
            unknown,
        )
    if f.fully_meets is None:
        unknown.append("whether the government fully meets the minimum standards")
    if f.policy_or_pattern and regime.policy_pattern_proof:
        found = ", ".join(sorted(p.value for p in f.policy_or_pattern))
        return Tier.TIER_3, Reason(
            "policy-or-pattern", Cite.POLICY_OR_PATTERN,
            "A government policy or pattern is proof of a failure to make significant efforts.",
            (f"policy or pattern found: {found}",),
            "Only evidence that the policy or pattern has ended changes this.",
        ), unknown  # fmt: skip
    if f.significant_efforts is False:
        return (
            Tier.TIER_3,
            Reason(
                "no-significant-efforts",
                Cite.TIER_LISTS,
                "The government is not making significant efforts.",
            ),
            unknown,
        )
    if f.significant_efforts is None:
        unknown.append("whether the government is making significant efforts")
        return None, None, unknown
    if f.watch_list_criteria is None:
        unknown.append("whether a Watch List criterion applies")
        return None, None, unknown
    tier = Tier.TIER_2_WATCH_LIST if f.watch_list_criteria else Tier.TIER_2
    text = ("Significant efforts, and a Watch List criterion applies." if f.watch_list_criteria
            else "Significant efforts, and no Watch List criterion applies.")  # fmt: skip
    considered = f"criteria in force ({regime.label}): " + "; ".join(regime.watch_list_criteria)
    return tier, Reason("watch-list-criteria", Cite.WATCH_LIST_CRITERIA, text,
                        (considered,)), unknown  # fmt: skip


def _special_case(proposed: Tier, f: Findings) -> Reason | None:
    if proposed == Tier.SPECIAL_CASE and not f.special_case:
        return Reason(
            "special-case",
            Cite.SPECIAL_CASE,
            "Special Case is not a statutory tier: record why no tier can be given.",
            would_change="A recorded reason, such as no functioning government.",
        )
    if f.special_case and proposed != Tier.SPECIAL_CASE:
        return Reason(
            "special-case",
            Cite.SPECIAL_CASE,
            f"The findings record a Special Case ({f.special_case}); no tier is given.",
        )
    return None


def _clock_reasons(
    clock: Clock, year: int, proposed: Tier, previous: Tier | None, f: Findings, config: RulesConfig
) -> tuple[list[Reason], list[Reason], Tier | None]:
    """Reasons from the Watch List clock, the blocking ones, and the tier then required."""
    status = advance(clock, year, proposed, previous, config)
    info: list[Reason] = []
    blocks: list[Reason] = []
    required: Tier | None = None
    for event in status.events:
        if (event.kind == EventKind.WAIVER and f.waiver_granted is not True) or event.kind in {
            EventKind.VIOLATION,
            EventKind.UNKNOWN,
        }:
            blocks.append(event.reason)
            required = Tier.TIER_3
        else:
            info.append(event.reason)
    return info, blocks, required


def decide(
    placements: Mapping[int, Tier | None],
    year: int,
    proposed: Tier,
    findings: Findings = NO_FINDINGS,
    config: RulesConfig = DEFAULT_CONFIG,
) -> Decision:
    """Is ``proposed`` allowed for report ``year``, given the history before it?"""  # fmt: skip
    check_year(year)
    if not isinstance(proposed, Tier):
        raise ValueError(f"{proposed!r} is not a tier")
    history = walk(placements, FIRST_YEAR, year - 1, config) if year > FIRST_YEAR else []
    clock = history[-1].clock if history else Clock()
    previous = history[-1].tier if history else None
    reasons: list[Reason] = []
    blocking: list[Reason] = []
    special = _special_case(proposed, findings)
    if special is not None:
        blocking.append(special)
    outcome, why, unknown = _procedure(findings, year, config)
    if findings.special_case:
        outcome = Tier.SPECIAL_CASE
    elif why is not None:
        reasons.append(why)
    if outcome is not None and outcome != proposed and not findings.special_case:
        blocking.append(Reason(
            "decision-procedure", Cite.TIER_LISTS,
            f"On the recorded findings the statute gives {outcome.value}, not {proposed.value}.",
            why.facts if why else (), "Different findings on the minimum standards.",
        ))  # fmt: skip
    if proposed != Tier.SPECIAL_CASE:
        info, blocks, required = _clock_reasons(clock, year, proposed, previous, findings, config)
        reasons += info
        blocking += blocks
        if required is not None and (outcome is None or outcome == proposed):
            outcome = required
    allowed = not blocking
    return Decision(
        year, proposed, allowed, proposed if allowed else outcome,
        tuple(reasons + blocking), tuple(blocking), tuple(unknown),
    )  # fmt: skip
