"""The statute as data: minimum standards, criteria, policy-or-pattern findings, citations.

Summaries are our own words; the citation points to the controlling text of
22 U.S.C. 7106 (minimum standards and criteria) and 7107 (tiers, watch list, sanctions).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Pillar(StrEnum):
    PROSECUTION = "prosecution"
    PROTECTION = "protection"
    PREVENTION = "prevention"
    PARTNERSHIP = "partnership"
    CROSS_CUTTING = "cross-cutting"


@dataclass(frozen=True, slots=True)
class Standard:
    """A minimum standard (MS1-MS4) or a criterion of serious and sustained efforts (C1-C12)."""

    id: str
    title: str
    citation: str
    pillars: tuple[Pillar, ...]


P = Pillar
MINIMUM_STANDARDS: tuple[Standard, ...] = (
    Standard("MS1", "Prohibits severe forms of trafficking and punishes them",
             "22 U.S.C. 7106(a)(1)", (P.PROSECUTION,)),
    Standard("MS2", "Punishes sex trafficking by force, fraud, coercion or of children, and "
             "trafficking with rape, kidnapping or death, like grave crimes",
             "22 U.S.C. 7106(a)(2)", (P.PROSECUTION,)),
    Standard("MS3", "Prescribes punishment stringent enough to deter and to reflect the "
             "heinous nature of the offence", "22 U.S.C. 7106(a)(3)", (P.PROSECUTION,)),
    Standard("MS4", "Makes serious and sustained efforts to eliminate severe forms of trafficking",
             "22 U.S.C. 7106(a)(4)", (P.CROSS_CUTTING,)),
)  # fmt: skip

CRITERIA: tuple[Standard, ...] = (
    Standard("C1", "Vigorously investigates, prosecutes, convicts and sentences traffickers; "
             "data withheld despite capacity is presumed inaction", "22 U.S.C. 7106(b)(1)",
             (P.PROSECUTION,)),
    Standard("C2", "Protects victims, encourages their help in cases, offers alternatives to "
             "removal and does not penalise them for acts they were compelled to commit",
             "22 U.S.C. 7106(b)(2)", (P.PROTECTION,)),
    Standard("C3", "Prevents trafficking: public awareness, birth registration, conduct of "
             "nationals deployed abroad, forced and child labour, regulation of recruiters",
             "22 U.S.C. 7106(b)(3)", (P.PREVENTION,)),
    Standard("C4", "Cooperates with other governments in investigations and prosecutions",
             "22 U.S.C. 7106(b)(4)", (P.PARTNERSHIP, P.PROSECUTION)),
    Standard("C5", "Extradites persons charged with trafficking as for other serious crimes",
             "22 U.S.C. 7106(b)(5)", (P.PROSECUTION,)),
    Standard("C6", "Monitors migration for evidence of trafficking and responds lawfully",
             "22 U.S.C. 7106(b)(6)", (P.PREVENTION, P.PROSECUTION)),
    Standard("C7", "Holds complicit public officials to account, including those deployed "
             "abroad; inaction on public allegations counts against it", "22 U.S.C. 7106(b)(7)",
             (P.PROSECUTION,)),
    Standard("C8", "The share of non-citizen victims is insignificant", "22 U.S.C. 7106(b)(8)",
             (P.PREVENTION,)),
    Standard("C9", "Effective, transparent partnerships with measurable outcomes",
             "22 U.S.C. 7106(b)(9)", (P.PARTNERSHIP,)),
    Standard("C10", "Systematically monitors its own efforts and publishes assessments",
             "22 U.S.C. 7106(b)(10)", (P.PARTNERSHIP,)),
    Standard("C11", "Achieves appreciable progress compared with the previous year's assessment",
             "22 U.S.C. 7106(b)(11)", (P.CROSS_CUTTING,)),
    Standard("C12", "Reduces demand for commercial sex acts and for sex tourism by its nationals",
             "22 U.S.C. 7106(b)(12)", (P.PREVENTION,)),
)  # fmt: skip

STANDARDS_BY_ID: dict[str, Standard] = {s.id: s for s in (*MINIMUM_STANDARDS, *CRITERIA)}


class PolicyPattern(StrEnum):
    """A government policy or pattern that the statute treats as proof of no significant efforts."""

    TRAFFICKING = "trafficking"
    GOVERNMENT_FUNDED_PROGRAMS = "trafficking in government-funded programs"
    FORCED_LABOR = "forced labor in government-affiliated sectors"
    SEXUAL_SLAVERY = "sexual slavery in government camps, compounds or outposts"
    CHILD_SOLDIERS = "employing or recruiting child soldiers"


class Cite(StrEnum):
    """Citations the engine gives with its reasons."""

    TIER_LISTS = "22 U.S.C. 7107(b)(1)(A)-(C)"
    CHANGE_EXPLANATION = "22 U.S.C. 7107(b)(1)(H)"
    SPECIAL_WATCH_LIST = "22 U.S.C. 7107(b)(2)(A)"
    WATCH_LIST_CRITERIA = "22 U.S.C. 7107(b)(2)(A)(iii)"
    AUTO_DOWNGRADE = "22 U.S.C. 7107(b)(2)(D)(i)"
    WAIVER = "22 U.S.C. 7107(b)(2)(D)(ii)"
    REENTRY = "22 U.S.C. 7107(b)(2)(F)"
    SIGNIFICANT_EFFORTS = "22 U.S.C. 7107(b)(3)(A)"
    POLICY_OR_PATTERN = "22 U.S.C. 7107(b)(3)(B)"
    ACTION_PLAN = "22 U.S.C. 7107(b)(4)"
    DETERMINATION_WINDOW = "22 U.S.C. 7107(c)"
    TPA_EVIDENCE = "19 U.S.C. 4205(b)(6)(C)"
    SPECIAL_CASE = "State Department practice (no statutory criteria)"
    FULLY_MEETS = "22 U.S.C. 7107(b)(1)(A); 7106"
