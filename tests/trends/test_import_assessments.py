"""Published assessments' law-enforcement data as statistics; a draft's never appear."""

from __future__ import annotations

import csv
import io
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from tipmon.assessments.models import CountryAssessment, ReportingCycle, State
from tipmon.assessments.publication import publish_cycle
from tipmon.assessments.services import open_cycle
from tipmon.data.models import Dataset
from tipmon.trends.importers.assessments import import_assessments, snapshot_cycle
from tipmon.trends.law_enforcement_countries import (
    country_law_enforcement,
    global_law_enforcement_by_year,
    law_enforcement_by_country,
)
from tipmon.trends.models import CountryLawEnforcement

pytestmark = pytest.mark.django_db

URL = "/api/v1/law-enforcement/countries"
#: A figure only the 2027 draft holds: it must never appear anywhere.
DRAFT_FIGURE = 987_654


def approve_all(cycle: ReportingCycle) -> None:
    items = list(CountryAssessment.objects.filter(cycle=cycle))
    for item in items:
        item.state, item.final_tier = State.APPROVED, "Tier 2"
    CountryAssessment.objects.bulk_update(items, ["state", "final_tier"])


def set_figures(cycle: ReportingCycle, iso3: str, **figures: int | None) -> None:
    CountryAssessment.objects.filter(cycle=cycle, country_id=iso3).update(**figures)


@pytest.fixture
def published(cycle: ReportingCycle, approver: User) -> ReportingCycle:
    """The 2026 cycle, published, with Nepal's and Thailand's figures filled in."""
    set_figures(cycle, "NPL", prosecutions_sex=120, prosecutions_labor=15, victims_identified=900)
    set_figures(cycle, "THA", prosecutions_sex=300, convictions_sex=210, victims_identified=1200)
    approve_all(cycle)
    publish_cycle(cycle, approver)
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def draft(published: ReportingCycle) -> ReportingCycle:
    """The 2027 cycle, still drafting, with a figure nobody may see yet."""
    cycle = open_cycle(2027)
    set_figures(cycle, "NPL", prosecutions_sex=DRAFT_FIGURE, victims_identified=DRAFT_FIGURE)
    return cycle


def state() -> list[tuple[object, ...]]:
    rows = CountryLawEnforcement.objects.order_by("pk").values_list(
        "pk", "country_id", "report_year", "prosecutions_sex", "dataset__loaded_at"
    )
    return list(rows)


def test_publishing_a_cycle_snapshots_its_law_enforcement_data(published: ReportingCycle) -> None:
    nepal = CountryLawEnforcement.objects.get(country_id="NPL", report_year=2026)
    assert (nepal.prosecutions_sex, nepal.prosecutions_labor, nepal.victims_identified) == (
        120, 15, 900,
    )  # fmt: skip
    assert nepal.convictions_sex is None  # not reported, never 0
    assert (nepal.data_year, nepal.period_start, nepal.period_end) == (
        2025, date(2025, 4, 1), date(2026, 3, 31),
    )  # fmt: skip
    assert nepal.source == "/reports/2026/NPL"
    assert nepal.dataset.key == "tipmon_law_enforcement_2026"
    assert CountryLawEnforcement.objects.filter(report_year=2026).count() == (
        CountryAssessment.objects.filter(cycle=published).count()
    )


def test_the_snapshot_records_its_provenance(published: ReportingCycle) -> None:
    dataset = Dataset.objects.get(key="tipmon_law_enforcement_2026")
    assert dataset.producer == "TIP Monitor assessment cycle"
    assert dataset.edition.startswith("2026 report, published ")
    assert "1 April 2025 to 31 March 2026" in dataset.caveats
    assert dataset.row_count == CountryLawEnforcement.objects.filter(report_year=2026).count()


def test_importing_published_cycles_again_writes_nothing(published: ReportingCycle) -> None:
    before = state()
    reports = import_assessments()
    assert [(r.report_year, r.status) for r in reports] == [(2026, "unchanged")]
    assert reports[0].with_figures == 2
    assert state() == before


def test_an_import_restores_a_snapshot_that_was_lost(published: ReportingCycle) -> None:
    CountryLawEnforcement.objects.filter(country_id="NPL").delete()
    [report] = import_assessments(2026)
    assert report.status == "imported"
    nepal = CountryLawEnforcement.objects.get(country_id="NPL", report_year=2026)
    assert nepal.prosecutions_sex == 120


def test_a_draft_cycle_is_refused_and_nothing_is_written(draft: ReportingCycle) -> None:
    before = state()
    with pytest.raises(CommandError, match="The 2027 cycle is not published"):
        call_command("data", "import", "assessments", "--cycle", "2027", stdout=StringIO())
    with pytest.raises(CommandError, match="There is no 2031 cycle"):
        call_command("data", "import", "assessments", "--cycle", "2031", stdout=StringIO())
    assert state() == before
    assert not CountryLawEnforcement.objects.filter(report_year=2027).exists()


def test_importing_every_cycle_skips_the_drafts(draft: ReportingCycle) -> None:
    CountryLawEnforcement.objects.all().delete()
    out = StringIO()
    call_command("data", "import", "assessments", stdout=out)
    assert "tipmon_law_enforcement_2026: " in out.getvalue()
    assert "2027" not in out.getvalue()
    assert set(CountryLawEnforcement.objects.values_list("report_year", flat=True)) == {2026}
    assert not CountryLawEnforcement.objects.filter(prosecutions_sex=DRAFT_FIGURE).exists()


def test_a_snapshot_of_an_unpublished_cycle_is_refused_even_when_called_directly(
    draft: ReportingCycle,
) -> None:
    approve_all(draft)
    with pytest.raises(LookupError, match="not published"):
        snapshot_cycle(draft)


def test_the_dry_run_writes_nothing(published: ReportingCycle) -> None:
    CountryLawEnforcement.objects.filter(country_id="THA").delete()
    before = state()
    out = StringIO()
    call_command("data", "import", "assessments", "--dry-run", stdout=out)
    assert "would be imported" in out.getvalue()
    assert state() == before


def test_a_countrys_series_and_the_global_sum_by_year(draft: ReportingCycle) -> None:
    nepal = country_law_enforcement("npl")
    assert [(p.data_year, p.prosecutions_sex) for p in nepal.points] == [(2025, 120)]
    assert [s.key for s in nepal.sources] == ["tipmon_law_enforcement_2026"]
    [year], sources = global_law_enforcement_by_year()
    assert (year.data_year, year.report_year) == (2025, 2026)
    assert year.totals["prosecutions_sex"] == 420
    assert year.totals["victims_identified"] == 2100
    assert year.totals["convictions_sex"] == 210
    assert year.totals["officials_convicted"] is None  # nobody reported it: not 0
    assert year.reporting["prosecutions_sex"] == 2
    assert [s.key for s in sources] == ["tipmon_law_enforcement_2026"]


def test_rows_of_an_unpublished_cycle_are_never_read_even_if_present(
    draft: ReportingCycle,
) -> None:
    nepal = CountryLawEnforcement.objects.get(country_id="NPL", report_year=2026)
    nepal.pk, nepal.report_year, nepal.prosecutions_sex = None, 2027, DRAFT_FIGURE
    nepal.save()
    figures = [p.prosecutions_sex for p in law_enforcement_by_country(country="NPL").points]
    assert figures == [120]


def test_the_api_lists_published_figures_with_their_source(
    client: Client, draft: ReportingCycle
) -> None:
    body = client.get(URL, {"country": "NPL"}).json()
    assert body["ok"] is True
    [nepal] = body["data"]
    assert (nepal["iso3"], nepal["data_year"], nepal["prosecutions_sex"]) == ("NPL", 2025, 120)
    assert nepal["source"] == "/reports/2026/NPL"
    assert [s["dataset"] for s in body["meta"]["source"]] == ["tipmon_law_enforcement_2026"]
    assert str(DRAFT_FIGURE) not in client.get(URL, {"page_size": 500}).content.decode()


def test_the_api_filters_by_region_and_years_and_pages(
    client: Client, published: ReportingCycle
) -> None:
    body = client.get(URL, {"region": "SCA", "page_size": 2}).json()
    assert {row["bureau"] for row in body["data"]} == {"SCA"}
    assert body["meta"]["page"]["page_size"] == 2
    assert (
        body["meta"]["page"]["total"]
        == CountryLawEnforcement.objects.filter(country__bureau="SCA").count()
    )
    assert client.get(URL, {"first_year": 2026}).json()["data"] == []
    assert len(client.get(URL, {"last_year": 2025, "country": "THA"}).json()["data"]) == 1


def test_the_api_refuses_bad_filters(client: Client, published: ReportingCycle) -> None:
    assert client.get(URL, {"region": "XX"}).status_code == 400
    assert client.get(URL, {"country": "NPLX"}).status_code == 400
    missing = client.get(URL, {"country": "ZZZ"})
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")


def test_the_csv_download_names_each_rows_dataset(client: Client, draft: ReportingCycle) -> None:
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    nepal = next(r for r in rows if r["iso3"] == "NPL")
    assert (nepal["prosecutions_sex"], nepal["convictions_sex"]) == ("120", "")
    assert nepal["dataset"] == "tipmon_law_enforcement_2026"
    assert nepal["attribution"].startswith("Trafficking in Persons Report 2026")
    assert str(DRAFT_FIGURE) not in response.content.decode()


def test_the_global_series_of_the_report_is_not_touched(published: ReportingCycle) -> None:
    from tipmon.trends.services import law_enforcement_series

    years = [p.data_year for p in law_enforcement_series().points]
    assert years == sorted(set(years))


def test_with_no_published_cycle_the_command_says_so_and_writes_nothing(
    cycle: ReportingCycle,
) -> None:
    out = StringIO()
    call_command("data", "import", "assessments", stdout=out)
    assert out.getvalue().strip() == "No cycle is published yet: nothing to import."
    assert not CountryLawEnforcement.objects.exists()
