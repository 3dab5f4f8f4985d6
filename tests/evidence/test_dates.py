"""Dates in passages and the TIP reporting period they fall in."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipmon.evidence.pipeline.dates import find_dates, period_of, report_year_for
from tipmon.evidence.pipeline.types import DateMention


def found(text: str, language: str = "en") -> list[tuple[str, int, int | None, int | None]]:
    return [(d.surface, d.year, d.month, d.day) for d in find_dates(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("On 12 March 2024 the court ruled.", "en", ("12 March 2024", 2024, 3, 12)),
        ("On March 12, 2024 the court ruled.", "en", ("March 12, 2024", 2024, 3, 12)),
        ("El 12 de marzo de 2024 el tribunal", "es", ("12 de marzo de 2024", 2024, 3, 12)),
        ("Le 12 mars 2024, le tribunal", "fr", ("12 mars 2024", 2024, 3, 12)),
        ("Le 1er août 2023, le tribunal", "fr", ("1er août 2023", 2023, 8, 1)),
        ("filed 2024-03-12 by", "en", ("2024-03-12", 2024, 3, 12)),
        ("In March 2024 police", "en", ("March 2024", 2024, 3, None)),
        ("en marzo de 2023 la policía", "es", ("marzo de 2023", 2023, 3, None)),
        ("en mai 2023 la police", "fr", ("mai 2023", 2023, 5, None)),
        ("on 03/04/2024 and", "en", ("03/04/2024", 2024, 3, 4)),
        ("el 03/04/2024 y", "es", ("03/04/2024", 2024, 4, 3)),
    ],
)
def test_it_reads_full_dates_and_months(
    text: str, language: str, expected: tuple[str, int, int | None, int | None]
) -> None:
    assert found(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("In 2023 the government prosecuted 12 suspects.", [2023]),
        ("durante 2022 y desde 2019", [2022, 2019]),
        ("depuis 2019, pendant 2021", [2019, 2021]),
        ("between 2021 and 2023", [2021, 2023]),
        ("a plan adopted in 2022-2023", [2022, 2023]),
        ("the report (2022) says", [2022]),
    ],
)
def test_it_reads_bare_years_in_date_context(text: str, years: list[int]) -> None:
    assert [d.year for d in find_dates(text)] == years


@pytest.mark.parametrize(
    "text",
    [
        "It identified 2,024 victims.",
        "It identified 2024 victims.",
        "It rose to 2030 cases.",
        "Law No. 2019/45 and article 2001",
        "a fine of 2 000 dollars",
        "in 1850 and in 2045",
        "On 31 February 2024 nothing happened.",
    ],
)
def test_it_does_not_take_numbers_for_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("date", "report_year"),
    [
        (dt.date(2023, 4, 1), 2024),
        (dt.date(2024, 3, 31), 2024),
        (dt.date(2024, 4, 1), 2025),
        (dt.date(2023, 3, 31), 2023),
        (dt.date(2023, 12, 25), 2024),
    ],
)
def test_a_date_falls_in_the_report_year_whose_period_holds_it(
    date: dt.date, report_year: int
) -> None:
    assert report_year_for(date.year, date.month, date.day) == report_year


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2039, 12, 31)))
def test_every_date_lies_inside_its_report_years_period(date: dt.date) -> None:
    year = report_year_for(date.year, date.month, date.day)
    assert dt.date(year - 1, 4, 1) <= date <= dt.date(year, 3, 31)


def test_the_period_is_where_most_dated_events_fall() -> None:
    text = "In May 2023, on 2 June 2023 and in January 2024 police acted; in March 2022 too."
    assert period_of(find_dates(text)) == 2024


def test_the_period_ignores_bare_years_and_is_none_without_months() -> None:
    assert period_of(find_dates("In 2023 and 2024 the government acted.")) is None
    assert period_of([]) is None


def test_a_tied_period_goes_to_the_later_year() -> None:
    dates = [DateMention(0, 1, "x", 2023, 5), DateMention(2, 3, "y", 2024, 5)]
    assert period_of(dates) == 2025


_parts = st.lists(
    st.sampled_from(
        ["12", " ", "March", "marzo", "de", "2024", "-", "03", "/", "in", "2,024", ",",
         "1er", "mars", "between", "and", "(", ")", "2019", "é"]
    ),
    max_size=30,
)  # fmt: skip


@given(_parts.map("".join), st.sampled_from(["en", "es", "fr"]))
def test_date_offsets_index_the_text_and_never_overlap(text: str, language: str) -> None:
    end = 0
    for mention in find_dates(text, language):
        assert text[mention.start : mention.end] == mention.surface
        assert mention.start >= end
        assert 1 <= (mention.month or 1) <= 12
        end = mention.end
