"""The forecast on the bundled record: the backtest the docs quote, the cache, the page."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from django.test import Client

from tipmon.countries.models import Country
from tipmon.countries.services import forecast_model
from tipmon.data.models import Dataset
from tipmon.tiers.models import TierPlacement
from tipmon.trends.forecast.report import backtest_markdown

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "forecast.md"


def unplaced_in_2025() -> Country:
    """A covered country with no 2025 placement: the record has none left, so this test's
    transaction removes one (Algeria's) and the rollback restores it."""
    TierPlacement.objects.filter(report_year=2025, country_id="DZA").delete()
    placed = TierPlacement.objects.filter(report_year=2025).values_list("country_id", flat=True)
    missing = Country.objects.filter(tip_covered=True).exclude(iso3__in=placed).first()
    assert missing is not None
    return missing


def test_the_backtest_runs_for_every_report_year_2010_to_2025() -> None:
    model = forecast_model()
    assert model is not None
    bt = model.backtest
    assert [y.year for y in bt.years] == list(range(2010, 2026))
    assert all(y.all_cases.model.cases > 100 for y in bt.years)
    # Trained on earlier years only: each year adds the previous year's cases.
    assert [y.trained_on for y in bt.years] == sorted(y.trained_on for y in bt.years)
    assert bt.years[1].trained_on - bt.years[0].trained_on == bt.years[0].all_cases.model.cases
    assert bt.overall.model.cases == sum(y.all_cases.model.cases for y in bt.years)
    assert bt.overall.baseline.predicted_changes == 0


def test_the_docs_quote_the_measured_backtest() -> None:
    model = forecast_model()
    assert model is not None
    docs = DOCS.read_text()
    for line in backtest_markdown(model.backtest):
        assert line in docs, f"docs/forecast.md does not show: {line}"
    overall = model.backtest.overall
    assert round(100 * overall.model.accuracy, 1) == 77.3
    assert round(100 * overall.baseline.accuracy, 1) == 77.1
    assert f"{100 * model.backtest.clock.model.accuracy:.1f}%" in docs


def test_the_model_is_trained_once_per_state_of_the_data() -> None:
    first = forecast_model()
    assert first is not None
    assert forecast_model() is first
    TierPlacement.objects.create(
        country_id="DZA", report_year=first.outlook.year, tier="Tier 2", basis="news",
        name_in_source="Algeria", source="a test", source_row=0,
        dataset=Dataset.objects.get(key="tier_placements"),
    )  # fmt: skip
    again = forecast_model()
    assert again is not first
    assert again is not None
    assert again.outlook.year == first.outlook.year + 1


def test_a_profile_shows_the_forecast_with_its_backtest_accuracy(client: Client) -> None:
    html = client.get("/countries/DZA").content.decode()
    section = html.split('id="forecast"')[1].split("</section>")[0]
    assert "Statistical forecast for the 2026 report" in section
    assert "not an assessment" in section
    table = section.split('id="forecast-table"')[1].split("</table>")[0]
    tiers = [t for t in ("Tier 2 Watch List", "Tier 2<", "Tier 3", "Tier 1") if t in table]
    assert table.index("Tier 2 Watch List") < table.index("Tier 2<")  # the most likely first
    assert len(tiers) == 4
    assert "<strong>77.3%</strong>" in section
    assert "<strong>77.1%</strong>" in section
    assert "Where the Watch List clock binds" in section  # Algeria: a third year needs a waiver
    assert "docs/forecast.md" in section


def test_a_profile_says_why_there_is_no_forecast(client: Client) -> None:
    missing = unplaced_in_2025()
    html = client.get(f"/countries/{missing.iso3}").content.decode()
    section = html.split('id="forecast"')[1].split("</section>")[0]
    assert "No forecast: the record has no placement" in section
    assert 'id="forecast-table"' not in section
    assert "<strong>77.3%</strong>" in section


def test_the_forecast_names_the_data_it_was_computed_from(client: Client) -> None:
    html = client.get("/countries/NPL").content.decode()
    line = unescape(html.split('id="forecast-sources"')[1].split("</p>")[0])
    tiers, unodc = (Dataset.objects.get(key=k) for k in ("tier_placements", "unodc_glotip_totals"))
    assert tiers.title in line
    assert tiers.edition in line
    assert unodc.title in line
    assert unodc.edition in line


def test_the_api_gives_the_forecast_with_its_backtest_and_sources(client: Client) -> None:
    body = client.get("/api/v1/countries/dza/forecast").json()
    assert body["ok"] is True
    data = body["data"]
    assert data["year"] == 2026
    assert data["forecast"]["clock"] == "waiver"
    assert sum(p["probability"] for p in data["forecast"]["probabilities"]) == pytest.approx(
        1, abs=1e-3
    )
    assert data["backtest"]["overall"]["model"]["accuracy"] == pytest.approx(0.7727, abs=5e-4)
    assert data["backtest"]["overall"]["baseline"]["accuracy"] == pytest.approx(0.7705, abs=5e-4)
    assert [s["dataset"] for s in body["meta"]["source"]] == [
        "tier_placements", "unodc_glotip_totals",
    ]  # fmt: skip
    missing = unplaced_in_2025()
    empty = client.get(f"/api/v1/countries/{missing.iso3}/forecast").json()["data"]
    assert empty["forecast"] is None
    assert "No forecast" in empty["note"]
    assert client.get("/api/v1/countries/XXX/forecast").status_code == 404
