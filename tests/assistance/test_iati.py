"""IATI 2.03 activity export: valid against the vendored official schema, and faithful.

The schema files are the IATI releases kept unedited in
``src/tipmon/assistance/iati/schema/2.03``; lxml (a dev dependency) validates against them.
"""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import tipmon.assistance.iati as iati_pkg
from tipmon.assistance.iati import (
    ACTIVITY_SCHEMA,
    EXTENSION_NS,
    PLACEHOLDER_REPORTING_ORG_REF,
    SCHEMA_DIR,
    SECTOR_HUMAN_RIGHTS,
    SECTOR_MIGRATION,
    Activity,
    ActivityStatus,
    Baseline,
    Budget,
    BudgetStatus,
    BudgetType,
    Dimension,
    Indicator,
    IndicatorMeasure,
    Measurement,
    Organisation,
    OrganisationType,
    Period,
    RecipientCountry,
    RecipientRegion,
    ReportingOrg,
    Result,
    ResultType,
    Sector,
    SourceNote,
    Transaction,
    TransactionType,
    write_activities,
)
from tipmon.assistance.iati.codes import DescriptionType

GENERATED = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
OFFICE = ReportingOrg(ref=PLACEHOLDER_REPORTING_ORG_REF, name="Office to Monitor and Combat TIP")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ACTIVITY_SCHEMA)))


def assert_valid(xml: bytes) -> etree._Element:
    doc = etree.fromstring(xml)
    schema = _schema()
    if not schema.validate(doc):
        raise AssertionError(str(schema.error_log))
    return doc


def nepal_shelter_program() -> Activity:
    """A two-year shelter and reintegration award in Nepal, with disaggregated results."""
    ngo = Organisation("Shakti Samuha", ref="NP-SWC-1234", type=OrganisationType.NATIONAL_NGO)
    survivors_assisted = Indicator(
        title="Survivors of trafficking who received shelter services",
        measure=IndicatorMeasure.UNIT,
        ascending=True,
        baselines=(Baseline(2024, Decimal(0), comment="No shelter in the district before"),),
        periods=(
            Period(
                date(2024, 10, 1),
                date(2025, 9, 30),
                targets=(
                    Measurement(Decimal(120)),
                    Measurement(Decimal(90), (Dimension.sex("female"),)),
                    Measurement(Decimal(30), (Dimension.sex("male"),)),
                    Measurement(Decimal(40), (Dimension.sex("female"), Dimension.age("under 18"))),
                ),
                actuals=(
                    Measurement(Decimal(133), comment="Shelter intake register, FY2025"),
                    Measurement(Decimal(101), (Dimension.sex("female"),)),
                    Measurement(Decimal(32), (Dimension.sex("male"),)),
                    Measurement(Decimal(47), (Dimension.sex("female"), Dimension.age("under 18"))),
                ),
            ),
        ),
    )
    reintegrated = Indicator(
        title="Share of assisted survivors reintegrated after six months",
        measure=IndicatorMeasure.PERCENTAGE,
        baselines=(Baseline(2024, Decimal("35.5"), (Dimension.sex("female"),)),),
        periods=(
            Period(
                date(2024, 10, 1),
                date(2025, 9, 30),
                targets=(Measurement(Decimal(60)),),
                actuals=(Measurement(Decimal("57.3")),),
            ),
        ),
    )
    return Activity(
        reporting_org=OFFICE,
        award_id="SSJTIP24GR0042",
        title="Shelter and reintegration for survivors of trafficking in Nepal",
        description="Runs two shelters & trains caseworkers in Province 1 <pilot>.",
        implementer=ngo,
        status=ActivityStatus.IMPLEMENTATION,
        planned_start=date(2024, 10, 1),
        planned_end=date(2026, 9, 30),
        actual_start=date(2024, 10, 15),
        recipient_countries=(RecipientCountry("NP"),),
        sectors=(Sector(SECTOR_MIGRATION, Decimal(70)), Sector(SECTOR_HUMAN_RIGHTS, Decimal(30))),
        budgets=(
            Budget.for_fiscal_year(2025, Decimal("450000.00")),
            Budget.for_fiscal_year(2026, Decimal("400000.00"), status=BudgetStatus.INDICATIVE),
        ),
        transactions=(
            Transaction(TransactionType.COMMITMENT, date(2024, 9, 20), Decimal(850000), ref="OB-1"),
            Transaction(
                TransactionType.DISBURSEMENT,
                date(2025, 1, 10),
                Decimal("212500.50"),
                ref="PAY-1",
                description="First tranche",
                receiver=ngo,
            ),
        ),
        results=(
            Result(ResultType.OUTPUT, "Survivors sheltered", (survivors_assisted,)),
            Result(
                ResultType.OUTCOME,
                "Survivors rebuild their lives",
                (reintegrated,),
                description="Reintegration measured by follow-up visits",
                aggregation_status=False,
            ),
        ),
        sources=(SourceNote("tipmon.assistance.awards", "SSJTIP24GR0042", note="award record"),),
        last_updated=datetime(2026, 2, 27, 9, 0, tzinfo=UTC),
    )


# Parsing the file back into dataclasses, to check that nothing is lost or changed.


def _text(el: etree._Element, path: str) -> str:
    return str(el.findtext(f"{path}/narrative"))


def _opt_text(el: etree._Element, path: str) -> str | None:
    return el.findtext(f"{path}/narrative")


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _day(el: etree._Element | None) -> date | None:
    return None if el is None else date.fromisoformat(el.get("iso-date"))


def _bool(value: str | None) -> bool | None:
    return None if value is None else value in ("true", "1")


def _org(el: etree._Element) -> Organisation:
    kind = el.get("type")
    return Organisation(_text(el, "."), el.get("ref"), OrganisationType(kind) if kind else None)


def _dims(el: etree._Element) -> tuple[Dimension, ...]:
    return tuple(Dimension(d.get("name"), d.get("value")) for d in el.findall("dimension"))


def _measures(el: etree._Element, tag: str) -> tuple[Measurement, ...]:
    return tuple(
        Measurement(Decimal(m.get("value")), _dims(m), _opt_text(m, "comment"))
        for m in el.findall(tag)
    )


def _indicator(el: etree._Element) -> Indicator:
    return Indicator(
        title=_text(el, "title"),
        measure=IndicatorMeasure(el.get("measure")),
        ascending=bool(_bool(el.get("ascending"))),
        description=_opt_text(el, "description"),
        baselines=tuple(
            Baseline(int(b.get("year")), Decimal(b.get("value")), _dims(b), _opt_text(b, "comment"))
            for b in el.findall("baseline")
        ),
        periods=tuple(
            Period(
                date.fromisoformat(p.find("period-start").get("iso-date")),
                date.fromisoformat(p.find("period-end").get("iso-date")),
                _measures(p, "target"),
                _measures(p, "actual"),
            )
            for p in el.findall("period")
        ),
    )


def _transaction(el: etree._Element) -> Transaction:
    receiver = el.find("receiver-org")
    return Transaction(
        TransactionType(el.find("transaction-type").get("code")),
        date.fromisoformat(el.find("transaction-date").get("iso-date")),
        Decimal(el.findtext("value")),
        date.fromisoformat(el.find("value").get("value-date")),
        el.get("ref"),
        _opt_text(el, "description"),
        None if receiver is None else _org(receiver),
    )


def read_back(doc: etree._Element) -> list[Activity]:
    activities = []
    for a in doc.findall("iati-activity"):
        rep = a.find("reporting-org")
        dates = {d.get("type"): d for d in a.findall("activity-date")}
        implementer = a.find("participating-org[@role='4']")
        updated = a.get("last-updated-datetime")
        activities.append(
            Activity(
                reporting_org=ReportingOrg(
                    rep.get("ref"), _text(rep, "."), OrganisationType(rep.get("type"))
                ),
                award_id=a.find("other-identifier[@type='A1']").get("ref"),
                title=_text(a, "title"),
                description=_text(a, "description"),
                implementer=_org(implementer),
                status=ActivityStatus(a.find("activity-status").get("code")),
                planned_start=date.fromisoformat(dates["1"].get("iso-date")),
                planned_end=_day(dates.get("3")),
                actual_start=_day(dates.get("2")),
                actual_end=_day(dates.get("4")),
                recipient_countries=tuple(
                    RecipientCountry(c.get("code"), _dec(c.get("percentage")))
                    for c in a.findall("recipient-country")
                ),
                recipient_regions=tuple(
                    RecipientRegion(r.get("code"), _dec(r.get("percentage")))
                    for r in a.findall("recipient-region")
                ),
                sectors=tuple(
                    Sector(s.get("code"), _dec(s.get("percentage"))) for s in a.findall("sector")
                ),
                budgets=tuple(
                    Budget(
                        date.fromisoformat(b.find("period-start").get("iso-date")),
                        date.fromisoformat(b.find("period-end").get("iso-date")),
                        Decimal(b.findtext("value")),
                        date.fromisoformat(b.find("value").get("value-date")),
                        BudgetType(b.get("type")),
                        BudgetStatus(b.get("status")),
                    )
                    for b in a.findall("budget")
                ),
                transactions=tuple(_transaction(t) for t in a.findall("transaction")),
                results=tuple(
                    Result(
                        ResultType(r.get("type")),
                        _text(r, "title"),
                        tuple(_indicator(i) for i in r.findall("indicator")),
                        _opt_text(r, "description"),
                        _bool(r.get("aggregation-status")),
                    )
                    for r in a.findall("result")
                ),
                sources=tuple(
                    SourceNote(
                        s.get("dataset"), s.get("record"), s.get("edition", ""), s.text or ""
                    )
                    for s in a.findall(f"{{{EXTENSION_NS}}}source")
                ),
                description_type=DescriptionType(a.find("description").get("type")),
                collaboration_type=a.find("collaboration-type").get("code"),
                flow_type=a.find("default-flow-type").get("code"),
                finance_type=a.find("default-finance-type").get("code"),
                aid_type=a.find("default-aid-type").get("code"),
                last_updated=None if updated is None else datetime.fromisoformat(updated),
            )
        )
    return activities


def as_written(activity: Activity) -> Activity:
    """What reading back should give: value dates filled in, the time to the second."""
    updated = activity.last_updated
    return replace(
        activity,
        transactions=tuple(replace(t, value_date=t.valued_on) for t in activity.transactions),
        last_updated=None if updated is None else updated.replace(microsecond=0),
    )


# The vendored schema.


def test_the_vendored_schema_is_the_2_03_release_and_unedited() -> None:
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.M))
    on_disk = {p.name for p in SCHEMA_DIR.iterdir() if p.name != "README.md"}
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((SCHEMA_DIR / name).read_bytes()).hexdigest() == digest, name
    for name in ("iati-activities-schema.xsd", "iati-common.xsd"):
        root = etree.parse(str(SCHEMA_DIR / name)).getroot()
        assert root.get("version") == "2.03"
        assert "Release 2.03, 2018-02-19" in (SCHEMA_DIR / name).read_text(encoding="utf-8")


def test_the_schema_refuses_a_file_with_elements_out_of_order() -> None:
    doc = etree.fromstring(write_activities([nepal_shelter_program()], GENERATED))
    activity = doc.find("iati-activity")
    title = activity.find("title")
    activity.remove(title)
    activity.insert(0, title)
    assert not _schema().validate(doc)


def test_the_schema_refuses_a_file_without_a_reporting_org() -> None:
    doc = etree.fromstring(write_activities([nepal_shelter_program()], GENERATED))
    activity = doc.find("iati-activity")
    activity.remove(activity.find("reporting-org"))
    assert not _schema().validate(doc)


# The export of a real-looking program.


def test_a_program_with_sex_and_age_disaggregated_results_validates() -> None:
    doc = assert_valid(write_activities([nepal_shelter_program()], GENERATED))
    assert doc.get("version") == "2.03"
    assert doc.get("generated-datetime") == "2026-03-01T12:30:00+00:00"
    activity = doc.find("iati-activity")
    assert activity.get("default-currency") == "USD"
    assert activity.get(XML_LANG) == "en"
    targets = doc.findall(".//indicator/period/target")
    assert [_dims(t) for t in targets][1:4] == [
        (Dimension("sex", "female"),),
        (Dimension("sex", "male"),),
        (Dimension("sex", "female"), Dimension("age", "under 18")),
    ]
    assert [a.get("value") for a in doc.findall(".//indicator/period/actual")][:4] == [
        "133",
        "101",
        "32",
        "47",
    ]


def test_it_writes_the_iati_codes_for_roles_transactions_results_and_measures() -> None:
    doc = assert_valid(write_activities([nepal_shelter_program()], GENERATED))
    a = doc.find("iati-activity")
    assert a.findtext("iati-identifier") == f"{PLACEHOLDER_REPORTING_ORG_REF}-SSJTIP24GR0042"
    assert [(p.get("role"), _text(p, ".")) for p in a.findall("participating-org")] == [
        ("1", "Office to Monitor and Combat TIP"),
        ("4", "Shakti Samuha"),
    ]
    assert a.find("reporting-org").get("type") == "10"
    assert a.find("activity-status").get("code") == "2"
    assert [d.get("type") for d in a.findall("activity-date")] == ["1", "2", "3"]
    assert [t.find("transaction-type").get("code") for t in a.findall("transaction")] == ["2", "3"]
    assert [r.get("type") for r in a.findall("result")] == ["1", "2"]
    assert [i.get("measure") for i in a.findall(".//indicator")] == ["1", "2"]
    assert [(s.get("vocabulary"), s.get("code")) for s in a.findall("sector")] == [
        ("1", "15190"),
        ("1", "15160"),
    ]
    assert [
        (b.get("status"), b.find("period-start").get("iso-date")) for b in a.findall("budget")
    ] == [
        ("2", "2024-10-01"),
        ("1", "2025-10-01"),
    ]


def test_the_identifiers_transactions_and_values_round_trip() -> None:
    program = nepal_shelter_program()
    doc = assert_valid(write_activities([program], GENERATED))
    assert read_back(doc) == [as_written(program)]
    transactions = read_back(doc)[0].transactions
    assert sum(t.value for t in transactions) == Decimal("1062500.50")


def test_each_figure_carries_its_source_in_an_extension_element() -> None:
    doc = assert_valid(write_activities([nepal_shelter_program()], GENERATED))
    source = doc.find(f"iati-activity/{{{EXTENSION_NS}}}source")
    assert (source.get("dataset"), source.get("record")) == (
        "tipmon.assistance.awards",
        "SSJTIP24GR0042",
    )
    assert doc.find(".//actual/comment/narrative").text == "Shelter intake register, FY2025"


def test_a_regional_program_with_shared_percentages_validates() -> None:
    program = replace(
        nepal_shelter_program(),
        recipient_countries=(
            RecipientCountry("NP", Decimal(60)),
            RecipientCountry("IN", Decimal(25)),
        ),
        recipient_regions=(RecipientRegion("798", Decimal(15)),),
        results=(),
    )
    doc = assert_valid(write_activities([program], GENERATED))
    assert [c.get("percentage") for c in doc.findall(".//recipient-country")] == ["60", "25"]
    assert doc.find(".//recipient-region").get("vocabulary") == "1"


def test_a_us_fiscal_year_budget_runs_from_october_to_september() -> None:
    budget = Budget.for_fiscal_year(2027, Decimal(5))
    assert (budget.period_start, budget.period_end) == (date(2026, 10, 1), date(2027, 9, 30))


# What cannot be exported is refused when it is built, with the field named.


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: RecipientCountry("NPL"), "alpha-2"),
        (lambda: Sector("151"), "5-digit"),
        (lambda: replace(nepal_shelter_program(), title="  "), "activity title"),
        (lambda: replace(nepal_shelter_program(), award_id="GR 42"), "award id"),
        (lambda: replace(nepal_shelter_program(), recipient_countries=()), "recipient"),
        (
            lambda: replace(
                nepal_shelter_program(), sectors=(Sector("15190", Decimal(70)), Sector("15160"))
            ),
            "each needs a percentage",
        ),
        (
            lambda: replace(
                nepal_shelter_program(),
                sectors=(Sector("15190", Decimal(70)), Sector("15160", Decimal(20))),
            ),
            "add up to 90",
        ),
        (lambda: Budget(date(2024, 1, 1), date(2025, 6, 30), Decimal(1), date(2024, 1, 1)), "year"),
        (lambda: Measurement(Decimal("NaN")), "finite"),
        (lambda: Organisation("Bad\x00name"), r"U\+0000"),
        (lambda: Result(ResultType.OUTPUT, "No indicators", ()), "at least one indicator"),
        (
            lambda: Indicator(
                "Share", IndicatorMeasure.PERCENTAGE, baselines=(Baseline(2024, Decimal(140)),)
            ),
            "between 0 and 100",
        ),
        (lambda: Baseline(0, Decimal(1)), "positive year"),
    ],
)
def test_it_refuses_what_iati_cannot_hold(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]


def test_one_file_has_one_publisher_and_unique_identifiers() -> None:
    program = nepal_shelter_program()
    with pytest.raises(ValueError, match="share an identifier"):
        write_activities([program, program], GENERATED)
    other = replace(program, reporting_org=ReportingOrg("XX-OTHER", "Another office"))
    with pytest.raises(ValueError, match="one reporting organisation"):
        write_activities([program, other], GENERATED)
    with pytest.raises(ValueError, match="time zone"):
        write_activities([program], datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="at least one activity"):
        write_activities([], GENERATED)


# Property tests: any activity that can be built is written as valid, faithful IATI XML.

_xml_chars = st.characters(
    min_codepoint=0x20, max_codepoint=0xFFFD, blacklist_categories=("Cs",)
) | st.sampled_from("\t\n")
texts = st.text(_xml_chars, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
amounts = st.decimals(
    min_value=-(10**9), max_value=10**10, places=2, allow_nan=False, allow_infinity=False
)
counts = st.decimals(min_value=0, max_value=10**6, places=1, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
dimensions = st.lists(
    st.one_of(
        st.builds(Dimension.sex, st.sampled_from(["female", "male", "other"])),
        st.builds(Dimension.age, st.sampled_from(["under 18", "18-24", "25+"])),
        st.builds(Dimension, texts, texts),
    ),
    max_size=3,
).map(tuple)
organisations = st.builds(
    Organisation,
    texts,
    st.none() | st.from_regex(r"[A-Z]{2}-[A-Z0-9]{1,8}", fullmatch=True),
    st.none() | st.sampled_from(OrganisationType),
)


@st.composite
def splits(draw: st.DrawFn, n: int) -> list[Decimal | None]:
    """n percentages that add up to 100, or a lone None when there is only one."""
    if n == 1:
        return [draw(st.none() | st.just(Decimal(100)))]
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 100]
    return [Decimal(bounds[i + 1] - bounds[i]) for i in range(n)]


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    measure = draw(st.sampled_from(IndicatorMeasure))
    values = shares if measure is IndicatorMeasure.PERCENTAGE else counts
    measurements = st.builds(Measurement, values, dimensions, st.none() | texts)
    periods = st.builds(
        lambda start, length, targets, actuals: Period(
            start, date.fromordinal(start.toordinal() + length), tuple(targets), tuple(actuals)
        ),
        days,
        st.integers(0, 400),
        st.lists(measurements, max_size=3),
        st.lists(measurements, max_size=3),
    )
    return Indicator(
        title=draw(texts),
        measure=measure,
        ascending=draw(st.booleans()),
        description=draw(st.none() | texts),
        baselines=tuple(
            draw(
                st.lists(
                    st.builds(Baseline, st.integers(1990, 2060), values, dimensions), max_size=2
                )
            )
        ),
        periods=tuple(draw(st.lists(periods, max_size=2))),
    )


results = st.builds(
    Result,
    st.sampled_from(ResultType),
    texts,
    st.lists(indicators(), min_size=1, max_size=2).map(tuple),
    st.none() | texts,
    st.none() | st.booleans(),
)
transactions = st.builds(
    Transaction,
    st.sampled_from([TransactionType.COMMITMENT, TransactionType.DISBURSEMENT]),
    days,
    amounts,
    st.none() | days,
    st.none() | st.from_regex(r"[A-Z0-9-]{1,10}", fullmatch=True),
    st.none() | texts,
    st.none() | organisations,
)


@st.composite
def activities(draw: st.DrawFn, reporting_org: ReportingOrg, award_id: str) -> Activity:
    countries = draw(st.lists(st.from_regex(r"[A-Z]{2}", fullmatch=True), max_size=3, unique=True))
    regions = draw(st.lists(st.sampled_from(["89", "298", "498", "798", "998"]), unique=True))
    if not countries and not regions:
        countries = ["NP"]
    places = draw(splits(len(countries) + len(regions)))
    sector_codes = draw(
        st.lists(st.from_regex(r"[0-9]{5}", fullmatch=True), min_size=1, max_size=3)
    )
    planned_start = draw(days)
    return Activity(
        reporting_org=reporting_org,
        award_id=award_id,
        title=draw(texts),
        description=draw(texts),
        implementer=draw(organisations),
        status=draw(st.sampled_from(ActivityStatus)),
        planned_start=planned_start,
        planned_end=draw(st.none() | st.dates(min_value=planned_start)),
        actual_start=None,
        recipient_countries=tuple(
            RecipientCountry(c, p) for c, p in zip(countries, places, strict=False)
        ),
        recipient_regions=tuple(
            RecipientRegion(r, p) for r, p in zip(regions, places[len(countries) :], strict=True)
        ),
        sectors=tuple(
            Sector(c, p) for c, p in zip(sector_codes, draw(splits(len(sector_codes))), strict=True)
        ),
        budgets=tuple(
            Budget.for_fiscal_year(fy, amount)
            for fy, amount in draw(
                st.lists(st.tuples(st.integers(1991, 2060), amounts), max_size=3)
            )
        ),
        transactions=tuple(draw(st.lists(transactions, max_size=4))),
        results=tuple(draw(st.lists(results, max_size=2))),
        sources=tuple(
            draw(st.lists(st.builds(SourceNote, texts, texts, st.just(""), texts), max_size=2))
        ),
        last_updated=draw(
            st.none()
            | st.datetimes(
                min_value=datetime(2000, 1, 1),
                max_value=datetime(2060, 1, 1),
                timezones=st.just(UTC),
            )
        ),
    )


@st.composite
def files(draw: st.DrawFn) -> list[Activity]:
    org = ReportingOrg(draw(st.from_regex(r"[A-Z]{2}-[A-Z0-9]{1,10}", fullmatch=True)), draw(texts))
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,12}", fullmatch=True),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    return [draw(activities(org, award_id)) for award_id in ids]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_any_well_formed_activity_file_validates_and_reads_back_unchanged(
    items: list[Activity],
) -> None:
    doc = assert_valid(write_activities(items, GENERATED))
    assert read_back(doc) == [as_written(a) for a in items]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=20))
def test_any_title_is_either_refused_clearly_or_written_validly(title: str) -> None:
    try:
        program = replace(nepal_shelter_program(), title=title, results=())
    except ValueError as error:
        assert "activity title" in str(error)
        return
    doc = assert_valid(write_activities([program], GENERATED))
    written = doc.findtext("iati-activity/title/narrative")
    assert written == title.replace("\r\n", "\n").replace("\r", "\n")


# Purity: the export core imports no Django.

PACKAGE = Path(iati_pkg.__file__).parent


def test_the_iati_package_imports_no_django() -> None:
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "django" for n in names), path.name
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, tipmon.assistance.iati; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(PACKAGE.parents[2])},
    )
    assert loaded.stdout.strip() == "[]"


def test_the_example_in_the_docs_runs_and_validates() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "iati.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", doc, re.S)
    assert example is not None
    namespace: dict[str, object] = {}
    exec(compile(example.group(1), "docs/iati.md", "exec"), namespace)  # noqa: S102 - our own docs
    written = namespace["xml_bytes"]
    assert isinstance(written, bytes)
    assert_valid(written)
