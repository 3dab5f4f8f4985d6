"""The targeting form: budget, weights, program types, floors, caps, cells, waivers.

Lists are typed one item a line (program types, caps, cells, capacity values, waived
programs), so the form needs no script and keeps exactly what was typed. Each line is
parsed here into the targeting core's dataclasses; an error names the field and the line.
The rules (award limits, Tier 3, infeasibility) are the core's, reached through
``tipmon.assistance.targeting_app``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms

from tipmon.assistance.forms import UswdsMixin
from tipmon.assistance.targeting import (
    Bureau,
    Channel,
    Constraints,
    Method,
    Missing,
    ProgramType,
    Scenario,
    ScoreConfig,
    TargetingInputError,
    Weights,
)
from tipmon.assistance.targeting_app import Spec
from tipmon.assistance.targeting_inputs import InputOptions

DEFAULT_PROGRAMS = (
    "gov-justice | Criminal justice capacity | government | 250000 | 1500000\n"
    "ngo-protect | Victim protection | civil society | 200000 | 1000000\n"
    "hum-shelter | Emergency shelter | humanitarian | 100000 | 500000"
)
CHANNELS = {c.value: c for c in Channel} | {"ngo": Channel.CIVIL_SOCIETY}
CELL_KINDS = ("fixed", "required", "forbidden")


class LineError(ValueError):
    pass


def money_field(
    label: str, required: bool = True, initial: int | None = None
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, initial=initial, max_digits=15, decimal_places=2,
        min_value=Decimal(0),
    )  # fmt: skip


def _amount(text: str, what: str) -> float:
    cleaned = text.strip().replace(",", "").replace("$", "").replace("_", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise LineError(f"{what} must be an amount in US dollars, not {text.strip()!r}") from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise LineError(f"{what} must be 0 or more, not {text.strip()!r}")
    return value


def _lines(text: str) -> list[tuple[int, str]]:
    return [
        (n, line.strip())
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.strip().startswith("#")
    ]


def _code(text: str) -> str:
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise LineError(f"{text.strip()!r} is not a three-letter country code")
    return code


def parse_programs(text: str) -> tuple[ProgramType, ...]:
    out = []
    for n, line in _lines(text):
        parts = [p.strip() for p in line.split("|")]
        try:
            if len(parts) not in (5, 6):
                raise LineError(
                    "write key | label | channel | minimum | maximum, and optionally | priority"
                )
            channel = CHANNELS.get(parts[2].lower())
            if channel is None:
                raise LineError(
                    f"channel {parts[2]!r} is not one of government, civil society, humanitarian"
                )
            priority = _amount(parts[5], "priority") if len(parts) == 6 else 1.0
            out.append(
                ProgramType(
                    parts[0],
                    parts[1] or parts[0],
                    channel,
                    _amount(parts[3], "minimum"),
                    _amount(parts[4], "maximum"),
                    priority,
                )
            )
        except (LineError, TargetingInputError) as exc:
            raise forms.ValidationError(f"Line {n}: {exc}.") from None
    if not out:
        raise forms.ValidationError("Give at least one program type.")
    return tuple(out)


def parse_pairs(text: str, what: str, upper: float | None = None) -> dict[str, float]:
    """Lines of ``ISO3 value``."""
    out: dict[str, float] = {}
    for n, line in _lines(text):
        try:
            parts = line.replace("\t", " ").split(None, 1)
            if len(parts) != 2:
                raise LineError(f"write a country code and {what}")
            code = _code(parts[0])
            value = _amount(parts[1], what)
            if upper is not None and value > upper:
                raise LineError(f"{what} must be between 0 and {upper:g}")
            out[code] = value
        except LineError as exc:
            raise forms.ValidationError(f"Line {n}: {exc}.") from None
    return out


def parse_cells(text: str) -> tuple[dict[tuple[str, str], float], set[tuple[str, str]], set[Any]]:
    """Lines of ``fixed ISO3 program amount``, ``required ISO3 program``, ``forbidden ...``."""
    fixed: dict[tuple[str, str], float] = {}
    required: set[tuple[str, str]] = set()
    forbidden: set[tuple[str, str]] = set()
    for n, line in _lines(text):
        parts = line.split()
        try:
            kind = parts[0].lower()
            if kind not in CELL_KINDS or len(parts) != (4 if kind == "fixed" else 3):
                raise LineError(
                    "write 'fixed ISO3 program amount', 'required ISO3 program' or "
                    "'forbidden ISO3 program'"
                )
            cell = (_code(parts[1]), parts[2])
            if kind == "fixed":
                fixed[cell] = _amount(parts[3], "a fixed award")
            else:
                (required if kind == "required" else forbidden).add(cell)
        except LineError as exc:
            raise forms.ValidationError(f"Line {n}: {exc}.") from None
    return fixed, required, forbidden


def parse_waived(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for n, line in _lines(text):
        parts = line.split()
        try:
            if len(parts) < 2:
                raise LineError("write a country code and one or more program keys")
            out.setdefault(_code(parts[0]), set()).update(parts[1:])
        except LineError as exc:
            raise forms.ValidationError(f"Line {n}: {exc}.") from None
    return {k: frozenset(v) for k, v in out.items()}


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "spellcheck": "false"})


class TargetingForm(UswdsMixin, forms.Form):
    name = forms.CharField(max_length=200, initial="Untitled scenario", label="Scenario name")
    budget = money_field("Budget (USD)", initial=25_000_000)
    need = forms.FloatField(min_value=0, initial=0.4, label="Weight: need")
    will = forms.FloatField(min_value=0, initial=0.25, label="Weight: government will")
    capacity = forms.FloatField(min_value=0, initial=0.15, label="Weight: capacity")
    funding_gap = forms.FloatField(min_value=0, initial=0.2, label="Weight: funding gap")
    method = forms.ChoiceField(
        choices=[(m.value, m.value) for m in Method], initial=Method.MINMAX.value,
        label="Put counts on 0-1 by",
    )  # fmt: skip
    missing = forms.ChoiceField(
        choices=[
            (Missing.MIDPOINT.value, "set to the midpoint 0.5"),
            (Missing.REWEIGHT.value, "leave out and share its weight"),
        ],
        initial=Missing.MIDPOINT.value,
        label="A component without data is",
    )
    trajectory_years = forms.IntegerField(
        min_value=2, max_value=25, initial=5, label="Years of tier trajectory"
    )
    funding_years = forms.IntegerField(
        min_value=1, max_value=25, initial=5, label="Years of prior funding",
        help_text="Recorded obligations of the last N fiscal years, plus the historical "
        "grants of the last N years of that record.",
    )  # fmt: skip
    programs = forms.CharField(
        widget=_textarea(), initial=DEFAULT_PROGRAMS, label="Program types",
        help_text="One a line: key | label | channel (government, civil society, "
        "humanitarian) | minimum award | maximum award | priority (optional, 1 = neutral).",
    )  # fmt: skip
    default_cap = money_field("Cap for every country (USD)", required=False)
    caps = forms.CharField(
        required=False, widget=_textarea(3), label="Country caps",
        help_text="One a line: country code and amount, e.g. THA 800000.",
    )  # fmt: skip
    cells = forms.CharField(
        required=False, widget=_textarea(3), label="Fixed, required and forbidden awards",
        help_text="One a line: 'fixed THA ngo-protect 300000', 'required NPL ngo-protect' or "
        "'forbidden MMR gov-justice'.",
    )  # fmt: skip
    withhold_tier3_government = forms.BooleanField(
        required=False, initial=True,
        label="Withhold government-to-government assistance from Tier 3 governments "
        "(22 U.S.C. 7107(d)(1)) unless waived",
    )  # fmt: skip
    t3_waivers = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple,
        label="Tier 3 countries with a full waiver (22 U.S.C. 7107(d)(4))",
    )  # fmt: skip
    t3_waived_programs = forms.CharField(
        required=False, widget=_textarea(2), label="Waivers for single program types",
        help_text="One a line: country code and program keys, e.g. PRK gov-justice.",
    )  # fmt: skip
    capacity_values = forms.CharField(
        required=False, widget=_textarea(3), label="Capacity judgements (0-1)",
        help_text="No dataset holds capacity: one a line, country code and value, e.g. "
        "THA 0.7. Countries not listed have no data.",
    )  # fmt: skip

    def __init__(self, *args: Any, tier3: list[tuple[str, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        for bureau in Bureau:
            self.fields[f"floor_{bureau.value}"] = money_field(
                f"Floor: {bureau.value} ({bureau.label}) (USD)", required=False
            )
        self.fields["t3_waivers"].choices = tier3 or []  # type: ignore[attr-defined]
        self.fields["t3_waivers"].widget.attrs["class"] = "usa-checkbox__input"
        self.style()

    def floor_fields(self) -> list[forms.BoundField]:
        return [self[f"floor_{b.value}"] for b in Bureau]

    def clean_programs(self) -> tuple[ProgramType, ...]:
        return parse_programs(self.cleaned_data["programs"])

    def clean_caps(self) -> dict[str, float]:
        return parse_pairs(self.cleaned_data["caps"], "an amount")

    def clean_cells(self) -> Any:
        return parse_cells(self.cleaned_data["cells"])

    def clean_t3_waived_programs(self) -> dict[str, frozenset[str]]:
        return parse_waived(self.cleaned_data["t3_waived_programs"])

    def clean_capacity_values(self) -> dict[str, float]:
        return parse_pairs(self.cleaned_data["capacity_values"], "a value", upper=1.0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.spec = self._spec(data)
        except TargetingInputError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data

    def _spec(self, d: Mapping[str, Any]) -> Spec:
        fixed, required, forbidden = d["cells"]
        floors = {b: float(d[f"floor_{b.value}"]) for b in Bureau if d.get(f"floor_{b.value}")}
        default_cap = d.get("default_cap")
        constraints = Constraints(
            budget=float(d["budget"]), regional_floors=floors, country_caps=d["caps"],
            default_country_cap=None if default_cap is None else float(default_cap),
            fixed=fixed, required=frozenset(required), forbidden=frozenset(forbidden),
            withhold_tier3_government=bool(d.get("withhold_tier3_government")),
        )  # fmt: skip
        scenario = Scenario(
            name=d["name"],
            weights=Weights(d["need"], d["will"], d["capacity"], d["funding_gap"]),
            programs=d["programs"],
            constraints=constraints,
            score_config=ScoreConfig(
                method=Method(d["method"]),
                missing=Missing(d["missing"]),
                trajectory_years=d["trajectory_years"],
            ),
        )
        options = InputOptions(
            funding_years=d["funding_years"], capacity=d["capacity_values"],
            t3_waivers=frozenset(d.get("t3_waivers") or ()),
            t3_waived_programs=d["t3_waived_programs"],
        )  # fmt: skip
        return Spec(scenario, options)


def _num(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"


def initial_from(scenario: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values that give back a saved scenario (``Scenario.to_dict`` + options)."""
    c = scenario["constraints"]
    w = scenario["weights"]
    s = scenario.get("score", {})
    programs = "\n".join(
        f"{p['key']} | {p['label']} | {p['channel']} | {_num(p['min_award'])} | "
        f"{_num(p['max_award'])}" + ("" if p["priority"] == 1 else f" | {_num(p['priority'])}")
        for p in scenario["programs"]
    )
    cells = [f"fixed {x['country']} {x['program']} {_num(x['amount'])}" for x in c["fixed"]]
    cells += [f"{kind} {x['country']} {x['program']}" for kind in CELL_KINDS[1:] for x in c[kind]]
    initial: dict[str, Any] = {
        "name": scenario["name"], "budget": _num(c["budget"]), **w,
        "method": s.get("method", Method.MINMAX.value),
        "missing": s.get("missing", Missing.MIDPOINT.value),
        "trajectory_years": s.get("trajectory_years", 5),
        "funding_years": options.get("funding_years", 5), "programs": programs,
        "default_cap": "" if c["default_country_cap"] is None
        else _num(c["default_country_cap"]),
        "caps": "\n".join(f"{k} {_num(v)}" for k, v in c["country_caps"].items()),
        "cells": "\n".join(cells),
        "withhold_tier3_government": c["withhold_tier3_government"],
        "t3_waivers": list(options.get("t3_waivers", [])),
        "t3_waived_programs": "\n".join(
            f"{k} {' '.join(v)}" for k, v in options.get("t3_waived_programs", {}).items()
        ),
        "capacity_values": "\n".join(
            f"{k} {_num(v)}" for k, v in options.get("capacity", {}).items()
        ),
    }  # fmt: skip
    for bureau, floor in c["regional_floors"].items():
        initial[f"floor_{bureau}"] = _num(floor)
    return initial
