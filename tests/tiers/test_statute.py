"""The tier engine over the real record: replay, pages, API and command line."""

from __future__ import annotations

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tipmon.tiers.rules import EventKind
from tipmon.tiers.statute import replay_record

pytestmark = pytest.mark.django_db


def test_the_real_history_replays_with_no_unexplained_violation() -> None:
    record = replay_record()
    assert (record.first, record.last) == (2001, 2025)
    assert record.count(EventKind.VIOLATION) == 0
    assert record.count(EventKind.UNKNOWN) == 0
    assert record.count(EventKind.WAIVER) > 50
    assert record.count(EventKind.AUTO_DOWNGRADE) > 20
    assert record.count(EventKind.GAP) > 0  # gaps are reported, not hidden


def test_known_waivers_and_downgrades_are_inferred_from_the_record() -> None:
    record = replay_record()
    thailand = {s.year: s for s in record.statuses["THA"]}
    # Thailand: Watch List 2010-2013 (two waiver years under the 2009-2018 regime), Tier 3 2014.
    assert thailand[2012].has(EventKind.WAIVER)
    assert thailand[2013].has(EventKind.WAIVER)
    assert thailand[2014].has(EventKind.AUTO_DOWNGRADE)


def test_the_statute_page_of_a_year_lists_each_derived_list(client: Client) -> None:
    response = client.get("/tiers/2024/statute")
    assert response.status_code == 200
    html = response.content.decode()
    sections = ("special_watch_list", "downgrade_next_year", "waivers", "downgrades",
                "reentries", "action_plans", "tier3_determinations", "tier_changes")  # fmt: skip
    for section in sections:
        assert f'id="{section}"' in html
    assert "22 U.S.C. 7107(b)(2)(D)(ii)" in html
    assert client.get("/tiers/1999/statute").status_code == 404


def test_the_statute_of_a_year_is_json_and_csv(client: Client) -> None:
    body = client.get("/api/v1/tiers/2024/statute").json()
    assert body["ok"] is True
    lists = body["data"]["lists"]
    assert lists["violations"] == []
    swl = {e["iso3"] for e in lists["special_watch_list"]}
    assert swl, "the 2024 Special Watch List is not empty"
    assert body["data"]["determination_window"] == ["2024-08-14", "2024-09-28"]
    response = client.get("/api/v1/tiers/2024/statute", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["iso3"] for r in rows if r["list"] == "special_watch_list"} == swl


def test_the_profile_states_the_statutory_status_in_plain_words(client: Client) -> None:
    html = client.get("/countries/DZA").content.decode()
    section = html.split('id="statute"')[1].split("</section>")[0]
    # Algeria: Tier 3 in 2023, Watch List in 2024 and 2025: a third year needs a waiver.
    assert (
        "Consecutive Tier 2 Watch List years counted toward the automatic downgrade: <strong>2"
        in section
    )
    assert "automatic downgrade to Tier 3 applies unless the country is upgraded" in section
    assert "22 U.S.C. 7107(b)(2)(D)(i)" in section


def test_the_country_statute_api(client: Client) -> None:
    data = client.get("/api/v1/countries/DZA/statute").json()["data"]
    assert data["tier"] == "Tier 2 Watch List"
    assert data["consecutive_watch_list_years"] == 2
    assert any(r["rule"] == "automatic-downgrade" for r in data["reasons"])


def test_a_proposed_tier_is_checked_on_the_api(client: Client) -> None:
    refused = client.get("/api/v1/tiers/check", {"iso3": "DZA", "year": "2026", "tier": "2wl"})
    assert refused.status_code == 200
    decision = refused.json()["data"]
    assert decision["allowed"] is False
    assert decision["outcome"] == "Tier 3"
    assert decision["blocking"][0]["citation"] == "22 U.S.C. 7107(b)(2)(D)(ii)"
    waived = {"iso3": "DZA", "year": "2026", "tier": "2wl", "waiver_granted": "true"}
    allowed = client.get("/api/v1/tiers/check", waived)
    assert allowed.json()["data"]["allowed"] is True


@pytest.mark.parametrize(
    ("params", "status"),
    [({"iso3": "DZA", "year": "2026", "tier": "Tier 4"}, 400),
     ({"iso3": "DZA", "year": "1990", "tier": "2"}, 400),
     ({"iso3": "XXX", "year": "2026", "tier": "2"}, 404),
     ({"iso3": "DZA", "year": "2026"}, 400)],
)  # fmt: skip
def test_bad_check_input_gets_a_clear_error(
    client: Client, params: dict[str, str], status: int
) -> None:
    response = client.get("/api/v1/tiers/check", params)
    assert response.status_code == status
    assert response.json()["ok"] is False


def test_the_replay_command_prints_table_csv_and_json() -> None:
    out = StringIO()
    call_command("tiers", "replay", "--from", "2009", "--to", "2015", stdout=out)
    text = out.getvalue()
    assert "0 violation" in text
    assert "THA" in text
    assert "waiver" in text
    out = StringIO()
    call_command("tiers", "replay", "--format", "json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["first"] == 2001
    assert body["events"]
    out = StringIO()
    call_command("tiers", "replay", "--format", "csv", "--gaps", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {"year", "iso3", "event", "citation", "facts"} <= set(rows[0])
    assert any(r["event"] == "gap" for r in rows)


def test_the_replay_command_refuses_years_out_of_range() -> None:
    with pytest.raises(CommandError, match="outside 2001-2100"):
        call_command("tiers", "replay", "--from", "1990", stdout=StringIO())


def test_the_check_command_answers_with_reasons() -> None:
    out = StringIO()
    call_command("tiers", "check", "DZA", "2026", "2wl", "--waiver", "yes", stdout=out)
    assert json.loads(out.getvalue())["allowed"] is True
    with pytest.raises(CommandError, match="not a tier"):
        call_command("tiers", "check", "DZA", "2026", "Tier 9", stdout=StringIO())
    with pytest.raises(CommandError, match="No country"):
        call_command("tiers", "check", "XXX", "2026", "2", stdout=StringIO())
