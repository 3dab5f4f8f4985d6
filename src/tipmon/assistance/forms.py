"""Forms of the assistance pages. They parse and show back what the user typed; the rules
are the services' (tipmon.assistance.programs), whose refusals are added as form errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from tipmon.assessments.models import Recommendation
from tipmon.assistance.access import EDITOR_GROUP
from tipmon.assistance.models import (
    Age,
    Indicator,
    Program,
    ReportingPeriod,
    Sex,
    ValueKind,
)
from tipmon.assistance.programs import CRITERIA_CODES, PROGRAM_FIELDS
from tipmon.tiers.rules.statute import STANDARDS_BY_ID

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UswdsMixin:
    """USWDS classes on every widget, so the forms look like the rest of the workspace."""

    fields: dict[str, forms.Field]

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "usa-checkbox__input")
                continue
            css = "usa-select" if isinstance(widget, forms.Select) else "usa-input"
            if isinstance(widget, forms.Textarea):
                css = "usa-textarea"
            widget.attrs.setdefault("class", css)


class RecommendationChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.assessment.cycle.report_year} #{obj.priority}: {obj.text[:120]} "
            f"({obj.get_status_display().lower()})"
        )


class ProgramForm(UswdsMixin, forms.ModelForm[Program]):
    recommendations = RecommendationChoices(
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Recommendations the program pursues",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, initial=1)
    criteria = forms.MultipleChoiceField(
        choices=[(c, f"{c}: {STANDARDS_BY_ID[c].title}") for c in CRITERIA_CODES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Minimum standards and criteria the program addresses",
    )

    class Meta:
        model = Program
        fields = [*PROGRAM_FIELDS, "recommendations"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "objective": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.instance.country_id if self.instance.pk else None
        recs = Recommendation.objects.filter(assessment__country_id=country).select_related(
            "assessment__cycle"
        )
        field = self.fields["recommendations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = recs.order_by("-assessment__cycle__report_year", "priority")
        field.help_text = "The country's prioritized recommendations (save a country first)."
        officer = self.fields["program_officer"]
        assert isinstance(officer, forms.ModelChoiceField)
        officer.queryset = get_user_model().objects.filter(groups__name=EDITOR_GROUP)
        self.style()

    def _post_clean(self) -> None:
        """The services decide the rules (with messages); skip the model's own checks."""


class FundingForm(UswdsMixin, forms.Form):
    fiscal_year = forms.IntegerField(min_value=1990, max_value=2100, label="Fiscal year")
    obligated_usd = forms.DecimalField(
        min_value=0, max_digits=15, decimal_places=2, label="Obligated (USD)"
    )
    disbursed_usd = forms.DecimalField(
        min_value=0, max_digits=15, decimal_places=2, label="Disbursed (USD)"
    )
    note = forms.CharField(max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class IndicatorForm(UswdsMixin, forms.ModelForm[Indicator]):
    class Meta:
        model = Indicator
        fields = [
            "code", "title", "unit", "direction", "baseline_value", "baseline_year",
            "disaggregation",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()

    def _post_clean(self) -> None:
        """The program is set by the service; the unique code is checked there."""


class PeriodForm(UswdsMixin, forms.Form):
    label = forms.CharField(max_length=60, help_text="For example 'FY2025 Q1' or 'Year 1'.")
    start = forms.DateField(widget=DATE)
    end = forms.DateField(widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ValueForm(UswdsMixin, forms.Form):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none())
    period = forms.ModelChoiceField(queryset=ReportingPeriod.objects.none())
    kind = forms.ChoiceField(choices=ValueKind.choices, label="Target or actual")
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.TOTAL)
    age = forms.ChoiceField(choices=Age.choices, initial=Age.TOTAL)
    value = forms.DecimalField(max_digits=14, decimal_places=2)
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        period = self.fields["period"]
        assert isinstance(indicator, forms.ModelChoiceField)
        assert isinstance(period, forms.ModelChoiceField)
        indicator.queryset = program.indicators.all()
        period.queryset = program.periods.all()
        self.style()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReportForm(UswdsMixin, forms.Form):
    period = forms.ModelChoiceField(queryset=ReportingPeriod.objects.none())
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(
        required=False,
        label="Attachments",
        help_text="PDF, DOCX, XLSX, CSV, TXT, PNG or JPEG; each file within the size limit.",
    )

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period = self.fields["period"]
        assert isinstance(period, forms.ModelChoiceField)
        period.queryset = program.periods.all()
        self.style()
