"""Forms of the operations page. A form with errors is shown back with what was typed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from tipmon.assistance.forms_compacts import StyledForm
from tipmon.assistance.models import BudgetCategory, Program, StaffRole, StrategicPriority
from tipmon.countries.models import Bureau, Country


class FiscalYearForm(forms.Form):
    fy = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class PriorityForm(StyledForm):
    title = forms.CharField(max_length=200, label="Strategic priority")
    order = forms.IntegerField(min_value=1, max_value=99, initial=1)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class BudgetLineForm(StyledForm):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2100, label="Fiscal year")
    priority = forms.ModelChoiceField(
        queryset=StrategicPriority.objects.all(), label="Strategic priority"
    )
    category = forms.ChoiceField(choices=BudgetCategory.choices)
    amount_usd = forms.DecimalField(
        max_digits=15, decimal_places=2, min_value=0, label="Amount (USD)"
    )
    note = forms.CharField(max_length=300, required=False)


class AssignmentForm(StyledForm):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        label="Person",
    )
    role = forms.ChoiceField(choices=StaffRole.choices)
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2100, label="Fiscal year")
    fte_share = forms.DecimalField(
        max_digits=3,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=1,
        label="FTE share (0-1)",
    )
    country = forms.ModelChoiceField(
        queryset=Country.objects.filter(tip_covered=True), required=False
    )
    program = forms.ModelChoiceField(queryset=Program.objects.all(), required=False)
    bureau = forms.ChoiceField(
        choices=[("", "—"), *Bureau.choices], required=False, label="Or a bureau's region"
    )
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fte_share"].widget.attrs.update({"step": "0.05"})


class DeskOfficerImportForm(forms.Form):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2100)
