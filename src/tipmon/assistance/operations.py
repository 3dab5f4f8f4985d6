"""The office's operational resources: budget lines, staff time, and how both compare with
where the assessments find the greatest need.

Writes check the editor role, validate, save in one transaction and are audited. The need
score and the shares are computed by the pure ``tipmon.assistance.resource_shares``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest

from tipmon.assessments.access import User
from tipmon.assessments.models import CycleMember, ReportingCycle, Role
from tipmon.assistance import resource_shares as shares
from tipmon.assistance.access import require_editor, require_reader
from tipmon.assistance.models import (
    BudgetLine,
    Funding,
    StaffAssignment,
    StaffRole,
    StrategicPriority,
)
from tipmon.assistance.models.programs import GLOBAL
from tipmon.core import audit
from tipmon.core.provenance import DatasetRef
from tipmon.countries.models import Bureau, Country
from tipmon.data.services import DatasetNotLoaded, dataset_ref
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Tier, walk
from tipmon.trends.models import UnodcFigure

FULL_TIME = Decimal("1.00")
TIERS_KEY = "tier_placements"
UNODC_KEY = "unodc_glotip_totals"
VICTIMS = "Detected trafficking victims"


class OperationsRuleError(ValueError):
    """A write breaks a rule on the office's resources; the message says which."""


def fiscal_year_of(day: date) -> int:
    """The US fiscal year a day falls in: FY2026 runs from 1 October 2025 to 30 September."""
    return day.year + 1 if day.month >= 10 else day.year


def _person(user_id: int) -> str:
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        return f"user {user_id}"
    full = person.get_full_name() if hasattr(person, "get_full_name") else ""
    return str(full or person.get_username())


def add_priority(values: dict[str, Any], user: User, request: HttpRequest | None = None) -> Any:
    require_editor(user)
    if StrategicPriority.objects.filter(title__iexact=values["title"]).exists():
        raise OperationsRuleError(f"A strategic priority '{values['title']}' already exists.")
    with transaction.atomic():
        priority = StrategicPriority.objects.create(
            title=values["title"],
            order=values.get("order") or 1,
            description=values.get("description", ""),
        )
        audit.record("operations.priority.add", priority, user, request, title=priority.title)
    return priority


def add_budget_line(
    values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> BudgetLine:
    require_editor(user)
    with transaction.atomic():
        line = BudgetLine.objects.create(
            fiscal_year=values["fiscal_year"],
            priority=values["priority"],
            category=values["category"],
            amount_usd=values["amount_usd"],
            note=values.get("note", ""),
        )
        audit.record(
            "operations.budget.add",
            line,
            user,
            request,
            fiscal_year=line.fiscal_year,
            amount=line.amount_usd,
            category=line.category,
        )
    return line


def _check_capacity(user_id: int, fiscal_year: int, share: Decimal, exclude: int | None) -> None:
    """A person's FTE shares in one fiscal year add up to at most 1.0 (call inside a
    transaction: the rows are locked where the database can)."""
    rows = StaffAssignment.objects.select_for_update().filter(
        user_id=user_id, fiscal_year=fiscal_year
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    existing = sum((r.fte_share for r in rows), Decimal(0))
    if existing + share > FULL_TIME:
        raise OperationsRuleError(
            f"{_person(user_id)}'s FTE shares in FY{fiscal_year} would total "
            f"{existing + share:.2f} ({existing:.2f} already assigned + {share:.2f} now); "
            f"the most is {FULL_TIME:.2f}. Nothing was saved."
        )


def _check_scope(values: dict[str, Any]) -> None:
    scopes = [k for k in ("country", "program", "bureau") if values.get(k)]
    if len(scopes) > 1:
        raise OperationsRuleError(
            "Assign the time to one of a country, a program or a bureau (or none of them, "
            f"for office-wide work), not to {' and '.join(scopes)}."
        )
    share = values["fte_share"]
    if not Decimal(0) < share <= FULL_TIME:
        raise OperationsRuleError(f"An FTE share is more than 0 and at most 1 (got {share}).")


def add_assignment(
    values: dict[str, Any], user: User, request: HttpRequest | None = None
) -> StaffAssignment:
    require_editor(user)
    _check_scope(values)
    person = values["user"]
    with transaction.atomic():
        _check_capacity(person.pk, values["fiscal_year"], values["fte_share"], None)
        item = StaffAssignment.objects.create(
            user=person,
            role=values["role"],
            country=values.get("country"),
            program=values.get("program"),
            bureau=values.get("bureau") or "",
            fiscal_year=values["fiscal_year"],
            fte_share=values["fte_share"],
            note=values.get("note", ""),
        )
        audit.record(
            "operations.assignment.add",
            item,
            user,
            request,
            person=person.pk,
            fiscal_year=item.fiscal_year,
            fte=item.fte_share,
        )
    return item


def remove_assignment(
    item: StaffAssignment, user: User, request: HttpRequest | None = None
) -> None:
    require_editor(user)
    with transaction.atomic():
        audit.record(
            "operations.assignment.remove",
            item,
            user,
            request,
            person=item.user_id,
            fiscal_year=item.fiscal_year,
            fte=item.fte_share,
        )
        item.delete()


@dataclass(frozen=True, slots=True)
class DeskImport:
    fiscal_year: int
    cycle_year: int | None
    created: list[StaffAssignment]
    already: int
    skipped: list[str]


def import_desk_officers(
    fiscal_year: int, user: User, request: HttpRequest | None = None
) -> DeskImport:
    """Desk officers of the cycle for ``fiscal_year`` (the cycle of that report year, else
    the latest before it) become assignments scoped to their bureau. Running it again adds
    nothing. Each person's free capacity that year is split evenly over their bureaus."""
    require_editor(user)
    cycle = (
        ReportingCycle.objects.filter(report_year__lte=fiscal_year).order_by("-report_year").first()
    )
    if cycle is None:
        return DeskImport(fiscal_year, None, [], 0, ["No reporting cycle up to that year."])
    members = CycleMember.objects.filter(cycle=cycle, role=Role.DESK_OFFICER).order_by("user_id")
    scopes: dict[int, list[str]] = defaultdict(list)
    for m in members:
        scopes[m.user_id].append(m.bureau)
    created: list[StaffAssignment] = []
    skipped: list[str] = []
    already = 0
    with transaction.atomic():
        for person_id, bureaus in scopes.items():
            existing = StaffAssignment.objects.select_for_update().filter(
                user_id=person_id, fiscal_year=fiscal_year
            )
            have = {
                a.bureau
                for a in existing
                if a.role == StaffRole.DESK_OFFICER
                and a.country_id is None
                and a.program_id is None
            }
            todo = [b for b in bureaus if b not in have]
            already += len(bureaus) - len(todo)
            if not todo:
                continue
            free = FULL_TIME - sum((a.fte_share for a in existing), Decimal(0))
            share = (free / len(todo)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
            if share <= 0:
                skipped.append(
                    f"{_person(person_id)}: already assigned full time in FY{fiscal_year}"
                )
                continue
            for bureau in todo:
                item = StaffAssignment.objects.create(
                    user_id=person_id,
                    role=StaffRole.DESK_OFFICER,
                    bureau=bureau,
                    fiscal_year=fiscal_year,
                    fte_share=share,
                    note=f"From the {cycle.report_year} cycle's desk officers",
                )
                created.append(item)
        audit.record(
            "operations.desk_officers.import",
            cycle,
            user,
            request,
            fiscal_year=fiscal_year,
            created=len(created),
            skipped=len(skipped),
        )
    return DeskImport(fiscal_year, cycle.report_year, created, already, skipped)


# Reading: where money and time go, and where the need is.


@dataclass(frozen=True, slots=True)
class BudgetRow:
    priority: str
    category: str
    amount_usd: Decimal


@dataclass(frozen=True, slots=True)
class OperationsView:
    fiscal_year: int
    report_year: int | None
    budget: list[BudgetRow]
    budget_total: Decimal
    assignments: list[StaffAssignment]
    staff_by_country: list[tuple[str, str, float]]
    staff_by_bureau: list[tuple[str, str, float]]
    comparison: shares.Comparison
    money_total: Decimal
    sources: tuple[DatasetRef, ...]
    office_source: DatasetRef


def office_source(fiscal_year: int, today: date) -> DatasetRef:
    return DatasetRef(
        key="office-resources",
        title=f"Office budget, staff assignments and program obligations, FY{fiscal_year}",
        producer="The office's program officers (entered in TIP Monitor)",
        edition=f"as of {today:%d %B %Y}",
        accessed=today,
        licence="Internal record, not for publication",
        attribution="TIP Monitor operations and program records",
        caveats="Staff time is each assignment's FTE share; program money is the fiscal "
        "year's obligations.",
        source_url="",
    )


def _facing_downgrade(report_year: int, wl: set[str]) -> set[str]:
    """Countries on the Watch List whose clock counts two or more consecutive years."""
    placements: dict[str, dict[int, Tier | None]] = defaultdict(dict)
    rows = TierPlacement.objects.filter(country_id__in=wl, report_year__lte=report_year)
    for iso3, year, tier in rows.values_list("country_id", "report_year", "tier"):
        placements[iso3][year] = Tier(tier)
    first = min((min(p) for p in placements.values()), default=report_year)
    return {
        iso3
        for iso3, history in placements.items()
        if walk(history, first, report_year)[-1].clock.run >= 2
    }


def need_inputs(fiscal_year: int) -> tuple[list[shares.CountryNeedIn], int | None]:
    """Each covered country's latest tier (report year up to ``fiscal_year``), clock and
    latest detected-victim count (up to ``fiscal_year``)."""
    report_year = TierPlacement.objects.filter(report_year__lte=fiscal_year).aggregate(
        y=Max("report_year")
    )["y"]
    tiers: dict[str, str] = {}
    if report_year is not None:
        tiers = dict(
            TierPlacement.objects.filter(report_year=report_year).values_list("country_id", "tier")
        )
    wl = {iso3 for iso3, tier in tiers.items() if tier == Tier.TIER_2_WATCH_LIST}
    facing = _facing_downgrade(report_year, wl) if report_year else set()
    victims: dict[str, int] = {}
    figures = UnodcFigure.objects.filter(
        dataset__key=UNODC_KEY,
        indicator=VICTIMS,
        sex="Total",
        age="Total",
        dimension="Total",
        year__lte=fiscal_year,
        value__isnull=False,
    ).order_by("country_id", "year")
    for iso3, value in figures.values_list("country_id", "value"):
        if iso3 and value is not None:
            victims[iso3] = value  # the latest year wins (ordered by year)
    countries = [
        shares.CountryNeedIn(
            iso3=c.iso3,
            name=c.short_name,
            bureau=c.bureau,
            tier=tiers.get(c.iso3),
            facing_downgrade=c.iso3 in facing,
            victims=victims.get(c.iso3),
        )
        for c in Country.objects.filter(tip_covered=True).exclude(bureau="")
    ]
    return countries, report_year


def _staff_amounts(items: list[StaffAssignment]) -> list[shares.Amount]:
    out = []
    for a in items:
        iso3, bureau = a.country_id, a.bureau or None
        if a.program is not None:
            iso3 = a.program.country_id
            bureau = a.program.bureau if a.program.bureau not in ("", GLOBAL) else None
        out.append(shares.Amount(float(a.fte_share), iso3, bureau))
    return out


def _money_amounts(fiscal_year: int) -> tuple[list[shares.Amount], Decimal]:
    rows = Funding.objects.filter(fiscal_year=fiscal_year).select_related("program")
    out = []
    total = Decimal(0)
    for f in rows:
        p = f.program
        bureau = p.bureau if p.bureau not in ("", GLOBAL) else None
        out.append(shares.Amount(float(f.obligated_usd), p.country_id, bureau))
        total += f.obligated_usd
    return out, total


def _sum_places(
    amounts: list[shares.Amount], names: dict[str, str], bureau_of: dict[str, str]
) -> tuple[list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    by_country: dict[str, float] = defaultdict(float)
    by_bureau: dict[str, float] = defaultdict(float)
    for a in amounts:
        if a.iso3:
            by_country[a.iso3] += a.value
        bureau = a.bureau or bureau_of.get(a.iso3 or "") or ""
        by_bureau[bureau] += a.value
    bureau_names = dict(Bureau.choices) | {"": shares.NO_BUREAU}
    countries = sorted(
        ((k, names.get(k, k), v) for k, v in by_country.items()), key=lambda r: (-r[2], r[1])
    )
    bureaus = sorted((k, bureau_names.get(k, k), v) for k, v in by_bureau.items())
    return countries, bureaus


def operations_view(fiscal_year: int, today: date, user: User) -> OperationsView:
    require_reader(user)
    budget = [
        BudgetRow(priority, category_label, amount)
        for priority, category_label, amount in _budget_rows(fiscal_year)
    ]
    assignments = list(
        StaffAssignment.objects.filter(fiscal_year=fiscal_year).select_related(
            "user", "country", "program"
        )
    )
    countries, report_year = need_inputs(fiscal_year)
    names = {c.iso3: c.name for c in countries}
    bureau_of = {c.iso3: c.bureau for c in countries}
    staff = _staff_amounts(assignments)
    money, money_total = _money_amounts(fiscal_year)
    by_country, by_bureau = _sum_places(staff, names, bureau_of)
    comparison = shares.compare(countries, staff, money, dict(Bureau.choices))
    sources = []
    for key in (TIERS_KEY, UNODC_KEY):
        try:
            sources.append(dataset_ref(key))
        except DatasetNotLoaded:
            continue
    return OperationsView(
        fiscal_year=fiscal_year,
        report_year=report_year,
        budget=budget,
        budget_total=sum((b.amount_usd for b in budget), Decimal(0)),
        assignments=assignments,
        staff_by_country=by_country,
        staff_by_bureau=by_bureau,
        comparison=comparison,
        money_total=money_total,
        sources=tuple(sources),
        office_source=office_source(fiscal_year, today),
    )


def _budget_rows(fiscal_year: int) -> list[tuple[str, str, Decimal]]:
    labels = dict(BudgetLine._meta.get_field("category").choices or [])
    rows = (
        BudgetLine.objects.filter(fiscal_year=fiscal_year)
        .values("priority__title", "priority__order", "category")
        .annotate(total=Sum("amount_usd"))
        .order_by("priority__order", "priority__title", "category")
    )
    return [
        (r["priority__title"], str(labels.get(r["category"], r["category"])), r["total"])
        for r in rows
    ]
