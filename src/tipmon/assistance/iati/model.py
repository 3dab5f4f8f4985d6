"""What an IATI activity export is made of: plain, frozen dataclasses.

They follow the IATI 2.03 activity standard closely but know nothing of TIP Monitor's
models; the Django side maps a program and its award onto an :class:`Activity`. Each
dataclass checks, when it is built, what the schema alone cannot (non-blank text, shares
that add up to 100, a budget period of at most a year), so that anything that can be built
can be written as valid IATI XML. A bad value raises :class:`ValueError` naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from tipmon.assistance.iati.codes import (
    AID_PROJECT_TYPE,
    COLLABORATION_BILATERAL,
    FINANCE_STANDARD_GRANT,
    FLOW_ODA,
    SECTOR_MIGRATION,
    ActivityStatus,
    BudgetStatus,
    BudgetType,
    DescriptionType,
    IndicatorMeasure,
    OrganisationType,
    ResultType,
    TransactionType,
)

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ISO2 = re.compile("[A-Z]{2}")
_DAC5 = re.compile("[0-9]{5}")


def check_text(value: str, what: str, *, required: bool = True) -> None:
    """Refuse text that XML 1.0 cannot hold, and blank text where some is required."""
    bad = _NOT_XML.search(value)
    if bad:
        raise ValueError(f"{what}: character U+{ord(bad.group()):04X} cannot be written in XML")
    if required and not value.strip():
        raise ValueError(f"{what}: must not be blank")


def check_amount(value: Decimal, what: str) -> None:
    if not value.is_finite():
        raise ValueError(f"{what}: {value} is not a finite amount")


def _check_percentage(value: Decimal | None, what: str) -> None:
    if value is not None and not (value.is_finite() and 0 <= value <= 100):
        raise ValueError(f"{what}: percentage {value} is not between 0 and 100")


def _check_shares(shares: list[Decimal | None], what: str) -> None:
    """Several countries, regions or sectors need percentages that add up to 100."""
    if len(shares) < 2:
        return
    if any(s is None for s in shares):
        raise ValueError(f"{what}: with more than one, each needs a percentage")
    total = sum((s for s in shares if s is not None), Decimal(0))
    if total != 100:
        raise ValueError(f"{what}: percentages add up to {total}, not 100")


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation as IATI names it: an identifier (optional here) and a name."""

    name: str
    ref: str | None = None
    type: OrganisationType | None = None

    def __post_init__(self) -> None:
        check_text(self.name, "organisation name")
        if self.ref is not None:
            check_text(self.ref, "organisation ref")


@dataclass(frozen=True, slots=True)
class ReportingOrg:
    """The publisher: the office. Its ``ref`` prefixes every activity identifier.

    The ref is configuration: the office's identifier in the IATI organisation register
    (``{agency}-{number}``). Until one is registered, use the documented placeholder
    :data:`PLACEHOLDER_REPORTING_ORG_REF`.
    """

    ref: str
    name: str
    type: OrganisationType = OrganisationType.GOVERNMENT

    def __post_init__(self) -> None:
        check_text(self.name, "reporting organisation name")
        check_text(self.ref, "reporting organisation ref")
        if any(c.isspace() for c in self.ref):
            raise ValueError("reporting organisation ref: must not contain spaces")


PLACEHOLDER_REPORTING_ORG_REF = "XX-TIPMON-OFFICE"


@dataclass(frozen=True, slots=True)
class RecipientCountry:
    """A recipient country by ISO 3166-1 alpha-2 code (IATI does not take alpha-3)."""

    code: str
    percentage: Decimal | None = None

    def __post_init__(self) -> None:
        if not _ISO2.fullmatch(self.code):
            raise ValueError(f"recipient country: {self.code!r} is not an ISO 3166-1 alpha-2 code")
        _check_percentage(self.percentage, "recipient country")


@dataclass(frozen=True, slots=True)
class RecipientRegion:
    """A recipient region by OECD DAC region code (vocabulary 1), e.g. 798 Asia, regional."""

    code: str
    percentage: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.code.isdigit():
            raise ValueError(f"recipient region: {self.code!r} is not a DAC region code")
        _check_percentage(self.percentage, "recipient region")


@dataclass(frozen=True, slots=True)
class Sector:
    """A DAC 5-digit purpose code (sector vocabulary 1)."""

    code: str = SECTOR_MIGRATION
    percentage: Decimal | None = None

    def __post_init__(self) -> None:
        if not _DAC5.fullmatch(self.code):
            raise ValueError(f"sector: {self.code!r} is not a DAC 5-digit purpose code")
        _check_percentage(self.percentage, "sector")


@dataclass(frozen=True, slots=True)
class Budget:
    """One budget line: a period of at most a year (a fiscal year) and its amount in USD."""

    period_start: date
    period_end: date
    value: Decimal
    value_date: date
    type: BudgetType = BudgetType.ORIGINAL
    status: BudgetStatus = BudgetStatus.COMMITTED

    def __post_init__(self) -> None:
        check_amount(self.value, "budget value")
        if self.period_end < self.period_start:
            raise ValueError("budget: period ends before it starts")
        if (self.period_end - self.period_start).days > 366:
            raise ValueError("budget: a budget period must not be longer than one year")

    @classmethod
    def for_fiscal_year(
        cls, fiscal_year: int, value: Decimal, *, status: BudgetStatus = BudgetStatus.COMMITTED
    ) -> Budget:
        """A US federal fiscal year: 1 October of the year before to 30 September."""
        start = date(fiscal_year - 1, 10, 1)
        return cls(start, date(fiscal_year, 9, 30), value, value_date=start, status=status)


@dataclass(frozen=True, slots=True)
class Transaction:
    """A commitment (our obligation) or a disbursement, in USD."""

    type: TransactionType
    transaction_date: date
    value: Decimal
    value_date: date | None = None  # defaults to the transaction date
    ref: str | None = None  # our obligation or payment number
    description: str | None = None
    receiver: Organisation | None = None

    def __post_init__(self) -> None:
        check_amount(self.value, "transaction value")
        if self.ref is not None:
            check_text(self.ref, "transaction ref")
        if self.description is not None:
            check_text(self.description, "transaction description")

    @property
    def valued_on(self) -> date:
        return self.value_date or self.transaction_date


@dataclass(frozen=True, slots=True)
class Dimension:
    """One category of a disaggregated value, e.g. sex=female or age=18-24."""

    name: str
    value: str

    def __post_init__(self) -> None:
        check_text(self.name, "dimension name")
        check_text(self.value, "dimension value")

    @classmethod
    def sex(cls, value: str) -> Dimension:
        return cls("sex", value)

    @classmethod
    def age(cls, value: str) -> Dimension:
        return cls("age", value)


@dataclass(frozen=True, slots=True)
class Measurement:
    """A target or an actual value, whole or for the group its dimensions describe."""

    value: Decimal
    dimensions: tuple[Dimension, ...] = ()
    comment: str | None = None

    def __post_init__(self) -> None:
        check_amount(self.value, "result value")
        if self.comment is not None:
            check_text(self.comment, "result comment")


@dataclass(frozen=True, slots=True)
class Baseline:
    year: int
    value: Decimal
    dimensions: tuple[Dimension, ...] = ()
    comment: str | None = None

    def __post_init__(self) -> None:
        if self.year < 1:
            raise ValueError(f"baseline: year {self.year} is not a positive year")
        check_amount(self.value, "baseline value")
        if self.comment is not None:
            check_text(self.comment, "baseline comment")


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period of an indicator with its targets and actuals."""

    start: date
    end: date
    targets: tuple[Measurement, ...] = ()
    actuals: tuple[Measurement, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("result period: ends before it starts")


@dataclass(frozen=True, slots=True)
class Indicator:
    title: str
    measure: IndicatorMeasure = IndicatorMeasure.UNIT
    ascending: bool = True
    description: str | None = None
    baselines: tuple[Baseline, ...] = ()
    periods: tuple[Period, ...] = ()

    def __post_init__(self) -> None:
        check_text(self.title, "indicator title")
        if self.description is not None:
            check_text(self.description, "indicator description")
        if self.measure is IndicatorMeasure.PERCENTAGE:
            values = [b.value for b in self.baselines] + [
                m.value for p in self.periods for m in (*p.targets, *p.actuals)
            ]
            for v in values:
                _check_percentage(v, f"indicator {self.title!r}")


@dataclass(frozen=True, slots=True)
class Result:
    """An output or outcome of the program, with at least one indicator."""

    type: ResultType
    title: str
    indicators: tuple[Indicator, ...]
    description: str | None = None
    aggregation_status: bool | None = None

    def __post_init__(self) -> None:
        check_text(self.title, "result title")
        if self.description is not None:
            check_text(self.description, "result description")
        if not self.indicators:
            raise ValueError(f"result {self.title!r}: needs at least one indicator")


@dataclass(frozen=True, slots=True)
class SourceNote:
    """Where the exported figures come from; written as a TIP Monitor extension element."""

    dataset: str
    record: str
    edition: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        check_text(self.dataset, "source dataset")
        check_text(self.record, "source record")
        check_text(self.edition, "source edition", required=False)
        check_text(self.note, "source note", required=False)


@dataclass(frozen=True, slots=True)
class Activity:
    """One program (its award) as an IATI activity.

    ``award_id`` is our own identifier; the IATI identifier is the reporting
    organisation's ref, a hyphen, then ``award_id``. The office is the funding
    organisation; ``implementer`` is the implementing organisation.
    """

    reporting_org: ReportingOrg
    award_id: str
    title: str
    description: str
    implementer: Organisation
    status: ActivityStatus
    planned_start: date
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    recipient_countries: tuple[RecipientCountry, ...] = ()
    recipient_regions: tuple[RecipientRegion, ...] = ()
    sectors: tuple[Sector, ...] = field(default_factory=lambda: (Sector(),))
    budgets: tuple[Budget, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    results: tuple[Result, ...] = ()
    sources: tuple[SourceNote, ...] = ()
    description_type: DescriptionType = DescriptionType.GENERAL
    collaboration_type: str = COLLABORATION_BILATERAL
    flow_type: str = FLOW_ODA
    finance_type: str = FINANCE_STANDARD_GRANT
    aid_type: str = AID_PROJECT_TYPE
    last_updated: datetime | None = None

    def __post_init__(self) -> None:
        check_text(self.award_id, "award id")
        if any(c.isspace() for c in self.award_id):
            raise ValueError("award id: must not contain spaces")
        check_text(self.title, "activity title")
        check_text(self.description, "activity description")
        if not self.recipient_countries and not self.recipient_regions:
            raise ValueError("activity: needs a recipient country or a recipient region")
        _check_shares(
            [c.percentage for c in self.recipient_countries]
            + [r.percentage for r in self.recipient_regions],
            "recipient countries and regions",
        )
        if not self.sectors:
            raise ValueError("activity: needs at least one sector")
        _check_shares([s.percentage for s in self.sectors], "sectors")
        for start, end, what in (
            (self.planned_start, self.planned_end, "planned"),
            (self.actual_start, self.actual_end, "actual"),
        ):
            if start is not None and end is not None and end < start:
                raise ValueError(f"activity: the {what} end is before the {what} start")
        if self.last_updated is not None and self.last_updated.tzinfo is None:
            raise ValueError("activity: last_updated needs a time zone")

    @property
    def identifier(self) -> str:
        return f"{self.reporting_org.ref}-{self.award_id}"

    @property
    def funder(self) -> Organisation:
        org = self.reporting_org
        return Organisation(name=org.name, ref=org.ref, type=org.type)
