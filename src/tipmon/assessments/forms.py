"""Forms of the assessment page. Invalid input is shown back with what the user typed."""

from __future__ import annotations

from typing import Any

from django import forms

from tipmon.assessments.models import (
    LAW_ENFORCEMENT_FIELDS,
    CountryAssessment,
    Engagement,
    Finding,
    Recommendation,
)
from tipmon.tiers.rules import PolicyPattern

YES_NO = [("", "Not decided"), ("true", "Yes"), ("false", "No")]


def _nullable_bool(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


def yes_no_field(label: str) -> forms.TypedChoiceField:
    """A finding that is yes, no, or not yet decided (None)."""
    return forms.TypedChoiceField(
        choices=YES_NO, coerce=_nullable_bool, required=False, empty_value=None, label=label
    )


class AssessmentForm(forms.ModelForm[CountryAssessment]):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_figures = forms.BooleanField(
        required=False, label="I have checked the figures flagged as implausible"
    )
    fully_meets = yes_no_field("Fully meets the minimum standards")
    significant_efforts = yes_no_field("Making significant efforts")
    watch_list_criteria = yes_no_field("A Watch List criterion applies")
    waiver_granted = yes_no_field("Waiver of the automatic downgrade granted")
    policy_or_pattern = forms.MultipleChoiceField(
        choices=[(p.value, p.value) for p in PolicyPattern],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Government policy or pattern of",
    )

    class Meta:
        model = CountryAssessment
        fields = [
            *LAW_ENFORCEMENT_FIELDS,
            "fully_meets",
            "significant_efforts",
            "watch_list_criteria",
            "policy_or_pattern",
            "waiver_granted",
            "special_case",
            "resources_note",
            "profile_note",
            "proposed_tier",
            "override_justification",
            "narrative",
        ]
        widgets = {
            "resources_note": forms.Textarea(attrs={"rows": 3}),
            "profile_note": forms.Textarea(attrs={"rows": 3}),
            "override_justification": forms.Textarea(attrs={"rows": 2}),
            "narrative": forms.Textarea(attrs={"rows": 18}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAW_ENFORCEMENT_FIELDS:
            field = self.fields[name]
            field.widget.attrs.update({"min": "0", "inputmode": "numeric"})
            field.error_messages["invalid"] = "Enter a whole number of zero or more."
            field.error_messages["min_value"] = "A count cannot be negative."
        for field in self.fields.values():
            css = (
                "usa-textarea"
                if isinstance(field.widget, forms.Textarea)
                else ("usa-select" if isinstance(field.widget, forms.Select) else "usa-input")
            )
            if not isinstance(
                field.widget, (forms.CheckboxSelectMultiple, forms.CheckboxInput, forms.HiddenInput)
            ):
                field.widget.attrs.setdefault("class", css)


class FindingForm(forms.ModelForm[Finding]):
    class Meta:
        model = Finding
        fields = ["rating", "text", "evidence"]
        widgets = {
            "rating": forms.Select(attrs={"class": "usa-select"}),
            "text": forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"}),
            "evidence": forms.Textarea(attrs={"rows": 1, "class": "usa-textarea"}),
        }


FindingFormSet = forms.modelformset_factory(Finding, form=FindingForm, extra=0)


class RecommendationForm(forms.ModelForm[Recommendation]):
    class Meta:
        model = Recommendation
        fields = ["priority", "text", "pillar", "status"]
        widgets = {
            "priority": forms.NumberInput(attrs={"class": "usa-input usa-input--xs", "min": "1"}),
            "text": forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"}),
            "pillar": forms.Select(
                choices=[
                    ("", "—"),
                    ("prosecution", "Prosecution"),
                    ("protection", "Protection"),
                    ("prevention", "Prevention"),
                    ("partnership", "Partnership"),
                ],
                attrs={"class": "usa-select"},
            ),
            "status": forms.Select(attrs={"class": "usa-select"}),
        }


RecommendationFormSet = forms.inlineformset_factory(
    CountryAssessment, Recommendation, form=RecommendationForm, extra=2, can_delete=True
)


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        choices=[
            ("general", "General"),
            ("law_enforcement", "Law enforcement"),
            ("findings", "Findings"),
            ("recommendations", "Recommendations"),
            ("tier", "Tier"),
            ("narrative", "Narrative"),
        ],
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"}), max_length=4000
    )


class MoveForm(forms.Form):
    action = forms.CharField(max_length=40)
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"}),
    )


class EngagementForm(forms.ModelForm[Engagement]):
    class Meta:
        model = Engagement
        fields = ["kind", "held_on", "summary", "outcome", "recommendations"]
        widgets = {
            "kind": forms.Select(attrs={"class": "usa-select"}),
            "held_on": forms.DateInput(attrs={"class": "usa-input", "type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"}),
            "outcome": forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"}),
            "recommendations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, assessment: CountryAssessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recommendations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = assessment.recommendations.all()
