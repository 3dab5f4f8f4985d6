"""Assistance models: historical grants, programs and their results (and, from other
modules, compacts and operations). Import models from here, not from the submodules."""

from tipmon.assistance.models.grants import Grant
from tipmon.assistance.models.programs import (
    Age,
    Attachment,
    Channel,
    Direction,
    Disaggregation,
    Funding,
    ImplementerType,
    Indicator,
    IndicatorValue,
    Program,
    ProgramStatus,
    ProgressReport,
    ReportingPeriod,
    Scope,
    Sex,
    Unit,
    ValueKind,
)

__all__ = [
    "Age",
    "Attachment",
    "Channel",
    "Direction",
    "Disaggregation",
    "Funding",
    "Grant",
    "ImplementerType",
    "Indicator",
    "IndicatorValue",
    "Program",
    "ProgramStatus",
    "ProgressReport",
    "ReportingPeriod",
    "Scope",
    "Sex",
    "Unit",
    "ValueKind",
]  # fmt: skip
