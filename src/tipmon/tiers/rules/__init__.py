"""The TVPA tier engine: pure Python, no Django import.

This package is the one home of the statute (22 U.S.C. 7106-7107). For now it holds the
vocabulary every other part of the system shares: the tier outcomes and how a recorded
placement is known.
"""

from tipmon.tiers.rules.vocabulary import (
    FIRST_REPORT_YEAR,
    Basis,
    Tier,
    parse_basis,
    parse_tier,
)

__all__ = ["FIRST_REPORT_YEAR", "Basis", "Tier", "parse_basis", "parse_tier"]
