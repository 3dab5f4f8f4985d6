"""IATI activity export (standard 2.03): plain dataclasses in, XML bytes out.

A pure core: it imports nothing from Django, so the Django side maps programs, awards and
results onto :class:`Activity` and calls :func:`write_activities`. The official schema
files it is tested against live in ``schema/2.03/`` (see the README there).
"""

from __future__ import annotations

from pathlib import Path

from tipmon.assistance.iati.codes import (
    SECTOR_ENDING_VAWG,
    SECTOR_HUMAN_RIGHTS,
    SECTOR_MIGRATION,
    ActivityStatus,
    BudgetStatus,
    BudgetType,
    DescriptionType,
    IndicatorMeasure,
    OrganisationRole,
    OrganisationType,
    ResultType,
    TransactionType,
)
from tipmon.assistance.iati.model import (
    PLACEHOLDER_REPORTING_ORG_REF,
    Activity,
    Baseline,
    Budget,
    Dimension,
    Indicator,
    Measurement,
    Organisation,
    Period,
    RecipientCountry,
    RecipientRegion,
    ReportingOrg,
    Result,
    Sector,
    SourceNote,
    Transaction,
)
from tipmon.assistance.iati.writer import EXTENSION_NS, IATI_VERSION, write_activities

SCHEMA_DIR = Path(__file__).resolve().parent / "schema" / IATI_VERSION
ACTIVITY_SCHEMA = SCHEMA_DIR / "iati-activities-schema.xsd"

__all__ = [
    "ACTIVITY_SCHEMA",
    "EXTENSION_NS",
    "IATI_VERSION",
    "PLACEHOLDER_REPORTING_ORG_REF",
    "SCHEMA_DIR",
    "SECTOR_ENDING_VAWG",
    "SECTOR_HUMAN_RIGHTS",
    "SECTOR_MIGRATION",
    "Activity",
    "ActivityStatus",
    "Baseline",
    "Budget",
    "BudgetStatus",
    "BudgetType",
    "DescriptionType",
    "Dimension",
    "Indicator",
    "IndicatorMeasure",
    "Measurement",
    "Organisation",
    "OrganisationRole",
    "OrganisationType",
    "Period",
    "RecipientCountry",
    "RecipientRegion",
    "ReportingOrg",
    "Result",
    "ResultType",
    "Sector",
    "SourceNote",
    "Transaction",
    "TransactionType",
    "write_activities",
]
