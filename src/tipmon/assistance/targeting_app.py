"""Targeting in the application: run a scenario on the database's inputs, save it, compare.

Running writes nothing. Saving runs the scenario again on the current inputs (so what is
stored is what those inputs give), stores the scenario, its input options, the result and
the state of the data it ran on, and records an audit entry; nothing is stored when the
problem is infeasible. Replacing a saved scenario needs the version the user opened:
someone else's save in between is reported, never overwritten.

Saved results are read back into the core's ``ScenarioResult`` so that ``compare`` works
on them exactly as it works on fresh runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from tipmon.assistance.models import SavedScenario
from tipmon.assistance.targeting import (
    Allocation,
    Award,
    Bureau,
    Channel,
    Comparison,
    Component,
    ConstraintReport,
    CountryOutcome,
    CountryScore,
    Infeasible,
    Part,
    Scenario,
    ScenarioResult,
    TargetingInputError,
    compare,
    run,
)
from tipmon.assistance.targeting_inputs import InputOptions, TargetingInputs, build_inputs
from tipmon.core import audit
from tipmon.core.datastate import data_state
from tipmon.core.provenance import DatasetRef

User = AbstractBaseUser | AnonymousUser


class TargetingRefused(ValueError):
    """The scenario cannot run: bad input or no allocation meets every constraint."""

    def __init__(self, message: str, constraints: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.constraints = constraints


class ScenarioConflict(TargetingRefused):
    """Someone replaced the saved scenario after the user opened it."""


@dataclass(frozen=True, slots=True)
class Spec:
    """Everything a user chooses: the core's scenario and the options of the inputs."""

    scenario: Scenario
    options: InputOptions


@dataclass(frozen=True, slots=True)
class Run:
    result: ScenarioResult
    inputs: TargetingInputs

    @property
    def sources(self) -> tuple[DatasetRef, ...]:
        return self.inputs.sources


def run_spec(spec: Spec, today: date | None = None) -> Run:
    """Build the inputs with the spec's options, score and allocate; raise TargetingRefused."""
    inputs = build_inputs(spec.options, today)
    try:
        result = run(spec.scenario, inputs.countries)
    except Infeasible as exc:
        names = tuple(n for c in exc.conflicts for n in c.constraints)
        raise TargetingRefused(str(exc), names) from exc
    except TargetingInputError as exc:
        raise TargetingRefused(str(exc)) from exc
    return Run(result, inputs)


# Saved results as JSON and back


def _part(p: Part) -> list[Any]:
    return [p.name, p.raw, p.value, p.method, p.source]


def score_to_dict(s: CountryScore) -> dict[str, Any]:
    return {
        "iso3": s.iso3, "name": s.name, "bureau": s.bureau.value, "total": s.total,
        "rank": s.rank, "missing": list(s.missing), "coverage": s.coverage,
        "components": [
            [c.name, c.weight, c.effective_weight, c.value, c.contribution, c.note,
             [_part(p) for p in c.parts]]
            for c in s.components
        ],
    }  # fmt: skip


def score_from_dict(d: dict[str, Any]) -> CountryScore:
    components = tuple(
        Component(name, weight, eff, value, contrib, tuple(Part(*p) for p in parts), note)
        for name, weight, eff, value, contrib, note, parts in d["components"]
    )
    return CountryScore(
        d["iso3"], d["name"], Bureau(d["bureau"]), d["total"], d["rank"], components,
        tuple(d["missing"]), d["coverage"],
    )  # fmt: skip


def allocation_from_dict(d: dict[str, Any]) -> Allocation:
    awards = tuple(
        Award(a["country"], a["program"], Bureau(a["bureau"]), Channel(a["channel"]),
              a["amount"], a["status"], a["reason"])
        for a in d["awards"]
    )  # fmt: skip
    countries = tuple(
        CountryOutcome(c["country"], c["name"], Bureau(c["bureau"]), c["score"], c["total"],
                       tuple(c["reasons"]))
        for c in d["countries"]
    )  # fmt: skip
    constraints = tuple(
        ConstraintReport(c["name"], c["kind"], c["description"], c["level"], c["bound"],
                         c["slack"], c["binding"], c["shadow_price"])
        for c in d["constraints"]
    )  # fmt: skip
    return Allocation(
        awards, countries, constraints, d["budget"], d["objective"], d["marginal_value"],
        d["status"], d["mip_gap"], d["solve_seconds"],
    )  # fmt: skip


def ref_from_dict(d: dict[str, str]) -> DatasetRef:
    return DatasetRef(
        key=d["dataset"], title=d["title"], producer=d["producer"], edition=d["edition"],
        accessed=date.fromisoformat(d["accessed"]), licence=d["licence"],
        attribution=d["attribution"], caveats=d["caveats"], source_url=d["url"],
    )  # fmt: skip


def result_to_dict(r: Run) -> dict[str, Any]:
    return {
        "allocation": r.result.allocation.to_dict(),
        "scores": [score_to_dict(s) for s in r.result.scores],
        "sources": [s.as_json() for s in r.sources],
        "notes": list(r.inputs.notes),
    }


@dataclass(frozen=True, slots=True)
class Stored:
    """A saved scenario read back: the core's result, its sources and notes, as run."""

    saved: SavedScenario
    result: ScenarioResult
    options: InputOptions
    sources: tuple[DatasetRef, ...]
    notes: tuple[str, ...]


def stored(saved: SavedScenario) -> Stored:
    data = saved.result
    scenario = Scenario.from_dict(saved.scenario)
    result = ScenarioResult(
        scenario,
        tuple(score_from_dict(s) for s in data["scores"]),
        allocation_from_dict(data["allocation"]),
    )
    return Stored(
        saved, result, InputOptions.from_dict(saved.options),
        tuple(ref_from_dict(s) for s in data["sources"]), tuple(data["notes"]),
    )  # fmt: skip


# Saving


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def save_scenario(
    spec: Spec,
    user: User,
    request: HttpRequest | None = None,
    *,
    replace: SavedScenario | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> SavedScenario:
    """Run ``spec`` and store it (as new, or replacing ``replace`` at ``expected_version``).

    Raises ``TargetingRefused`` (nothing stored) when it cannot run, ``ScenarioConflict``
    when ``replace`` changed since ``expected_version``.
    """
    if not user.is_authenticated:
        raise TargetingRefused("Sign in to save a scenario.")
    done = run_spec(spec, today)
    values: dict[str, Any] = {
        "name": spec.scenario.name,
        "scenario": spec.scenario.to_dict(),
        "options": spec.options.to_dict(),
        "result": result_to_dict(done),
        "budget_usd": _money(spec.scenario.constraints.budget),
        "allocated_usd": _money(done.result.allocation.total),
        "data_state": done.inputs.data_state,
        "inputs_digest": done.inputs.digest,
        "updated_by_id": user.pk,
    }
    detail = {
        "name": spec.scenario.name,
        "budget": spec.scenario.constraints.budget,
        "allocated": round(done.result.allocation.total, 2),
        "data_state": done.inputs.data_state,
    }
    with transaction.atomic():
        if replace is None:
            saved = SavedScenario.objects.create(created_by_id=user.pk, **values)
            audit.record("targeting.scenario.save", saved, user, request, **detail)
            return saved
        expected = replace.version if expected_version is None else expected_version
        updated = SavedScenario.objects.filter(pk=replace.pk, version=expected).update(
            version=F("version") + 1, **values
        )
        fresh = SavedScenario.objects.filter(pk=replace.pk).first()
        if not updated or fresh is None:
            who = f"version {fresh.version}" if fresh else "it was deleted"
            raise ScenarioConflict(
                f"Someone else saved scenario '{replace.name}' ({who}) after you opened "
                f"version {expected}. Nothing was saved; your choices are still in the form. "
                "Save as a new scenario, or open the latest version and apply them again."
            )
        audit.record(
            "targeting.scenario.replace", fresh, user, request, version=fresh.version, **detail
        )
        return fresh


# Comparing


@dataclass(frozen=True, slots=True)
class SideState:
    """Whether the data a saved scenario ran on is still the data now."""

    name: str
    ran_on: str
    changed: bool


@dataclass(frozen=True, slots=True)
class SavedComparison:
    a: Stored
    b: Stored
    comparison: Comparison
    states: tuple[SideState, SideState]
    notes: tuple[str, ...]


def data_changed(saved: SavedScenario, today: date | None = None) -> bool:
    """True when the database's data, or the inputs it gives this scenario, differ now."""
    if saved.data_state != data_state():
        return True
    inputs = build_inputs(InputOptions.from_dict(saved.options), today)
    return inputs.digest != saved.inputs_digest


def compare_saved(a: SavedScenario, b: SavedScenario, today: date | None = None) -> SavedComparison:
    left, right = stored(a), stored(b)
    states = (
        SideState(a.name, a.data_state, data_changed(a, today)),
        SideState(b.name, b.data_state, data_changed(b, today)),
    )
    notes = [
        f"The data changed since '{s.name}' ran: run it again to see it on today's data."
        for s in states
        if s.changed
    ]
    if a.inputs_digest != b.inputs_digest:
        notes.append(
            "The two scenarios ran on different country inputs (other data, another "
            "prior-funding window, or other waivers or capacity values), so differences "
            "come from the inputs as well as from the choices."
        )
    return SavedComparison(left, right, compare(left.result, right.result), states, tuple(notes))
