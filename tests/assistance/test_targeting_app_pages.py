"""The targeting pages: roles on every route, runs, saving, comparing, CSV with sources,
and the form's parsers (property tests)."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

import pytest
from django import forms
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from personas import PASSWORD
from tipmon.assistance import targeting_app as app
from tipmon.assistance.forms_targeting import (
    DEFAULT_PROGRAMS,
    TargetingForm,
    initial_from,
    parse_cells,
    parse_pairs,
    parse_programs,
)
from tipmon.assistance.models import SavedScenario
from tipmon.assistance.targeting import Scenario
from tipmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db

BASE: dict[str, str] = {
    "run": "1", "name": "Base case", "budget": "25000000", "need": "0.4", "will": "0.25",
    "capacity": "0.15", "funding_gap": "0.2", "method": "min-max", "missing": "midpoint",
    "trajectory_years": "5", "funding_years": "5", "programs": DEFAULT_PROGRAMS,
    "withhold_tier3_government": "on", "floor_AF": "3000000", "default_cap": "900000",
}  # fmt: skip


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def query(**changes: str) -> str:
    return urlencode({**BASE, **changes})


def run_url(**changes: str) -> str:
    return f"{reverse('assistance:targeting')}?{query(**changes)}"


def saved(user: User, **changes: str) -> SavedScenario:
    form = TargetingForm({**BASE, **changes})
    assert form.is_valid(), form.errors
    return app.save_scenario(form.spec, user)


# Roles on every route


def routes(pk: int, other: int) -> list[tuple[str, str, str]]:
    t = "assistance:targeting"
    return [
        ("get", reverse(t), ""),
        ("get", reverse(t), query()),
        ("get", reverse(f"{t}-csv"), query()),
        ("get", reverse(f"{t}-inputs"), ""),
        ("get", reverse(f"{t}-scenarios"), ""),
        ("get", reverse(f"{t}-scenario", kwargs={"pk": pk}), ""),
        ("get", reverse(f"{t}-scenario-csv", kwargs={"pk": pk}), ""),
        ("get", reverse(f"{t}-compare"), f"a={pk}&b={other}"),
        ("get", reverse(f"{t}-compare-csv"), f"a={pk}&b={other}"),
        ("post", reverse(f"{t}-save"), ""),
    ]


def test_every_targeting_route_refuses_anonymous_and_roleless_users(
    client: Client, program_officer: User, no_role: User
) -> None:
    a, b = saved(program_officer), saved(program_officer, name="Other", need="0.9")
    nobody = signed_in(no_role)
    for method, url, q in routes(a.pk, b.pk):
        target = f"{url}?{q}" if q else url
        anonymous = getattr(client, method)(target, {"query": query()} if method == "post" else {})
        assert anonymous.status_code == 302, target
        assert anonymous["Location"].startswith("/accounts/login/"), target
        assert getattr(nobody, method)(target).status_code == 403, target


def test_a_reader_reads_and_runs_every_page_but_cannot_save(
    program_officer: User, assistance_reader: User
) -> None:
    a, b = saved(program_officer), saved(program_officer, name="Other", need="0.9")
    reader = signed_in(assistance_reader)
    for method, url, q in routes(a.pk, b.pk):
        if method == "get":
            assert reader.get(f"{url}?{q}" if q else url).status_code == 200, url
    before = (SavedScenario.objects.count(), AuditEntry.objects.count())
    response = reader.post(reverse("assistance:targeting-save"), {"query": query(), "as": "new"})
    assert response.status_code == 403
    assert (SavedScenario.objects.count(), AuditEntry.objects.count()) == before
    page = reader.get(run_url()).content.decode()
    assert 'id="save-form"' not in page
    assert "Only program officers save" in page


# Running and saving through the pages


def test_a_run_shows_the_allocation_scores_binding_constraints_and_reasons(
    assistance_reader: User,
) -> None:
    response = signed_in(assistance_reader).get(run_url())
    assert response.status_code == 200
    page = response.content.decode()
    for part in (
        'id="result-summary"',
        'id="table-allocation"',
        'id="binding-table"',
        'id="reasons-table"',
        'id="scores-table"',
        'data-vega-spec="spec-allocation"',
    ):
        assert part in page, part  # fmt: skip
    assert "floor:AF" in page or "budget" in page
    assert "Tier 3 without a waiver" in page
    assert "Source" in page
    assert "UNODC" in page
    assert not SavedScenario.objects.exists()


def test_an_infeasible_run_shows_the_constraint_keeps_the_form_and_saves_nothing(
    program_officer: User,
) -> None:
    officer = signed_in(program_officer)
    bad = {"budget": "1000000", "floor_AF": "2000000", "name": "Too tight"}
    response = officer.get(run_url(**bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "No allocation meets every constraint" in page
    assert "below the sum of the regional floors ($2,000,000)" in page
    assert 'value="Too tight"' in page
    assert 'value="1000000"' in page
    response = officer.post(reverse("assistance:targeting-save"), {"query": query(**bad)})
    assert response.status_code == 400
    assert "No allocation meets every constraint" in response.content.decode()
    assert not SavedScenario.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="targeting.").exists()


def test_a_bad_program_line_names_the_line_and_keeps_what_was_typed(
    assistance_reader: User,
) -> None:
    typed = DEFAULT_PROGRAMS + "\nngo-extra | Extra | civil society | lots | 100"
    response = signed_in(assistance_reader).get(run_url(programs=typed))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Line 4: minimum must be an amount in US dollars, not &#x27;lots&#x27;." in page
    assert "ngo-extra | Extra | civil society | lots | 100" in page


def test_a_program_officer_saves_and_the_save_is_audited(program_officer: User) -> None:
    officer = signed_in(program_officer)
    response = officer.post(reverse("assistance:targeting-save"), {"query": query(), "as": "new"})
    assert response.status_code == 302
    scenario = SavedScenario.objects.get()
    assert response["Location"] == reverse("assistance:targeting-scenario", args=[scenario.pk])
    assert scenario.name == "Base case"
    assert scenario.scenario["constraints"]["budget"] == 25e6
    entry = AuditEntry.objects.get(action="targeting.scenario.save")
    assert entry.user_id == program_officer.pk
    assert entry.detail["name"] == "Base case"
    page = officer.get(response["Location"]).content.decode()
    assert "Base case" in page
    assert 'id="table-allocation"' in page
    assert 'id="data-changed"' not in page


def test_replacing_with_a_stale_version_is_refused_and_the_form_keeps_the_input(
    program_officer: User, second_officer: User
) -> None:
    scenario = saved(program_officer)
    save = reverse("assistance:targeting-save")
    first = signed_in(second_officer).post(
        save, {"query": query(name="Theirs"), "as": "replace", "replace": scenario.pk,
               "version": 1},
    )  # fmt: skip
    assert first.status_code == 302
    second = signed_in(program_officer).post(
        save, {"query": query(name="Mine"), "as": "replace", "replace": scenario.pk,
               "version": 1},
    )  # fmt: skip
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else saved scenario" in page
    assert 'value="Mine"' in page
    scenario.refresh_from_db()
    assert (scenario.name, scenario.version) == ("Theirs", 2)


def test_replacing_without_the_version_opened_is_refused_not_forced(
    program_officer: User,
) -> None:
    scenario = saved(program_officer)
    response = signed_in(program_officer).post(
        reverse("assistance:targeting-save"),
        {"query": query(name="No version"), "as": "replace", "replace": scenario.pk},
    )
    assert response.status_code == 409
    scenario.refresh_from_db()
    assert (scenario.name, scenario.version) == ("Base case", 1)


def test_a_saved_scenario_opens_in_the_form_as_it_was_saved(program_officer: User) -> None:
    scenario = saved(
        program_officer, caps="THA 500000", cells="required NPL ngo-protect",
        capacity_values="THA 0.7", t3_waived_programs="PRK gov-justice",
    )  # fmt: skip
    initial = initial_from(scenario.scenario, scenario.options)
    bound = TargetingForm({k: _field(v) for k, v in initial.items()})
    assert bound.is_valid(), bound.errors
    assert bound.spec.scenario.to_dict() == scenario.scenario
    assert bound.spec.options.to_dict() == scenario.options
    page = signed_in(program_officer).get(f"{reverse('assistance:targeting')}?from={scenario.pk}")
    assert f'name="replace" value="{scenario.pk}"' in page.content.decode()


def _field(value: Any) -> Any:
    if value is True:
        return "on"
    if value is False:
        return ""
    return value


def test_the_comparison_page_shows_differences_and_a_note_when_data_changed(
    program_officer: User, assistance_reader: User
) -> None:
    a = saved(program_officer, name="Need first", need="1", will="0", capacity="0",
              funding_gap="0")  # fmt: skip
    b = saved(program_officer, name="Gap first", need="0", will="0", capacity="0",
              funding_gap="1")  # fmt: skip
    SavedScenario.objects.filter(pk=a.pk).update(data_state="older")
    url = f"{reverse('assistance:targeting-compare')}?a={a.pk}&b={b.pk}"
    page = signed_in(assistance_reader).get(url).content.decode()
    assert "The data changed since &#x27;Need first&#x27; ran" in page
    assert 'id="compare-bureaus"' in page
    assert 'id="compare-programs"' in page
    changed = app.compare_saved(a, b).comparison.changed()
    top = changed[0]
    assert f"{top.label} ({top.key})" in page
    assert f"{round(top.b) - round(top.a):,}" in page


# CSV


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_allocation_csv_carries_its_sources(assistance_reader: User) -> None:
    reader = signed_in(assistance_reader)
    response = reader.get(f"{reverse('assistance:targeting-csv')}?{query()}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response.content.decode())
    assert rows
    assert sum(int(r["total_usd"]) for r in rows) <= 25_000_000
    for row in rows:
        assert "unodc_glotip_totals" in row["sources"]
        assert "tier_placements" in row["sources"]
        assert "us_antitip_grants_fy2001_2014" in row["sources"]
        assert int(row["total_usd"]) == sum(
            int(row[k]) for k in ("gov-justice", "ngo-protect", "hum-shelter")
        )


def test_the_saved_and_comparison_csvs_carry_their_sources(
    program_officer: User,
) -> None:
    a = saved(program_officer)
    b = saved(program_officer, name="Smaller", budget="10000000")
    officer = signed_in(program_officer)
    one = _rows(officer.get(reverse("assistance:targeting-scenario-csv", args=[a.pk])).text)
    assert one
    assert all("unodc_glotip_totals" in r["sources"] for r in one)
    url = f"{reverse('assistance:targeting-compare-csv')}?a={a.pk}&b={b.pk}"
    both = _rows(officer.get(url).text)
    assert both
    assert all("tier_placements" in r["sources"] for r in both)
    assert sum(int(r["difference_usd"]) for r in both) < 0


# Parsers: what any typed text gives is a value or a clear error, never a crash


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_random_text_gives_programs_or_a_clear_error(text: str) -> None:
    try:
        parse_programs(text)
        parse_pairs(text, "an amount")
        parse_cells(text)
    except forms.ValidationError as exc:
        message = " ".join(exc.messages)
        assert message.startswith("Line ") or "at least one program" in message


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[A-Z]{3}", fullmatch=True),
        st.floats(min_value=0, max_value=1, allow_nan=False).map(lambda v: round(v, 4)),
        max_size=8,
    )
)
def test_country_values_survive_being_written_and_read_back(values: dict[str, float]) -> None:
    text = "\n".join(f"{k.lower()} {v}" for k, v in values.items())
    assert parse_pairs(text, "a value", upper=1.0) == values


def test_the_scenario_json_of_a_form_round_trips_through_the_core() -> None:
    form = TargetingForm({**BASE, "caps": "THA 500000\nNPL 250000", "cells": "fixed THA "
                          "ngo-protect 300000\nforbidden NPL gov-justice"})  # fmt: skip
    assert form.is_valid(), form.errors
    data = form.spec.scenario.to_dict()
    assert Scenario.from_dict(data) == form.spec.scenario
    assert data["constraints"]["fixed"] == [
        {"country": "THA", "program": "ngo-protect", "amount": 300000.0}
    ]
