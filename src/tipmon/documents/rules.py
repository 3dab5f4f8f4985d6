"""The model standards for a domestic worker's terms of employment, as a pure core.

``check(terms)`` takes the terms typed into the public form (plain data, no Django) and
returns every breach of the model standards, each tied to the field to fix and explained in
a sentence. The model documents are generated only from terms with no breach.

The standards follow the ILO Domestic Workers Convention, 2011 (No. 189) and the ILO
principles on fair recruitment: the worker keeps their own identity documents (C189 art. 9),
pays no recruitment fee (C181 art. 7, C189 art. 15), has at least one weekly rest day of 24
consecutive hours (C189 art. 10), works no more than the stated maximum hours, and is paid a
positive wage. Figures that depend on local labour law (minimum wage, notice periods, social
insurance) are not checked here: the documents leave them for local counsel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum

#: The model standards' ceiling on normal working hours (ILO C001 art. 2: 48 a week).
MAX_HOURS_PER_WEEK = Decimal(48)
#: The model standards' own ceiling on a working day, overtime included.
MAX_HOURS_PER_DAY = Decimal(10)
#: At least three working weeks of paid annual leave (ILO C132 art. 3).
MIN_LEAVE_WEEKS = 3
CURRENCY = re.compile(r"^[A-Z]{3}$")


class Holder(StrEnum):
    """Who keeps the worker's passport and other identity documents."""

    WORKER = "worker"
    EMPLOYER = "employer"
    AGENCY = "agency"


class FeePayer(StrEnum):
    """Who pays recruitment fees and related costs."""

    EMPLOYER = "employer"
    NO_FEES = "none"
    WORKER = "worker"


class WagePeriod(StrEnum):
    MONTH = "month"
    WEEK = "week"
    HOUR = "hour"


class Accommodation(StrEnum):
    LIVE_IN = "live_in"
    LIVE_OUT = "live_out"


@dataclass(frozen=True)
class Terms:
    """What the form holds; ``None`` or an empty string is a field left blank."""

    employer_name: str = ""
    employer_address: str = ""
    worker_name: str = ""
    country: str = ""
    wage: Decimal | None = None
    currency: str = ""
    wage_period: str = ""
    hours_per_day: Decimal | None = None
    hours_per_week: Decimal | None = None
    rest_days: int | None = None
    annual_leave_days: int | None = None
    passport_holder: str = ""
    fees_paid_by: str = ""
    start: date | None = None
    end: date | None = None
    duties: str = ""
    accommodation: str = ""


#: Fields that may stay blank: a contract without an end date is open-ended.
OPTIONAL = frozenset({"end"})


@dataclass(frozen=True)
class Breach:
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class Decision:
    breaches: tuple[Breach, ...] = field(default_factory=tuple)

    @property
    def allowed(self) -> bool:
        return not self.breaches

    def for_field(self, name: str) -> list[Breach]:
        return [b for b in self.breaches if b.field == name]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(terms: Terms) -> list[Breach]:
    return [
        Breach(f.name, "missing", "This is needed for the documents; please fill it in.")
        for f in fields(terms)
        if f.name not in OPTIONAL and _blank(getattr(terms, f.name))
    ]


def _choices(terms: Terms) -> list[Breach]:
    out = []
    allowed = {
        "passport_holder": {h.value for h in Holder},
        "fees_paid_by": {p.value for p in FeePayer},
        "wage_period": {p.value for p in WagePeriod},
        "accommodation": {a.value for a in Accommodation},
    }
    for name, values in allowed.items():
        value = getattr(terms, name)
        if not _blank(value) and value not in values:
            out.append(Breach(name, "unknown", f"Choose one of: {', '.join(sorted(values))}."))
    if not _blank(terms.currency) and not CURRENCY.match(terms.currency):
        out.append(
            Breach(
                "currency",
                "currency",
                "Give the currency as its three-letter ISO 4217 code, e.g. USD.",
            )
        )
    return out


def _standards(terms: Terms) -> list[Breach]:
    out = []
    if terms.passport_holder in {Holder.EMPLOYER, Holder.AGENCY}:
        out.append(
            Breach(
                "passport_holder",
                "passport",
                "The worker keeps their own passport and identity documents at all times. An "
                "employer or agency holding them restricts the worker's freedom to leave, a "
                "recognised indicator of forced labour (ILO C189 art. 9).",
            )
        )
    if terms.fees_paid_by == FeePayer.WORKER:
        out.append(
            Breach(
                "fees_paid_by",
                "fees",
                "Recruitment fees and related costs are never charged to the worker, directly or "
                "by deduction from wages; the employer pays them (ILO C181 art. 7, C189 art. 15). "
                "Fees charged to workers are a common route into debt bondage.",
            )
        )
    if terms.rest_days is not None and terms.rest_days < 1:
        out.append(
            Breach(
                "rest_days",
                "rest",
                "The worker has at least one weekly rest day of 24 consecutive hours "
                "(ILO C189 art. 10).",
            )
        )
    if terms.wage is not None and terms.wage <= 0:
        out.append(
            Breach(
                "wage",
                "wage",
                "The wage must be more than zero: work without pay is not employment. Local "
                "counsel adds the statutory minimum wage to the contract.",
            )
        )
    return out


def _hours(terms: Terms) -> list[Breach]:
    out = []
    day, week, rest = terms.hours_per_day, terms.hours_per_week, terms.rest_days
    if day is not None and not 0 < day <= MAX_HOURS_PER_DAY:
        out.append(
            Breach(
                "hours_per_day",
                "hours",
                f"Working hours must be more than 0 and at most {MAX_HOURS_PER_DAY} a day, "
                "overtime included, under the model standards.",
            )
        )
    if week is not None and not 0 < week <= MAX_HOURS_PER_WEEK:
        out.append(
            Breach(
                "hours_per_week",
                "hours",
                f"Working hours must be more than 0 and at most {MAX_HOURS_PER_WEEK} a week "
                "under the model standards (ILO C001 art. 2).",
            )
        )
    if rest is not None and rest > 6:
        out.append(
            Breach(
                "rest_days",
                "contradiction",
                "With seven rest days a week there is no working day; give at most six.",
            )
        )
    if day is not None and week is not None and rest is not None and 0 <= rest <= 6:
        working_days = 7 - rest
        if day > 0 and week > day * working_days:
            out.append(
                Breach(
                    "hours_per_week",
                    "contradiction",
                    f"{week} hours a week cannot be worked in {working_days} working days of "
                    f"{day} hours; lower the weekly hours or raise the daily hours.",
                )
            )
    return out


def _leave_and_dates(terms: Terms) -> list[Breach]:
    out = []
    leave, rest = terms.annual_leave_days, terms.rest_days
    # With the rest days missing the working week is unknown: that field's own breach says so.
    if leave is not None and rest is not None:
        working_days = 7 - rest if rest is not None and 1 <= rest <= 6 else 6
        minimum = MIN_LEAVE_WEEKS * working_days
        if leave < minimum:
            out.append(
                Breach(
                    "annual_leave_days",
                    "leave",
                    f"Paid annual leave is at least {MIN_LEAVE_WEEKS} working weeks "
                    f"({minimum} working days with {working_days} working days a week; "
                    "ILO C132 art. 3).",
                )
            )
    if terms.start is not None and terms.end is not None and terms.end <= terms.start:
        out.append(
            Breach(
                "end",
                "contradiction",
                "The end date must come after the start date; leave it blank for a contract "
                "without an end date.",
            )
        )
    return out


def check(terms: Terms) -> Decision:
    """Every breach of the model standards in ``terms``, missing fields first."""
    breaches = [
        *_missing(terms),
        *_choices(terms),
        *_standards(terms),
        *_hours(terms),
        *_leave_and_dates(terms),
    ]
    return Decision(tuple(breaches))
