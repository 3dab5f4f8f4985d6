"""Forms of the compact pages. A form with errors is shown back with what the user typed."""

from __future__ import annotations

from typing import Any

from django import forms

from tipmon.assistance.models import (
    Activity,
    Compact,
    CompactIndicator,
    CompactState,
    ContributionKind,
    IndicatorUnit,
    Objective,
)
from tipmon.countries.models import Country

DATE = forms.DateInput(attrs={"type": "date"})


def style(form: forms.BaseForm) -> None:
    """USWDS classes on every visible widget."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.CheckboxInput):
            continue
        css = (
            "usa-textarea"
            if isinstance(widget, forms.Textarea)
            else ("usa-select" if isinstance(widget, forms.Select) else "usa-input")
        )
        widget.attrs.setdefault("class", css)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class CompactForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    country = forms.ModelChoiceField(
        queryset=Country.objects.filter(tip_covered=True), label="Partner country"
    )
    title = forms.CharField(max_length=300)
    signed = forms.DateField(widget=DATE, required=False, label="Signed on")
    start = forms.DateField(widget=DATE, label="Starts")
    end = forms.DateField(widget=DATE, label="Ends")
    status = forms.ChoiceField(choices=CompactState.choices)
    us_commitment_usd = forms.DecimalField(
        max_digits=15, decimal_places=2, min_value=0, initial=0, label="US commitment (USD)"
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ObjectiveForm(StyledForm):
    title = forms.CharField(max_length=300, label="Objective")
    order = forms.IntegerField(min_value=1, max_value=99, initial=1, label="Order")


class ActivityForm(StyledForm):
    objective = forms.ModelChoiceField(queryset=Objective.objects.none())
    title = forms.CharField(max_length=300, label="Activity")

    def __init__(self, *args: Any, compact: Compact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = compact.objectives.all()  # type: ignore[attr-defined]


class MilestoneForm(StyledForm):
    activity = forms.ModelChoiceField(queryset=Activity.objects.none())
    title = forms.CharField(max_length=300, label="Milestone")
    due = forms.DateField(widget=DATE, label="Due")
    completed = forms.DateField(widget=DATE, required=False, label="Completed on")
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, compact: Compact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        field.queryset = Activity.objects.filter(  # type: ignore[attr-defined]
            objective__compact=compact
        ).select_related("objective")


class CompleteMilestoneForm(StyledForm):
    completed = forms.DateField(widget=DATE, required=False, label="Completed on")
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class IndicatorForm(StyledForm):
    objective = forms.ModelChoiceField(queryset=Objective.objects.none(), required=False)
    title = forms.CharField(max_length=300, label="Indicator")
    unit = forms.ChoiceField(choices=IndicatorUnit.choices)
    baseline_value = forms.DecimalField(max_digits=14, decimal_places=2, required=False)
    baseline_year = forms.IntegerField(min_value=1990, max_value=2100, required=False)

    def __init__(self, *args: Any, compact: Compact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = compact.objectives.all()  # type: ignore[attr-defined]


class TargetForm(StyledForm):
    indicator = forms.ModelChoiceField(queryset=CompactIndicator.objects.none())
    year = forms.IntegerField(min_value=1990, max_value=2100)
    target = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    actual = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False)

    def __init__(self, *args: Any, compact: Compact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = compact.indicators.all()  # type: ignore[attr-defined]


class ContributionForm(StyledForm):
    year = forms.IntegerField(min_value=1990, max_value=2100)
    kind = forms.ChoiceField(choices=ContributionKind.choices)
    description = forms.CharField(max_length=300)
    committed_usd = forms.DecimalField(
        max_digits=15,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Committed (USD; for in-kind, a valued estimate)",
    )
    delivered_usd = forms.DecimalField(
        max_digits=15,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Delivered (USD; empty until reported)",
    )
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeliveryForm(StyledForm):
    delivered_usd = forms.DecimalField(
        max_digits=15, decimal_places=2, min_value=0, required=False, label="Delivered (USD)"
    )
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
