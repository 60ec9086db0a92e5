"""The forms of the national analysis pages: the overview report's period, the search, a
recurring issue's review, child death findings and the theme followed across sources."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from casereview.learning import vocabulary
from casereview.lib.date_rules import date_problems
from casereview.lib.forms import GovukForm

from .child_deaths import CATEGORIES, FINDING_DATES, MODIFIABLE, theme_choices
from .models import IssueStatus
from .report import Period, dating_problem

MONTHS = [(str(m), date(2000, m, 1).strftime("%B")) for m in range(1, 13)]


def _choices(axis: str, blank: str | None = None) -> list[tuple[str, str]]:
    found = [(c, vocabulary.label(c, axis=axis)) for c in vocabulary.codes(axis)]
    return ([("", blank)] if blank is not None else []) + found


class PeriodForm(GovukForm):
    from_month = forms.ChoiceField(label="From (month)", choices=MONTHS)
    from_year = forms.IntegerField(label="From (year)", min_value=2000, max_value=2100)
    to_month = forms.ChoiceField(label="To (month)", choices=MONTHS)
    to_year = forms.IntegerField(label="To (year)", min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start = date(data["from_year"], int(data["from_month"]), 1)
        end = date(data["to_year"], int(data["to_month"]), 1)
        today = timezone.localdate()
        if end < start:
            self.add_error("to_year", "The end of the period must be on or after its start")
        elif dating_problem(Period(start, end), today, today):
            self.add_error("from_year", "The start of the period must be this month or earlier")
        data["period"] = Period(start, end)
        return data


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Search published summaries and national lessons", required=False, max_length=200
    )
    theme = forms.ChoiceField(label="Theme", required=False)
    year = forms.IntegerField(label="Year", required=False, min_value=1990, max_value=2100)
    age_band = forms.ChoiceField(label="Age of the child", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *theme_choices()]
        self.fields["age_band"].choices = _choices(vocabulary.AGE_BAND, "Any age")


class IssueReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label="Is this a recurring issue?",
        choices=[
            (IssueStatus.APPROVED, "Yes: approve the group"),
            (IssueStatus.REJECTED, "No: not a recurring issue"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class FindingForm(GovukForm):
    """A finding in the national store's anonymised form: no name, no date but the month."""

    death_month_month = forms.ChoiceField(label="Month of death", choices=MONTHS)
    death_month_year = forms.IntegerField(label="Year of death", min_value=1990, max_value=2100)
    age_band = forms.ChoiceField(label="Age of the child")
    sex = forms.ChoiceField(label="Sex")
    ethnicity_group = forms.ChoiceField(label="Ethnicity group")
    category_of_death = forms.ChoiceField(label="Category of death", choices=CATEGORIES)
    modifiable = forms.ChoiceField(
        label="Modifiable factors", choices=MODIFIABLE, widget=forms.RadioSelect
    )
    modifiable_factors = forms.MultipleChoiceField(
        label="The modifiable factors, as themes",
        help_text="Tick every theme the panel found; only kept when factors were identified.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age_band"].choices = _choices(vocabulary.AGE_BAND)
        self.fields["sex"].choices = _choices(vocabulary.SEX)
        self.fields["ethnicity_group"].choices = _choices(vocabulary.ETHNICITY)
        self.fields["modifiable_factors"].choices = theme_choices()

    def clean(self):
        data = super().clean()
        if "death_month_month" in data and "death_month_year" in data:
            data["death_month"] = date(data["death_month_year"], int(data["death_month_month"]), 1)
            # The rule is on the month's first day; its message goes under the year's box.
            found = date_problems({"death_month": data["death_month"]}, FINDING_DATES)
            for message in found.values():
                self.add_error("death_month_year", message)
        if data.get("modifiable") == "yes" and not data.get("modifiable_factors"):
            self.add_error("modifiable_factors", "Tick at least one modifiable factor")
        return data

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "death_month",
                "age_band",
                "sex",
                "ethnicity_group",
                "category_of_death",
                "modifiable",
                "modifiable_factors",
            )
        }


class CorrectFindingForm(FindingForm):
    reason = forms.CharField(label="Why is it corrected?", widget=forms.Textarea(attrs={"rows": 3}))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WithdrawFindingForm(GovukForm):
    reason = forms.CharField(label="Why is it withdrawn?", widget=forms.Textarea(attrs={"rows": 3}))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ThemeForm(GovukForm):
    theme = forms.ChoiceField(label="Theme")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices()
