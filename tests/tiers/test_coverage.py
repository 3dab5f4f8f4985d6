"""The record against the totals the reports state: a disagreement needs an explanation."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tipmon.tiers.coverage import coverage
from tipmon.tiers.models import StatedTotal

pytestmark = pytest.mark.django_db


def test_every_stated_total_agrees_with_the_record_or_carries_an_explanation() -> None:
    years = coverage()
    assert [y.year for y in years] == list(range(2001, 2026))
    problems = [(y.year, c.category, c.recorded, c.stated) for y in years for c in y.unexplained]
    assert problems == [], "stated totals that disagree with no recorded explanation"


def test_a_disagreement_without_explanation_is_caught() -> None:
    total = StatedTotal.objects.filter(category="Tier 1", explanation="").first()
    assert total is not None
    total.stated_count += 1
    total.save()
    year = next(y for y in coverage() if y.year == total.report_year)
    assert [c.category for c in year.unexplained] == ["Tier 1"]


def test_counts_of_sourced_secondary_and_inferred_add_up() -> None:
    for y in coverage():
        assert y.sourced + y.secondary + y.inferred == y.placed


def test_the_coverage_command_prints_every_year() -> None:
    out = StringIO()
    call_command("data", "coverage", stdout=out)
    text = out.getvalue()
    assert "2001" in text
    assert "2025" in text
    assert "DISAGREES" not in text


def test_the_missing_list_names_countries_placed_in_neighbouring_years() -> None:
    out = StringIO()
    call_command("data", "coverage", "--missing", stdout=out)
    assert "Not recorded, though placed the year before or after" in out.getvalue()
    # Each year's line says what its stated total of countries makes of the gaps.
    lines = [line for line in out.getvalue().splitlines() if line[:4].isdigit() and ": " in line]
    assert lines
    assert all(line.endswith(")") and "  (" in line for line in lines)
    assert any("not in that report" in line for line in lines)
    assert any("unrecorded; no stored source found yet" in line for line in lines)
