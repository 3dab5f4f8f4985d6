"""Terms that meet the model standards, shared by the model-document tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tipmon.documents.rules import Terms

GOOD = Terms(
    employer_name="Rima Haddad",
    employer_address="12 Rue Gouraud, Beirut",
    worker_name="Maria Santos",
    country="LBN",
    wage=Decimal("450.00"),
    currency="USD",
    wage_period="month",
    hours_per_day=Decimal(8),
    hours_per_week=Decimal(48),
    rest_days=1,
    annual_leave_days=18,
    passport_holder="worker",
    fees_paid_by="employer",
    start=date(2026, 1, 5),
    end=None,
    duties="Cooking, cleaning and laundry",
    accommodation="live_in",
)
