"""``tipmon trends forecast``: the backtest table, the forecasts, one country as JSON."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tipmon.countries.models import Country
from tipmon.tiers.models import TierPlacement
from tipmon.trends.forecast import ClockState

pytestmark = pytest.mark.django_db


def unplaced_in_2025() -> str:
    """The record places every covered country in 2025: this test's transaction removes one
    (Algeria's), and the rollback restores it."""
    TierPlacement.objects.filter(report_year=2025, country_id="DZA").delete()
    placed = TierPlacement.objects.filter(report_year=2025).values_list("country_id", flat=True)
    missing = Country.objects.filter(tip_covered=True).exclude(iso3__in=placed).first()
    assert missing is not None
    return missing.iso3


def test_the_command_prints_the_backtest_and_the_forecasts() -> None:
    out = StringIO()
    call_command("trends", "forecast", "--backtest", stdout=out)
    text = out.getvalue()
    assert "Backtest 2010-2025" in text
    assert "all       2956   678   77.3%  77.1%" in text
    assert "Forecast for the 2026 report" in text
    assert "\nDZA  Tier 2 Watch List" in text


def test_the_command_gives_one_country_as_json() -> None:
    out = StringIO()
    call_command("trends", "forecast", "--country", "dza", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["year"] == 2026
    [dza] = data["forecasts"]
    assert dza["iso3"] == "DZA"
    assert dza["latest_tier"] == "Tier 2 Watch List"
    assert dza["clock"] == ClockState.WAIVER.value
    assert sum(p["probability"] for p in dza["probabilities"]) == pytest.approx(1, abs=1e-3)
    assert "backtest" not in data


def test_the_command_refuses_a_country_with_no_latest_placement() -> None:
    missing = unplaced_in_2025()
    with pytest.raises(CommandError, match="no placement in the 2025 report"):
        call_command("trends", "forecast", "--country", missing, stdout=StringIO())
