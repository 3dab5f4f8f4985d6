"""The IATI code-list values the export writes, as enumerations.

Each member's value is the code the IATI 2.03 code list defines; the member name is the
code list's label. Only the codes a TIP Monitor program can need are listed, so a typo in
a caller cannot produce a code the list does not hold.
"""

from __future__ import annotations

from enum import StrEnum


class ActivityStatus(StrEnum):
    """IATI ActivityStatus."""

    PIPELINE = "1"
    IMPLEMENTATION = "2"
    FINALISATION = "3"
    CLOSED = "4"
    CANCELLED = "5"
    SUSPENDED = "6"


class ActivityDateType(StrEnum):
    """IATI ActivityDateType."""

    PLANNED_START = "1"
    ACTUAL_START = "2"
    PLANNED_END = "3"
    ACTUAL_END = "4"


class OrganisationRole(StrEnum):
    """IATI OrganisationRole."""

    FUNDING = "1"
    ACCOUNTABLE = "2"
    EXTENDING = "3"
    IMPLEMENTING = "4"


class OrganisationType(StrEnum):
    """IATI OrganisationType."""

    GOVERNMENT = "10"
    LOCAL_GOVERNMENT = "11"
    OTHER_PUBLIC_SECTOR = "15"
    INTERNATIONAL_NGO = "21"
    NATIONAL_NGO = "22"
    REGIONAL_NGO = "23"
    PARTNER_COUNTRY_BASED_NGO = "24"
    PUBLIC_PRIVATE_PARTNERSHIP = "30"
    MULTILATERAL = "40"
    FOUNDATION = "60"
    PRIVATE_SECTOR = "70"
    ACADEMIC_TRAINING_RESEARCH = "80"
    OTHER = "90"


class TransactionType(StrEnum):
    """IATI TransactionType: an obligation is a commitment (2)."""

    INCOMING_FUNDS = "1"
    COMMITMENT = "2"
    DISBURSEMENT = "3"
    EXPENDITURE = "4"


class BudgetType(StrEnum):
    """IATI BudgetType."""

    ORIGINAL = "1"
    REVISED = "2"


class BudgetStatus(StrEnum):
    """IATI BudgetStatus."""

    INDICATIVE = "1"
    COMMITTED = "2"


class ResultType(StrEnum):
    """IATI ResultType."""

    OUTPUT = "1"
    OUTCOME = "2"
    IMPACT = "3"
    OTHER = "9"


class IndicatorMeasure(StrEnum):
    """IATI IndicatorMeasure, limited to the numeric measures a target or actual can carry."""

    UNIT = "1"
    PERCENTAGE = "2"


class DescriptionType(StrEnum):
    """IATI DescriptionType."""

    GENERAL = "1"
    OBJECTIVES = "2"
    TARGET_GROUPS = "3"
    OTHER = "4"


# Vocabularies named by code in attributes.
SECTOR_VOCABULARY_DAC_5 = "1"  # SectorVocabulary 1: OECD DAC CRS purpose codes (5 digit)
REGION_VOCABULARY_DAC = "1"  # RegionVocabulary 1: OECD DAC region codes
OTHER_IDENTIFIER_INTERNAL = "A1"  # OtherIdentifierType A1: reporting organisation's own id

# OECD DAC CRS codes used as activity defaults (the caller may override each).
COLLABORATION_BILATERAL = "1"  # CollaborationType 1: bilateral
FLOW_ODA = "10"  # FlowType 10: official development assistance
FINANCE_STANDARD_GRANT = "110"  # FinanceType 110: standard grant
AID_PROJECT_TYPE = "C01"  # AidType C01: project-type interventions

# DAC 5-digit purpose codes suited to anti-trafficking programs (see docs/iati.md).
SECTOR_MIGRATION = "15190"  # Facilitation of orderly, safe, regular and responsible migration
SECTOR_HUMAN_RIGHTS = "15160"  # Human rights
SECTOR_ENDING_VAWG = "15180"  # Ending violence against women and girls
