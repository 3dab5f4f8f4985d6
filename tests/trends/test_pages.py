"""The trends pages on the bundled real data: HTML, CSV, JSON and SVG renderings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.test import Client

from tipmon.countries.models import Country
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Tier
from tipmon.trends.importers.services import import_unodc_export
from tipmon.trends.map_figures import tier_map
from tipmon.trends.maps import mapped_iso3
from tipmon.trends.models import UnodcFigure
from tipmon.trends.record import Gazette, TierRecord, gazette, tier_record
from trends.unodc_exports import BANNER, HEADER, csv_file, figure

pytestmark = pytest.mark.django_db
PAGES = [
    "/trends/", "/trends/transitions", "/trends/movers", "/trends/law-enforcement",
    "/trends/victims", "/trends/compare?country=THA&country=NPL", "/trends/coverage",
    "/trends/map", "/trends/map?layer=convicted&year=2018", "/trends/forecast",
]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_every_trends_page_shows_charts_tables_downloads_and_sources(
    client: Client, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-vega-spec="spec-' in html
    assert "<noscript><img src=" in html
    for download in ("format=svg", "format=csv", "format=json", "<table"):
        assert download in html
    assert "Source</p>" in html


def test_the_tier_distribution_counts_what_the_record_holds(client: Client) -> None:
    body = client.get("/trends/", {"format": "json"}).json()
    row = next(r for r in body["data"] if r["year"] == 2024)
    assert row["placed"] == TierPlacement.objects.filter(report_year=2024).count()
    assert row["Tier 3"] == TierPlacement.objects.filter(report_year=2024, tier="Tier 3").count()
    assert body["meta"]["source"][0]["dataset"] == "tier_placements"


def test_a_region_narrows_the_distribution_to_its_countries(client: Client) -> None:
    body = client.get("/trends/", {"format": "json", "region": "AF"}).json()
    row = next(r for r in body["data"] if r["year"] == 2024)
    expected = TierPlacement.objects.filter(report_year=2024, country__bureau="AF").count()
    assert row["placed"] == expected < 60


def test_the_transition_matrix_names_the_countries_that_moved(client: Client) -> None:
    before = dict(TierPlacement.objects.filter(report_year=2023).values_list("country_id", "tier"))
    after = dict(TierPlacement.objects.filter(report_year=2024).values_list("country_id", "tier"))
    moved = sorted(c for c in before.keys() & after.keys() if before[c] != after[c])
    html = client.get("/trends/transitions", {"from": "2023", "to": "2024"}).content.decode()
    assert moved, "the record should show movement between 2023 and 2024"
    for code in moved:
        assert f'href="/countries/{code}"' in html
    body = client.get("/trends/transitions", {"from": "2023", "to": "2024", "format": "json"})
    rows = body.json()["data"]
    kept = sum(r[r["from"]] for r in rows if r["from"] in r)
    assert kept == sum(1 for c in before.keys() & after.keys() if before[c] == after[c])


def test_transitions_refuse_a_backward_span(client: Client) -> None:
    response = client.get("/trends/transitions", {"from": "2024", "to": "2020"})
    assert response.status_code == 400


def test_improvers_moved_up_and_decliners_down(client: Client) -> None:
    order = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"]
    for slug, sign in (("improvers", 1), ("decliners", -1)):
        body = client.get(
            "/trends/movers", {"from": "2015", "to": "2024", "format": "json", "figure": slug}
        ).json()
        assert body["data"], slug
        for row in body["data"]:
            assert sign * (order.index(row["before"]) - order.index(row["after"])) > 0


def test_the_regional_law_enforcement_sums_mark_censored_cells_as_lower_bounds(
    client: Client,
) -> None:
    body = client.get(
        "/trends/law-enforcement",
        {"format": "json", "figure": "regional-law-enforcement", "region": "EUR"},
    ).json()
    shown = [r["s1_shown"] for r in body["data"] if r.get("s1_shown")]
    assert any(s.startswith("≥") for s in shown) or all(s[0].isdigit() for s in shown)
    europe = set(Country.objects.filter(bureau="EUR").values_list("iso3", flat=True))
    year = body["data"][-1]["year"]
    expected = UnodcFigure.objects.filter(
        dataset__key="unodc_glotip_totals", indicator="Persons prosecuted", year=year,
        sex="Total", age="Total", country__in=europe,
    )  # fmt: skip
    assert body["data"][-1]["s1"] == sum(f.value or 0 for f in expected)
    assert body["data"][-1]["s1_reporting"] == expected.count()


def test_the_global_law_enforcement_table_keeps_labor_subsets(client: Client) -> None:
    html = client.get("/trends/law-enforcement").content.decode()
    assert "(456)" in html
    assert "2024 edition" in html


def test_the_old_law_enforcement_address_redirects(client: Client) -> None:
    response = client.get("/law-enforcement")
    assert response.status_code == 301
    assert response["Location"] == "/trends/law-enforcement"


def test_a_censored_count_is_shown_as_under_five_never_zero(client: Client) -> None:
    cell = UnodcFigure.objects.filter(
        dataset__key="unodc_glotip_totals", value__isnull=True, sex="Total", age="Total",
        indicator="Detected trafficking victims",
    ).first()  # fmt: skip
    assert cell is not None
    assert cell.country_id
    body = client.get(
        "/trends/compare",
        {"country": cell.country_id, "format": "json", "figure": "compare-indicator"},
    ).json()
    row = next(r for r in body["data"] if r["year"] == cell.year)
    assert row[cell.country_id] is None
    assert row[f"{cell.country_id}_shown"] == "<5"


def test_compare_refuses_more_than_five_countries_or_an_unknown_code(client: Client) -> None:
    six = {"country": ["THA", "NPL", "IND", "BRA", "MEX", "FRA"]}
    assert client.get("/trends/compare", six).status_code == 400
    assert client.get("/trends/compare", {"country": "XXX"}).status_code == 400
    assert client.get("/trends/compare", {"indicator": "nonsense"}).status_code == 400


def test_compare_without_countries_asks_for_them(client: Client) -> None:
    html = client.get("/trends/compare").content.decode()
    assert "Choose up to 5 countries" in html


def test_a_csv_download_carries_its_sources_on_every_row(client: Client) -> None:
    response = client.get("/trends/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 25
    assert all("tier_placements" in r["sources"] for r in rows)


def test_the_svg_fallback_is_drawn_on_the_server(client: Client) -> None:
    response = client.get("/trends/transitions", {"format": "svg"})
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<svg")


def test_the_map_svg_inlines_the_boundaries(client: Client) -> None:
    response = client.get("/trends/map", {"year": "2010", "format": "svg"})
    assert response.content.count(b"<path") > 100


def test_an_unknown_figure_or_format_is_refused(client: Client) -> None:
    assert client.get("/trends/", {"format": "json", "figure": "nope"}).status_code == 404
    assert client.get("/trends/", {"format": "xml"}).status_code == 400
    assert client.get("/trends/", {"region": "MARS"}).status_code == 400


def test_the_map_lists_places_without_a_boundary() -> None:
    record = tier_record()
    assert all(iso3 in mapped_iso3() for iso3, _ in record.placements), "all placed are drawn"
    with_island = TierRecord(
        {**record.placements, ("SRK", 2024): Tier.TIER_2}, record.first, record.last,
        record.source,
    )  # fmt: skip
    places = Gazette({**gazette().names, "SRK": "Sark"}, gazette().bureaus)
    result = tier_map(with_island, places, 2024, "/map.json")
    assert result.unmapped == [("SRK", "Sark", "Tier 2")]


def test_a_year_a_map_layer_lacks_falls_back_to_the_nearest_with_a_notice(
    client: Client,
) -> None:
    html = client.get("/trends/map", {"layer": "victims", "year": "2025"}).content.decode()
    assert "No figures for 2025 on this layer; showing 2022" in html
    assert "Detected trafficking victims, 2022" in html


def test_coverage_shows_who_reports_what_and_when(client: Client) -> None:
    body = client.get("/trends/coverage", {"format": "json", "figure": "coverage-grid"}).json()
    thailand = next(r for r in body["data"] if r["country"] == "Thailand")
    reported = UnodcFigure.objects.filter(
        dataset__key="unodc_glotip_totals", country_id="THA", year=2019
    ).values_list("indicator", flat=True)
    assert thailand["2019"] == len(set(reported))
    assert thailand["placed_years"] == 25


def test_victims_by_form_of_exploitation_appear_once_the_export_is_imported(
    client: Client, tmp_path: Path
) -> None:
    html = client.get("/trends/victims").content.decode()
    assert "tipmon data import unodc FILE" in html
    assert 'id="figure-victims-by-form"' not in html
    forms = [
        figure(dimension="by form of exploitation", category=form, value=value)
        for form, value in (("Sexual exploitation", "1,200"), ("Forced labour", "<5"))
    ]
    import_unodc_export(csv_file(tmp_path / "export.csv", [*BANNER, HEADER, *forms]))
    body = client.get("/trends/victims", {"format": "json", "figure": "victims-by-form"}).json()
    assert body["data"] == [
        {"year": 2019, "s0": 0, "s0_shown": "<5", "s0_reporting": 1,
         "s1": 1200, "s1_shown": "1,200", "s1_reporting": 1}
    ]  # fmt: skip
    assert [c["label"] for c in body["meta"]["columns"]][1::2] == [
        "Forced labour", "Sexual exploitation"
    ]  # fmt: skip
    assert body["meta"]["source"][0]["dataset"] == "unodc_glotip_export"


def test_the_forecast_page_shows_each_backtest_year_beside_the_baseline(client: Client) -> None:
    body = client.get("/trends/forecast", {"format": "json", "figure": "forecast-backtest"})
    rows = body.json()["data"]
    assert [r["year"] for r in rows] == list(range(2010, 2026))
    for row in rows:
        assert 0 <= row["model_accuracy"] <= 1
        assert 0 <= row["baseline_accuracy"] <= 1
        assert row["changes_caught"] <= row["changes"] <= row["cases"]


def test_the_forecast_page_ranks_countries_by_the_chance_of_a_change(client: Client) -> None:
    body = client.get("/trends/forecast", {"format": "json", "figure": "forecast-moves"})
    chances = [r["change_probability"] for r in body.json()["data"]]
    assert len(chances) == 25
    assert chances == sorted(chances, reverse=True)
    assert "not an assessment" in client.get("/trends/forecast").content.decode()


def _sex_table(client: Client, **query: str) -> list[dict[str, object]]:
    params = {"format": "json", "figure": "victims-sex-table", **query}
    rows: list[dict[str, object]] = client.get("/trends/victims", params).json()["data"]
    return rows


def test_the_victims_table_never_exports_a_withheld_figure(client: Client) -> None:
    rows = _sex_table(client, region="EUR", year="2018")
    markers = [
        row[f"{sex}_shown"]
        for row in rows
        for sex in ("Total", "Female", "Male", "Other")
        if row[sex] is None
    ]
    assert "x" in markers, "some cells are withheld only to protect others"
    assert "<5" in markers
    for row in rows:
        for sex in ("Total", "Female", "Male", "Other"):
            if row[f"{sex}_shown"] in {"x", "<5"}:
                assert row[sex] is None


def test_the_victims_table_leaves_no_withheld_cell_recoverable() -> None:
    from tipmon.trends.disclosed_figures import protected_victims_table
    from tipmon.trends.record import unodc_cube
    from trends.test_disclosure import determined_cells

    cube = unodc_cube("Detected trafficking victims")
    for region in ("EUR", None):
        _, table, result = protected_victims_table(cube, gazette(), 2018, region, 5)
        assert result.withheld()
        assert result.exposed == ()
        assert determined_cells(table, result) == []
        assert all(result.cells[k].value is None for k in result.withheld())


def test_a_higher_threshold_withholds_more(client: Client, settings: object) -> None:
    published_at_5 = sum(
        1 for row in _sex_table(client, region="EUR", year="2018") for s in ("Female", "Male")
        if row[s] is not None
    )  # fmt: skip
    settings.TIPMON_DISCLOSURE_THRESHOLD = 50  # type: ignore[attr-defined]
    rows = _sex_table(Client(), region="EUR", year="2018")  # a new server: settings are read once
    published_at_50 = sum(1 for row in rows for s in ("Female", "Male") if row[s] is not None)
    assert published_at_50 < published_at_5
    for row in rows:
        for sex in ("Total", "Female", "Male", "Other"):
            value = row[sex]
            assert value is None or value == 0 or int(str(value)) >= 50
