"""The TVPA tier engine: pure Python, no Django import.

The one home of the statute (22 U.S.C. 7106-7107): the minimum standards and criteria as
data, the regimes by report year, the Watch List clock (automatic downgrade, waivers,
re-entry), the check of a proposed tier, the lists derived per report year, and a replay
of recorded history. Every outcome comes with reasons that cite the statute.
"""

from tipmon.tiers.rules.clock import Event, EventKind, Reason, YearStatus, walk
from tipmon.tiers.rules.decide import Decision, Findings, decide
from tipmon.tiers.rules.lists import YearLists, status_reasons, statutory_list, year_lists
from tipmon.tiers.rules.regimes import (
    DEFAULT_CONFIG,
    CountBasis,
    Regime,
    RulesConfig,
    WaiverTransition,
    regime_for,
)
from tipmon.tiers.rules.replay import Replay, replay
from tipmon.tiers.rules.statute import CRITERIA, MINIMUM_STANDARDS, Cite, PolicyPattern
from tipmon.tiers.rules.vocabulary import (
    FIRST_REPORT_YEAR,
    Basis,
    Tier,
    parse_basis,
    parse_tier,
)

__all__ = [
    "CRITERIA", "DEFAULT_CONFIG", "FIRST_REPORT_YEAR", "MINIMUM_STANDARDS", "Basis", "Cite",
    "CountBasis", "Decision", "Event", "EventKind", "Findings", "PolicyPattern", "Reason",
    "Regime", "Replay", "RulesConfig", "Tier", "WaiverTransition", "YearLists", "YearStatus",
    "decide", "parse_basis", "parse_tier", "regime_for", "replay", "status_reasons",
    "statutory_list", "walk", "year_lists",
]  # fmt: skip
