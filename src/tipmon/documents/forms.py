"""The public form for domestic workers' model documents. Every field may be left blank at
first: the model standards (``rules.check``) say what is missing, what breaches them and
why, each beside its field, and the form is shown back with what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from tipmon.countries.models import Country
from tipmon.documents import catalogs, content, rules
from tipmon.documents.rules import Accommodation, FeePayer, Holder, WagePeriod

DOCUMENT_CHOICES = [
    ("", "The whole package (all five documents)"),
    *[(slug, title) for slug, title, _template in content.DOCUMENTS],
]
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "Word (DOCX)")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _language_label(language: catalogs.Language, status: catalogs.ReviewStatus) -> str:
    label = (
        language.english
        if language.native == language.english
        else (f"{language.english} ({language.native})")
    )
    return f"{label}, draft translation" if status.is_draft else label


class TermsForm(forms.Form):
    language = forms.ChoiceField(label="Language of the documents", initial="en")
    document = forms.ChoiceField(choices=DOCUMENT_CHOICES, required=False, label="Documents")
    format = forms.ChoiceField(
        choices=FORMAT_CHOICES, initial="pdf", label="File format", widget=forms.RadioSelect
    )
    employer_name = forms.CharField(max_length=200, required=False, label="Employer's name")
    employer_address = forms.CharField(max_length=300, required=False, label="Employer's address")
    worker_name = forms.CharField(max_length=200, required=False, label="Worker's name")
    country = forms.ChoiceField(required=False, label="Country of work")
    wage = forms.DecimalField(max_digits=12, decimal_places=2, required=False, label="Wage")
    currency = forms.CharField(
        max_length=3,
        required=False,
        label="Currency",
        help_text="Three-letter ISO 4217 code, e.g. USD, EUR, SAR, PHP.",
    )
    wage_period = forms.ChoiceField(
        required=False,
        label="Wage paid",
        choices=[
            ("", "—"),
            (WagePeriod.MONTH, "per month"),
            (WagePeriod.WEEK, "per week"),
            (WagePeriod.HOUR, "per hour"),
        ],
    )
    hours_per_day = forms.DecimalField(
        max_digits=4,
        decimal_places=1,
        required=False,
        label="Working hours a day",
        help_text=f"At most {rules.MAX_HOURS_PER_DAY}.",
    )
    hours_per_week = forms.DecimalField(
        max_digits=5,
        decimal_places=1,
        required=False,
        label="Working hours a week",
        help_text=f"At most {rules.MAX_HOURS_PER_WEEK}.",
    )
    rest_days = forms.IntegerField(
        required=False,
        label="Weekly rest days",
        help_text="At least one full day (24 consecutive hours).",
    )
    annual_leave_days = forms.IntegerField(
        required=False,
        label="Paid annual leave (working days)",
        help_text=f"At least {rules.MIN_LEAVE_WEEKS} working weeks.",
    )
    passport_holder = forms.ChoiceField(
        required=False,
        label="Who keeps the worker's passport and identity documents",
        widget=forms.RadioSelect,
        choices=[
            (Holder.WORKER, "The worker"),
            (Holder.EMPLOYER, "The employer"),
            (Holder.AGENCY, "The recruitment agency"),
        ],
    )
    fees_paid_by = forms.ChoiceField(
        required=False,
        label="Who pays recruitment fees and related costs",
        widget=forms.RadioSelect,
        choices=[
            (FeePayer.EMPLOYER, "The employer"),
            (FeePayer.NO_FEES, "There are no fees"),
            (FeePayer.WORKER, "The worker"),
        ],
    )
    start = forms.DateField(required=False, label="Start date", widget=DATE)
    end = forms.DateField(required=False, label="End date (blank if open-ended)", widget=DATE)
    duties = forms.CharField(
        max_length=1000, required=False, label="Duties", widget=forms.Textarea(attrs={"rows": 3})
    )
    accommodation = forms.ChoiceField(
        required=False,
        label="Accommodation",
        widget=forms.RadioSelect,
        choices=[
            (Accommodation.LIVE_IN, "The worker lives in the household"),
            (Accommodation.LIVE_OUT, "The worker lives elsewhere"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statuses = catalogs.review_statuses()
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            (lang.code, _language_label(lang, statuses[lang.code])) for lang in catalogs.LANGUAGES
        ]
        countries = Country.objects.order_by("short_name").values_list("iso3", "short_name")
        self.fields["country"].choices = [("", "—"), *countries]  # type: ignore[attr-defined]
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                continue  # the template lays radios out as USWDS radio buttons
            css: dict[type, str] = {forms.Select: "usa-select", forms.Textarea: "usa-textarea"}
            widget.attrs["class"] = css.get(type(widget), "usa-input")

    def clean_currency(self) -> str:
        return str(self.cleaned_data.get("currency") or "").strip().upper()

    def terms(self) -> rules.Terms:
        data = self.cleaned_data
        names = [f for f in rules.Terms.__dataclass_fields__ if f in data]
        return rules.Terms(**{name: data[name] for name in names})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = rules.check(self.terms())
        for breach in decision.breaches:
            if breach.code == "missing" and breach.field in self.errors:
                continue  # a value that did not parse is marked so already
            self.add_error(breach.field, breach.message)
        return data
