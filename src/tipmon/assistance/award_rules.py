"""The rules of awards, funding and results, as plain Python (no Django import).

Dataclasses in, dataclasses out: the services in ``tipmon.assistance.programs`` read rows,
call these functions and refuse to save when one reports a problem; the tests call them
directly, with random inputs.

Funding: money is ``Decimal`` US dollars. The rule is cumulative: by the end of every fiscal
year, the dollars disbursed so far must not exceed the dollars obligated so far. One year's
disbursement may exceed that year's obligation (money obligated earlier is spent later).

Results: a value (target or actual) belongs to a reporting period that lies inside the
award's period, and to a (sex, age) group the indicator is disaggregated by. Totals are
summed only for counts; percentages are never added up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

TOTAL = "total"
SEXES = ("female", "male", "other")
AGES = ("child", "adult")


def usd(amount: Decimal) -> str:
    return f"${amount:,.2f}"


@dataclass(frozen=True, slots=True)
class FundingLine:
    fiscal_year: int
    obligated: Decimal
    disbursed: Decimal


@dataclass(frozen=True, slots=True)
class FundingProblem:
    """The first fiscal year by which more was disbursed than obligated."""

    fiscal_year: int
    obligated_to_date: Decimal
    disbursed_to_date: Decimal

    @property
    def message(self) -> str:
        return (
            f"By the end of fiscal year {self.fiscal_year}, {usd(self.disbursed_to_date)} "
            f"would have been disbursed against {usd(self.obligated_to_date)} obligated: "
            "disbursements may not exceed obligations. Nothing was saved."
        )


def funding_problem(lines: Iterable[FundingLine]) -> FundingProblem | None:
    """None when every year's cumulative disbursement is within its cumulative obligation."""
    obligated = disbursed = Decimal(0)
    for line in sorted(lines, key=lambda item: item.fiscal_year):
        obligated += line.obligated
        disbursed += line.disbursed
        if disbursed > obligated:
            return FundingProblem(line.fiscal_year, obligated, disbursed)
    return None


@dataclass(frozen=True, slots=True)
class Span:
    start: date
    end: date

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def period_problem(award: Span, period: Span, label: str = "This period") -> str | None:
    """A message when ``period`` is not a valid period of an award running over ``award``."""
    if period.end < period.start:
        return f"{label} ends ({period.end}) before it starts ({period.start})."
    if not award.contains(period):
        return (
            f"{label} ({period.start} to {period.end}) lies outside the award's period "
            f"({award.start} to {award.end}); values are recorded only for periods inside it."
        )
    return None


def fiscal_year_span(fiscal_year: int) -> Span:
    """A US fiscal year: 1 October of the year before to 30 September."""
    return Span(date(fiscal_year - 1, 10, 1), date(fiscal_year, 9, 30))


def allowed_groups(disaggregation: str) -> frozenset[tuple[str, str]]:
    """The (sex, age) cells an indicator accepts; the total cell is always accepted."""
    cells = {(TOTAL, TOTAL)}
    if disaggregation in {"sex", "sex_age"}:
        cells |= {(sex, TOTAL) for sex in SEXES}
    if disaggregation in {"age", "sex_age"}:
        cells |= {(TOTAL, age) for age in AGES}
    if disaggregation == "sex_age":
        cells |= {(sex, age) for sex in SEXES for age in AGES}
    return frozenset(cells)


def group_problem(disaggregation: str, sex: str, age: str) -> str | None:
    if (sex, age) in allowed_groups(disaggregation):
        return None
    shown = {"none": "not disaggregated", "sex": "disaggregated by sex only",
             "age": "disaggregated by age only"}.get(disaggregation, disaggregation)  # fmt: skip
    return f"This indicator is {shown}: it takes no value for sex '{sex}' and age '{age}'."


def value_problem(unit: str, value: Decimal) -> str | None:
    if value < 0:
        return "A value cannot be negative."
    if unit == "percent" and value > 100:
        return f"{value} is not a percentage (0 to 100)."
    return None


def unknown_criteria(codes: Iterable[str], known: Iterable[str]) -> list[str]:
    allowed = set(known)
    return sorted({code for code in codes if code not in allowed})


# Results


@dataclass(frozen=True, slots=True)
class Cell:
    """One recorded value of one indicator."""

    indicator: str
    period: str
    period_end: date
    kind: str
    sex: str
    age: str
    value: Decimal


@dataclass(frozen=True, slots=True)
class Comparison:
    """Target against actual for one indicator in one period (totals)."""

    indicator: str
    period: str
    period_end: date
    target: Decimal | None
    actual: Decimal | None

    @property
    def achieved(self) -> Decimal | None:
        """Actual as a share of target (None without both, or with a zero target)."""
        if self.target is None or self.actual is None or self.target == 0:
            return None
        return self.actual / self.target


def total_of(cells: Sequence[Cell], unit: str) -> Decimal | None:
    """The total of one indicator/period/kind: the recorded total cell, or for counts the sum
    of one complete breakdown (by sex, else by age, else by sex and age)."""
    by_group = {(c.sex, c.age): c.value for c in cells}
    if (TOTAL, TOTAL) in by_group:
        return by_group[(TOTAL, TOTAL)]
    if unit != "count":
        return None
    for keys in (
        [(sex, TOTAL) for sex in SEXES],
        [(TOTAL, age) for age in AGES],
        [(sex, age) for sex in SEXES for age in AGES],
    ):
        present = [by_group[k] for k in keys if k in by_group]
        if present:
            return sum(present, Decimal(0))
    return None


def compare(cells: Iterable[Cell], unit: str) -> list[Comparison]:
    """Target against actual per indicator and period, in period order."""
    grouped: dict[tuple[str, str, date], dict[str, list[Cell]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for cell in cells:
        grouped[(cell.indicator, cell.period, cell.period_end)][cell.kind].append(cell)
    rows = [
        Comparison(
            indicator,
            period,
            end,
            total_of(kinds.get("target", []), unit),
            total_of(kinds.get("actual", []), unit),
        )
        for (indicator, period, end), kinds in grouped.items()
    ]
    return sorted(rows, key=lambda r: (r.indicator, r.period_end, r.period))


@dataclass(frozen=True, slots=True)
class RolledIndicator:
    """One comparable count indicator across programs, for one year."""

    code: str
    title: str
    year: int
    target: Decimal | None
    actual: Decimal | None
    programs: int


@dataclass(frozen=True, slots=True)
class ProgramResult:
    """One program's comparison rows for one indicator, with what makes it comparable."""

    program: str
    code: str
    title: str
    unit: str
    rows: tuple[Comparison, ...]


def roll_up(results: Iterable[ProgramResult]) -> tuple[list[RolledIndicator], list[str]]:
    """Sum count indicators that share a code, by year of period end; percentages are listed
    as not summed (an average of percentages over different bases would mislead)."""
    sums: dict[tuple[str, int], list[Decimal | None]] = {}
    titles: dict[str, str] = {}
    programs: dict[tuple[str, int], set[str]] = defaultdict(set)
    not_summed: set[str] = set()
    for result in results:
        code = result.code.strip().upper()
        if result.unit != "count":
            not_summed.add(f"{result.program} {result.code} ({result.title})")
            continue
        titles.setdefault(code, result.title)
        for row in result.rows:
            key = (code, row.period_end.year)
            target, actual = sums.setdefault(key, [None, None])
            sums[key] = [_add(target, row.target), _add(actual, row.actual)]
            programs[key].add(result.program)
    rolled = [
        RolledIndicator(code, titles[code], year, target, actual, len(programs[(code, year)]))
        for (code, year), (target, actual) in sorted(sums.items())
    ]
    return rolled, sorted(not_summed)


def _add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    if value is None:
        return total
    return value if total is None else total + value
