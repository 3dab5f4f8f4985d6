"""Assistance targeting: a transparent country score and a budget optimizer.

Pure Python (no Django): dataclasses in, dataclasses out. ``score`` ranks countries on
need, will, capacity and funding gap with user weights; ``optimize`` allocates a budget
across countries and program types with HiGHS under award limits, regional floors,
country caps and the Tier 3 restriction of 22 U.S.C. 7107(d); ``run`` and ``compare``
work on saved scenarios. See docs/targeting.md.
"""

from tipmon.assistance.targeting.diagnose import diagnose
from tipmon.assistance.targeting.optimize import optimize
from tipmon.assistance.targeting.problem import (
    Cell,
    Constraints,
    CountryTarget,
    Problem,
    ProgramType,
    Returns,
    barred,
)
from tipmon.assistance.targeting.result import (
    Allocation,
    Award,
    ConstraintReport,
    CountryOutcome,
)
from tipmon.assistance.targeting.scenario import (
    Comparison,
    Line,
    Scenario,
    ScenarioResult,
    compare,
    run,
    targets,
)
from tipmon.assistance.targeting.score import (
    Component,
    CountryIndicators,
    CountryScore,
    Method,
    Missing,
    Part,
    ScoreConfig,
    Weights,
    normalise,
    score,
)
from tipmon.assistance.targeting.vocabulary import (
    Bureau,
    Channel,
    Conflict,
    Infeasible,
    TargetingInputError,
)

__all__ = [
    "Allocation",
    "Award",
    "Bureau",
    "Cell",
    "Channel",
    "Comparison",
    "Component",
    "Conflict",
    "ConstraintReport",
    "Constraints",
    "CountryIndicators",
    "CountryOutcome",
    "CountryScore",
    "CountryTarget",
    "Infeasible",
    "Line",
    "Method",
    "Missing",
    "Part",
    "Problem",
    "ProgramType",
    "Returns",
    "Scenario",
    "ScenarioResult",
    "ScoreConfig",
    "TargetingInputError",
    "Weights",
    "barred",
    "compare",
    "diagnose",
    "normalise",
    "optimize",
    "run",
    "score",
    "targets",
]
