"""The model standards, as a pure core: each breach refused with an explanation, valid terms
accepted, and random terms never crash the check."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from documents.sample import GOOD
from tipmon.documents import rules
from tipmon.documents.rules import Terms, check

RULES = Path(rules.__file__)


def codes(terms: Terms) -> set[tuple[str, str]]:
    return {(b.field, b.code) for b in check(terms).breaches}


def test_the_rules_module_imports_no_django() -> None:
    tree = ast.parse(RULES.read_text())
    for node in ast.walk(tree):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        )
        assert not any(n.split(".")[0] == "django" for n in names)


def test_it_accepts_terms_that_meet_the_model_standards() -> None:
    assert check(GOOD).allowed
    assert check(dataclasses.replace(GOOD, end=date(2028, 1, 4))).allowed


def test_it_refuses_a_passport_held_by_the_employer_or_an_agency_and_says_why() -> None:
    for holder in ("employer", "agency"):
        decision = check(dataclasses.replace(GOOD, passport_holder=holder))
        assert not decision.allowed
        (breach,) = decision.for_field("passport_holder")
        assert breach.code == "passport"
        assert "keeps their own passport" in breach.message
        assert "forced labour" in breach.message


def test_it_refuses_recruitment_fees_charged_to_the_worker_and_says_why() -> None:
    (breach,) = check(dataclasses.replace(GOOD, fees_paid_by="worker")).breaches
    assert (breach.field, breach.code) == ("fees_paid_by", "fees")
    assert "never charged to the worker" in breach.message
    assert check(dataclasses.replace(GOOD, fees_paid_by="none")).allowed


def test_it_refuses_a_week_without_a_rest_day_and_a_week_without_a_working_day() -> None:
    assert codes(dataclasses.replace(GOOD, rest_days=0)) >= {("rest_days", "rest")}
    assert ("rest_days", "contradiction") in codes(dataclasses.replace(GOOD, rest_days=7))


def test_it_refuses_hours_above_the_stated_maximum() -> None:
    assert ("hours_per_day", "hours") in codes(dataclasses.replace(GOOD, hours_per_day=Decimal(12)))
    assert ("hours_per_week", "hours") in codes(
        dataclasses.replace(GOOD, hours_per_week=Decimal(60))
    )


def test_it_refuses_weekly_hours_that_the_working_days_cannot_hold() -> None:
    terms = dataclasses.replace(
        GOOD, hours_per_day=Decimal(6), hours_per_week=Decimal(40), rest_days=2
    )
    (breach,) = check(terms).breaches
    assert (breach.field, breach.code) == ("hours_per_week", "contradiction")
    assert "5 working days of 6 hours" in breach.message


def test_it_refuses_a_wage_of_zero_or_below() -> None:
    for wage in (Decimal(0), Decimal("-1")):
        assert ("wage", "wage") in codes(dataclasses.replace(GOOD, wage=wage))


def test_it_refuses_an_end_date_on_or_before_the_start() -> None:
    for end in (GOOD.start, date(2025, 12, 31)):
        (breach,) = check(dataclasses.replace(GOOD, end=end)).breaches
        assert (breach.field, breach.code) == ("end", "contradiction")


def test_it_refuses_annual_leave_below_three_working_weeks() -> None:
    (breach,) = check(dataclasses.replace(GOOD, annual_leave_days=10)).breaches
    assert breach.field == "annual_leave_days"
    assert "18 working days" in breach.message
    five_day_week = dataclasses.replace(GOOD, rest_days=2, hours_per_week=Decimal(40))
    assert check(dataclasses.replace(five_day_week, annual_leave_days=15)).allowed


def test_it_names_every_missing_field_except_the_optional_end_date() -> None:
    decision = check(Terms())
    missing = {b.field for b in decision.breaches if b.code == "missing"}
    assert missing == {f.name for f in dataclasses.fields(Terms)} - {"end"}


def test_it_refuses_a_currency_that_is_not_an_iso_code_and_an_unknown_choice() -> None:
    assert ("currency", "currency") in codes(dataclasses.replace(GOOD, currency="dollars"))
    assert ("passport_holder", "unknown") in codes(dataclasses.replace(GOOD, passport_holder="x"))


# Property tests.

decimals = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False)
hours = st.decimals(min_value=-5, max_value=200, places=1, allow_nan=False)
days = st.integers(min_value=-3, max_value=400)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
text = st.text(max_size=30)
terms = st.builds(
    Terms,
    employer_name=text,
    employer_address=text,
    worker_name=text,
    country=text,
    wage=st.none() | decimals,
    currency=text | st.sampled_from(["USD", "EUR", "SAR"]),
    wage_period=text | st.sampled_from(["month", "week", "hour"]),
    hours_per_day=st.none() | hours,
    hours_per_week=st.none() | hours,
    rest_days=st.none() | st.integers(min_value=-3, max_value=9),
    annual_leave_days=st.none() | days,
    passport_holder=st.sampled_from(["", "worker", "employer", "agency", "?"]),
    fees_paid_by=st.sampled_from(["", "employer", "none", "worker", "?"]),
    start=st.none() | dates,
    end=st.none() | dates,
    duties=text,
    accommodation=st.sampled_from(["", "live_in", "live_out", "?"]),
)


@st.composite
def valid_terms(draw: st.DrawFn) -> Terms:
    rest = draw(st.integers(min_value=1, max_value=6))
    day = draw(st.decimals(min_value=Decimal("0.5"), max_value=rules.MAX_HOURS_PER_DAY, places=1))
    week_cap = min(rules.MAX_HOURS_PER_WEEK, day * (7 - rest))
    week = draw(st.decimals(min_value=Decimal("0.5"), max_value=week_cap, places=1))
    start = draw(dates)
    end = draw(
        st.none()
        | st.integers(min_value=1, max_value=4000).map(lambda n: start + timedelta(days=n))
    )
    return dataclasses.replace(
        GOOD,
        wage=draw(st.decimals(min_value=Decimal("0.01"), max_value=10**7, places=2)),
        hours_per_day=day,
        hours_per_week=week,
        rest_days=rest,
        annual_leave_days=draw(st.integers(min_value=3 * (7 - rest), max_value=60)),
        passport_holder="worker",
        fees_paid_by=draw(st.sampled_from(["employer", "none"])),
        start=start,
        end=end,
    )


@given(valid_terms())
def test_terms_within_the_standards_are_always_accepted(t: Terms) -> None:
    assert check(t).allowed, check(t).breaches


@given(terms)
def test_random_terms_get_a_decision_with_an_explanation_for_each_breach(t: Terms) -> None:
    decision = check(t)
    field_names = {f.name for f in dataclasses.fields(Terms)}
    assert all(b.field in field_names and len(b.message) > 20 for b in decision.breaches)
    assert decision.allowed == (not decision.breaches)


@given(terms)
def test_a_breach_of_each_standard_is_never_accepted(t: Terms) -> None:
    found = codes(t)
    if t.passport_holder in {"employer", "agency"}:
        assert ("passport_holder", "passport") in found
    if t.fees_paid_by == "worker":
        assert ("fees_paid_by", "fees") in found
    if t.rest_days is not None and t.rest_days < 1:
        assert ("rest_days", "rest") in found
    if t.wage is not None and t.wage < 0:
        assert ("wage", "wage") in found
    if t.hours_per_day is not None and t.hours_per_day > rules.MAX_HOURS_PER_DAY:
        assert ("hours_per_day", "hours") in found
    if t.hours_per_week is not None and t.hours_per_week > rules.MAX_HOURS_PER_WEEK:
        assert ("hours_per_week", "hours") in found
    if t.start and t.end and t.end < t.start:
        assert ("end", "contradiction") in found


@given(
    valid_terms(), st.sampled_from([f.name for f in dataclasses.fields(Terms) if f.name != "end"])
)
def test_blanking_any_required_field_of_valid_terms_is_refused_as_missing(
    t: Terms, name: str
) -> None:
    blank = None if getattr(t, name) is None or not isinstance(getattr(t, name), str) else " "
    decision = check(dataclasses.replace(t, **{name: blank}))
    assert [(b.field, b.code) for b in decision.breaches] == [(name, "missing")]
