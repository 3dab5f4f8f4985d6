"""Write activities as an IATI 2.03 ``<iati-activities>`` document.

Every element is written in the order the schema's sequences demand; codes come from
:mod:`tipmon.assistance.iati.codes`. Values are in US dollars (``default-currency="USD"``)
and narratives in English (``xml:lang="en"`` on each activity). Only the standard library
is used, so the export runs anywhere the project does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from tipmon.assistance.iati.codes import (
    OTHER_IDENTIFIER_INTERNAL,
    REGION_VOCABULARY_DAC,
    SECTOR_VOCABULARY_DAC_5,
    ActivityDateType,
    OrganisationRole,
)
from tipmon.assistance.iati.model import (
    Activity,
    Baseline,
    Budget,
    Dimension,
    Indicator,
    Measurement,
    Organisation,
    Period,
    Result,
    SourceNote,
    Transaction,
)

IATI_VERSION = "2.03"
CURRENCY = "USD"
LANGUAGE = "en"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TIP Monitor's extension namespace: IATI accepts elements from other namespaces.
EXTENSION_NS = "urn:x-tipmon:iati-extension:1"

ET.register_namespace("tipmon", EXTENSION_NS)


def write_activities(activities: Iterable[Activity], generated: datetime) -> bytes:
    """The UTF-8 bytes of one ``<iati-activities>`` file holding every activity given."""
    items = list(activities)
    if not items:
        raise ValueError("an IATI activity file needs at least one activity")
    if generated.tzinfo is None:
        raise ValueError("generated: needs a time zone")
    refs = {a.reporting_org.ref for a in items}
    if len(refs) > 1:
        raise ValueError(f"one file has one reporting organisation, not {sorted(refs)}")
    identifiers = [a.identifier for a in items]
    if len(set(identifiers)) != len(identifiers):
        raise ValueError("two activities share an identifier")
    root = ET.Element(
        "iati-activities", {"version": IATI_VERSION, "generated-datetime": _datetime(generated)}
    )
    for activity in items:
        root.append(activity_element(activity))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def activity_element(activity: Activity) -> ET.Element:
    """One ``<iati-activity>``, children in schema order."""
    attrs = {}
    if activity.last_updated is not None:
        attrs["last-updated-datetime"] = _datetime(activity.last_updated)
    attrs |= {XML_LANG: LANGUAGE, "default-currency": CURRENCY}
    el = ET.Element("iati-activity", attrs)
    _sub(el, "iati-identifier").text = activity.identifier
    org = activity.reporting_org
    _narratives(_sub(el, "reporting-org", ref=org.ref, type=org.type.value), org.name)
    _narratives(_sub(el, "title"), activity.title)
    desc = _sub(el, "description", type=activity.description_type.value)
    _narratives(desc, activity.description)
    _participant(el, activity.funder, OrganisationRole.FUNDING)
    _participant(el, activity.implementer, OrganisationRole.IMPLEMENTING)
    _sub(el, "other-identifier", ref=activity.award_id, type=OTHER_IDENTIFIER_INTERNAL)
    _sub(el, "activity-status", code=activity.status.value)
    _activity_dates(el, activity)
    for country in activity.recipient_countries:
        _sub(el, "recipient-country", code=country.code, percentage=_pct(country.percentage))
    for region in activity.recipient_regions:
        _sub(
            el,
            "recipient-region",
            code=region.code,
            vocabulary=REGION_VOCABULARY_DAC,
            percentage=_pct(region.percentage),
        )
    for sector in activity.sectors:
        _sub(
            el,
            "sector",
            vocabulary=SECTOR_VOCABULARY_DAC_5,
            code=sector.code,
            percentage=_pct(sector.percentage),
        )
    _sub(el, "collaboration-type", code=activity.collaboration_type)
    _sub(el, "default-flow-type", code=activity.flow_type)
    _sub(el, "default-finance-type", code=activity.finance_type)
    _sub(el, "default-aid-type", code=activity.aid_type)
    for budget in activity.budgets:
        _budget(el, budget)
    for transaction in activity.transactions:
        _transaction(el, transaction)
    for result in activity.results:
        _result(el, result)
    for source in activity.sources:
        _source(el, source)
    return el


def _activity_dates(el: ET.Element, activity: Activity) -> None:
    dates = (
        (ActivityDateType.PLANNED_START, activity.planned_start),
        (ActivityDateType.ACTUAL_START, activity.actual_start),
        (ActivityDateType.PLANNED_END, activity.planned_end),
        (ActivityDateType.ACTUAL_END, activity.actual_end),
    )
    for kind, day in dates:
        if day is not None:
            _sub(el, "activity-date", type=kind.value, **{"iso-date": day.isoformat()})


def _participant(el: ET.Element, org: Organisation, role: OrganisationRole) -> None:
    type_ = org.type.value if org.type is not None else None
    _narratives(_sub(el, "participating-org", ref=org.ref, type=type_, role=role.value), org.name)


def _budget(el: ET.Element, budget: Budget) -> None:
    b = _sub(el, "budget", type=budget.type.value, status=budget.status.value)
    _sub(b, "period-start", **{"iso-date": budget.period_start.isoformat()})
    _sub(b, "period-end", **{"iso-date": budget.period_end.isoformat()})
    _value(b, budget.value, budget.value_date)


def _transaction(el: ET.Element, transaction: Transaction) -> None:
    t = _sub(el, "transaction", ref=transaction.ref)
    _sub(t, "transaction-type", code=transaction.type.value)
    _sub(t, "transaction-date", **{"iso-date": transaction.transaction_date.isoformat()})
    _value(t, transaction.value, transaction.valued_on)
    if transaction.description is not None:
        _narratives(_sub(t, "description"), transaction.description)
    if transaction.receiver is not None:
        org = transaction.receiver
        type_ = org.type.value if org.type is not None else None
        _narratives(_sub(t, "receiver-org", ref=org.ref, type=type_), org.name)


def _result(el: ET.Element, result: Result) -> None:
    r = _sub(
        el,
        "result",
        type=result.type.value,
        **{"aggregation-status": _bool(result.aggregation_status)},
    )
    _narratives(_sub(r, "title"), result.title)
    if result.description is not None:
        _narratives(_sub(r, "description"), result.description)
    for indicator in result.indicators:
        _indicator(r, indicator)


def _indicator(el: ET.Element, indicator: Indicator) -> None:
    i = _sub(el, "indicator", measure=indicator.measure.value, ascending=_bool(indicator.ascending))
    _narratives(_sub(i, "title"), indicator.title)
    if indicator.description is not None:
        _narratives(_sub(i, "description"), indicator.description)
    for baseline in indicator.baselines:
        _baseline(i, baseline)
    for period in indicator.periods:
        _period(i, period)


def _baseline(el: ET.Element, baseline: Baseline) -> None:
    b = _sub(el, "baseline", year=str(baseline.year), value=_decimal(baseline.value))
    _dimensions(b, baseline.dimensions)
    if baseline.comment is not None:
        _narratives(_sub(b, "comment"), baseline.comment)


def _period(el: ET.Element, period: Period) -> None:
    p = _sub(el, "period")
    _sub(p, "period-start", **{"iso-date": period.start.isoformat()})
    _sub(p, "period-end", **{"iso-date": period.end.isoformat()})
    for target in period.targets:
        _measurement(p, "target", target)
    for actual in period.actuals:
        _measurement(p, "actual", actual)


def _measurement(el: ET.Element, tag: str, measurement: Measurement) -> None:
    m = _sub(el, tag, value=_decimal(measurement.value))
    _dimensions(m, measurement.dimensions)
    if measurement.comment is not None:
        _narratives(_sub(m, "comment"), measurement.comment)


def _dimensions(el: ET.Element, dimensions: tuple[Dimension, ...]) -> None:
    for dimension in dimensions:
        _sub(el, "dimension", name=dimension.name, value=dimension.value)


def _source(el: ET.Element, source: SourceNote) -> None:
    s = _sub(
        el,
        f"{{{EXTENSION_NS}}}source",
        dataset=source.dataset,
        record=source.record,
        edition=source.edition or None,
    )
    s.text = source.note or None


def _sub(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    """A child element; attributes whose value is None are left out."""
    return ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})


def _narratives(el: ET.Element, text: str) -> None:
    _sub(el, "narrative").text = text


def _value(el: ET.Element, amount: Decimal, value_date: date) -> None:
    _sub(el, "value", **{"value-date": value_date.isoformat()}).text = _decimal(amount)


def _decimal(value: Decimal) -> str:
    """An xsd:decimal: plain digits, never an exponent."""
    return format(value, "f")


def _pct(value: Decimal | None) -> str | None:
    return None if value is None else _decimal(value)


def _bool(value: bool | None) -> str | None:
    return None if value is None else ("true" if value else "false")


def _datetime(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat()
