"""Evidence forms. An invalid form is shown back with everything typed kept (browsers
cannot keep chosen files; the message says to choose them again)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from tipmon.countries.models import Country
from tipmon.evidence.models import SourceKind
from tipmon.evidence.pipeline.types import CRITERIA_IDS, PILLARS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _countries() -> Any:
    return Country.objects.order_by("short_name")


class UploadForm(forms.Form):
    documents = MultipleFileField(
        label="Documents",
        help_text="PDF, Word (.docx), HTML, e-mail (.eml) or plain text; several at once, or "
        "a .zip of them.",
    )
    source_kind = forms.ChoiceField(choices=SourceKind.choices, label="Kind of source")
    context_country = forms.ModelChoiceField(
        queryset=Country.objects.none(),
        required=False,
        label="Country the documents are about (if one)",
        to_field_name="iso3",
    )
    source_note = forms.CharField(
        max_length=300, required=False, label="Source (publisher, author, date)"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["context_country"].queryset = _countries()  # type: ignore[attr-defined]


class SubmissionForm(forms.Form):
    organization = forms.CharField(max_length=200, label="Organization")
    contact_name = forms.CharField(max_length=200, label="Your name")
    contact_email = forms.EmailField(label="E-mail address")
    contact_phone = forms.CharField(max_length=40, required=False, label="Telephone (optional)")
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.none(),
        label="Countries the submission covers",
        to_field_name="iso3",
    )
    period_start = forms.DateField(
        label="Period from", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(label="Period to", widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=100_000,
        min_length=50,
        label="Your submission",
        help_text="What the government did or failed to do, with dates, places and sources.",
    )
    attachments = MultipleFileField(required=False, label="Attachments (optional)")
    # A field people never see: a form that fills it in is a robot's.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = _countries()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("period_end", "The period must end on or after the day it starts.")
        return data


class ReviewForm(forms.Form):
    """Accept, correct or reject in one submission: the buttons say which."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[("accept", "Accept"), ("correct", "Save corrections"), ("reject", "Reject")]
    )
    country = forms.CharField(max_length=3, required=False, label="Country (ISO3)")
    report_year = forms.IntegerField(
        required=False, min_value=2001, max_value=2100, label="Report year"
    )
    pillar = forms.ChoiceField(choices=[(p, p.capitalize()) for p in PILLARS], required=False)
    criteria = forms.MultipleChoiceField(
        choices=[(c, c) for c in CRITERIA_IDS], required=False, widget=forms.CheckboxSelectMultiple
    )
    figures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Figures",
        help_text="One per line: metric form period value, e.g. 'prosecutions sex current 12'.",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Note")
