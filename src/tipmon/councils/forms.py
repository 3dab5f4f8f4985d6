"""Forms of the councils and interagency pages. A form with errors is shown back with what
the user typed; each edit form carries the version it was opened at."""

from __future__ import annotations

from typing import Any

from django import forms

from tipmon.councils.models import (
    CommitmentStatus,
    ConsentItem,
    Member,
    RecommendationStatus,
    Sector,
)

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 4})

#: Federal agencies that sit on the President's Interagency Task Force to Monitor and Combat
#: Trafficking in Persons (offered as choices; others may be typed on the admin's behalf).
AGENCIES = (
    "Department of State",
    "Department of Justice",
    "Department of Homeland Security",
    "Department of Labor",
    "Department of Health and Human Services",
    "Department of Defense",
    "Department of Education",
    "Department of Agriculture",
    "Department of the Treasury",
    "Department of the Interior",
    "Department of Transportation",
    "Equal Employment Opportunity Commission",
    "Office of Management and Budget",
    "Office of the Director of National Intelligence",
    "Office of the US Trade Representative",
    "US Agency for International Development",
)
AGENCY_CHOICES = [(a, a) for a in AGENCIES]


class StyledForm(forms.Form):
    """USWDS classes on every visible widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "usa-checkbox__input")
                continue
            css = (
                "usa-textarea"
                if isinstance(widget, forms.Textarea)
                else ("usa-select" if isinstance(widget, forms.Select) else "usa-input")
            )
            widget.attrs.setdefault("class", css)


class MemberForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(max_length=200)
    biography = forms.CharField(widget=TEXT, required=False)
    sector = forms.ChoiceField(choices=Sector.choices)
    appointed_on = forms.DateField(widget=DATE, label="Appointed on")
    term_start = forms.DateField(widget=DATE, label="Term starts")
    term_end = forms.DateField(widget=DATE, label="Term ends")
    photo = forms.FileField(
        required=False,
        help_text="JPEG, PNG or WebP, at most 2 MB; re-encoded without its metadata. Shown "
        "publicly only with the member's recorded consent to the photo.",
    )
    # Private: seen and changed by council coordinators only.
    survivor = forms.BooleanField(required=False, label="Survivor (private)")
    email = forms.EmailField(required=False, label="Email (private)")
    phone = forms.CharField(max_length=40, required=False, label="Phone (private)")
    address = forms.CharField(widget=TEXT, required=False, label="Address (private)")
    notes = forms.CharField(widget=TEXT, required=False, label="Coordinator notes (private)")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", "A term ends after it starts.")
        appointed = data.get("appointed_on")
        if appointed and start and appointed > start:
            self.add_error("appointed_on", "A member is appointed before the term starts.")
        return data


class ConsentForm(StyledForm):
    item = forms.ChoiceField(choices=ConsentItem.choices, label="What may be published")
    given = forms.TypedChoiceField(
        choices=[("yes", "Consent given"), ("no", "Consent withheld or withdrawn")],
        coerce=lambda v: v == "yes",
        label="Decision",
    )
    note = forms.CharField(
        max_length=300, required=False, help_text="How consent was given (form, date signed)."
    )


class MeetingForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(max_length=200)
    held_on = forms.DateField(widget=DATE, label="Date")
    place = forms.CharField(max_length=200, required=False)
    notice = forms.CharField(widget=TEXT, required=False, label="Public notice")
    notice_published = forms.BooleanField(required=False, label="Publish the notice")
    agenda = forms.CharField(widget=TEXT, required=False)
    agenda_published = forms.BooleanField(required=False, label="Publish the agenda")
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False)
    minutes_published = forms.BooleanField(required=False, label="Publish the minutes")
    present = forms.ModelMultipleChoiceField(
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Members present",
        help_text="Members whose term covers the date; the others in term are recorded as absent.",
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = members if members is not None else Member.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for part in ("notice", "agenda", "minutes"):
            if data.get(f"{part}_published") and not str(data.get(part) or "").strip():
                self.add_error(part, f"Write the {part} before publishing it.")
        return data


class ReportForm(StyledForm):
    title = forms.CharField(max_length=300)
    year = forms.IntegerField(min_value=2000, max_value=2100)
    published_on = forms.DateField(
        widget=DATE, required=False, help_text="Leave empty while the report is a draft."
    )


class RecommendationForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(min_value=1, max_value=999)
    text = forms.CharField(widget=TEXT, label="Recommendation")
    agency = forms.ChoiceField(choices=AGENCY_CHOICES, label="Responsible agency")
    status = forms.ChoiceField(choices=RecommendationStatus.choices)


class ResponseForm(StyledForm):
    agency = forms.ChoiceField(choices=AGENCY_CHOICES)
    responded_on = forms.DateField(widget=DATE, label="Responded on")
    text = forms.CharField(widget=TEXT, label="Response")
    evidence = forms.CharField(widget=TEXT, required=False)
    evidence_url = forms.URLField(
        required=False, max_length=500, label="Evidence link", assume_scheme="https"
    )


class CommitmentForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    agency = forms.ChoiceField(choices=AGENCY_CHOICES)
    action = forms.CharField(widget=TEXT)
    due = forms.DateField(widget=DATE, label="Due")
    status = forms.ChoiceField(choices=CommitmentStatus.choices)
    evidence = forms.CharField(widget=TEXT, required=False)
    evidence_url = forms.URLField(
        required=False, max_length=500, label="Evidence link", assume_scheme="https"
    )
    source = forms.CharField(
        max_length=300, help_text="Where the agency made the commitment (plan, meeting, letter)."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == "completed" and not (
            str(data.get("evidence") or "").strip() or data.get("evidence_url")
        ):
            self.add_error("evidence", "Give evidence (a description or a link) of completion.")
        return data
