"""From accepted terms to a translated package of model documents, ready to lay out.

``package(terms, language)`` checks the terms against the model standards (``rules``), then
formats the figures for the language (dates, money and the country's name from CLDR through
Babel), translates the documents with the language's catalog and marks a machine-drafted
translation as such. Nothing typed into the form is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from tipmon.countries.models import Country
from tipmon.documents import catalogs, content, rules
from tipmon.documents.catalogs import Language


class TermsRefused(ValueError):
    """The terms breach the model standards; ``decision`` says where and why."""

    def __init__(self, decision: rules.Decision) -> None:
        super().__init__("; ".join(b.message for b in decision.breaches))
        self.decision = decision


@dataclass(frozen=True)
class Package:
    language: Language
    title: str
    draft: bool
    #: The draft notice in English and in the document's language (empty when reviewed).
    draft_notice: tuple[str, ...]
    counsel_note: str
    documents: tuple[content.Document, ...]

    def filename(self, extension: str) -> str:
        name = self.documents[0].slug if len(self.documents) == 1 else "package"
        return f"domestic-worker-{name}-{self.language.code}.{extension}"


def country_name(iso3: str, language: Language) -> str:
    """The country's name in the language (CLDR), else the gazetteer's English short name."""
    country = Country.objects.filter(iso3=iso3).only("iso2", "short_name").first()
    if country is None:
        return iso3
    names = Locale.parse(language.babel).territories
    return str(names.get(country.iso2, country.short_name))


def _day(value: date | None, locale: str) -> str:
    return format_date(value, format="long", locale=locale) if value else ""


def _number(value: Decimal | int | None, locale: str) -> str:
    return format_decimal(value, locale=locale) if value is not None else ""


def values(terms: rules.Terms, language: Language, country: str) -> dict[str, str]:
    """The terms as text in the language, keyed as the documents' placeholders."""
    locale = language.babel
    assert terms.wage is not None  # checked by rules.check before this is called
    return {
        "employer": terms.employer_name.strip(),
        "employer_address": terms.employer_address.strip(),
        "worker": terms.worker_name.strip(),
        "country": country,
        "wage": format_currency(terms.wage, terms.currency, locale=locale),
        "period": terms.wage_period,
        "hours_per_day": _number(terms.hours_per_day, locale),
        "hours_per_week": _number(terms.hours_per_week, locale),
        "rest_days": _number(terms.rest_days, locale),
        "leave_days": _number(terms.annual_leave_days, locale),
        "start": _day(terms.start, locale),
        "end": _day(terms.end, locale),
        "duties": terms.duties.strip().rstrip("."),
        "accommodation": terms.accommodation,
    }


def package(terms: rules.Terms, code: str, only: str | None = None) -> Package:
    """The documents (all five, or the one named ``only``) for ``terms`` in language ``code``.

    Raises ``TermsRefused`` when the terms breach the model standards and ``KeyError`` for an
    unknown language or document."""
    decision = rules.check(terms)
    if not decision.allowed:
        raise TermsRefused(decision)
    language = catalogs.BY_CODE[code]
    if only is not None and only not in content.SLUGS:
        raise KeyError(only)
    gettext = catalogs.translations(code).gettext
    filled = values(terms, language, country_name(terms.country, language))
    draft = catalogs.review_statuses()[code].is_draft
    notice = (content.DRAFT_NOTE, gettext(content.DRAFT_NOTE)) if draft else ()
    return Package(
        language=language,
        title=gettext(content.PACKAGE_TITLE),
        draft=draft,
        draft_notice=notice,
        counsel_note=gettext(content.COUNSEL_NOTE),
        documents=content.compose(filled, gettext, only),
    )
