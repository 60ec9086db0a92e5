from django import forms

from casereview.accounts.models import RETENTION_MONTHS_MAX
from casereview.cases.dates import PAUSE_DATES, RESTART_DATES
from casereview.lib.date_rules import CaseDatesForm, clean_form_dates
from casereview.lib.forms import GovukDateField

from .dates import RAPID_REVIEW_DATES


class PauseForm(CaseDatesForm, forms.Form):
    starts_on = GovukDateField(label="Paused from")
    reason = forms.CharField(
        label="Why the clocks stop",
        max_length=200,
        help_text="For example: criminal proceedings, the inquest",
    )

    def clean(self):
        data = super().clean()
        clean_form_dates(self, PAUSE_DATES)
        return data


class RestartForm(CaseDatesForm, forms.Form):
    ends_on = GovukDateField(label="Restarted on")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, RESTART_DATES)
        return data


class BoardSettingsForm(forms.Form):
    default_regime = forms.ChoiceField(
        label="Procedure new cases run under",
        widget=forms.RadioSelect,
        help_text="Cases already started keep the procedure and version they began under",
    )

    def __init__(self, *args, regimes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_regime"].choices = regimes


class LetterheadForm(forms.Form):
    address = forms.CharField(
        label="Postal address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        help_text="Printed at the top of letters, terms of reference and reports",
    )
    phone = forms.CharField(
        label="Telephone",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,  # the column's length; the form field's own 320 PostgreSQL refuses
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )


class RetentionForm(forms.Form):
    publication_retention_months = forms.IntegerField(
        label="Months a published report stays on the public page at least",
        min_value=1,
        max_value=RETENTION_MONTHS_MAX,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-3"}
        ),
        help_text="Used where the procedure sets no minimum period (the 2006, 2010 and 2018 "
        "procedures). Under Working Together 2013 every report stays at least the 12 months "
        "its chapter 4 sets.",
        error_messages={
            "required": "Enter the number of months, like 12",
            "invalid": "Enter the number of months as a whole number, like 12",
            "min_value": "Enter at least 1 month",
            "max_value": f"Enter {RETENTION_MONTHS_MAX} months (20 years) or fewer",
        },
    )


class LogoForm(forms.Form):
    file = forms.FileField(
        label="Logo",
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text="A PNG or JPEG image, smaller than 20 MB; printed on the board's documents",
        error_messages={"required": "Select a PNG or JPEG image"},
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


class RapidReviewForm(forms.Form):
    completed_on = GovukDateField(
        label="Date the rapid review was completed", help_text="For example, 27 3 2026"
    )
    participants = forms.CharField(
        label="Who took part",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The agencies and roles, for example: police detective inspector",
    )
    findings = forms.CharField(label="What it found", widget=forms.Textarea(attrs={"rows": 6}))
    local_review_recommended = forms.ChoiceField(
        label="Does it recommend a local child safeguarding practice review?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if it recommends a local review"},
    )
    recommendation_reasons = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        data = super().clean()
        clean_form_dates(self, RAPID_REVIEW_DATES)
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["local_review_recommended"] = data["local_review_recommended"] == "yes"
        return data


class PlanForm(forms.Form):
    completion_on = GovukDateField(
        label="The review will be completed by", help_text="For example, 27 3 2026"
    )
    publication_on = GovukDateField(
        label="Planned publication date",
        required=False,
        help_text="Leave blank if it is not planned yet",
    )
    agreed_with = forms.CharField(
        label="Agreed with",
        max_length=150,
        required=False,
        help_text="For example: the Government Office",
    )
    reasons = forms.CharField(
        label="Why this timescale, and the plan to meet it",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class WordTemplateForm(forms.Form):
    file = forms.FileField(
        label="Word template",
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text="A Word document (.docx), smaller than 20 MB, without macros; it is filled "
        "in once with example values before it is kept",
        error_messages={"required": "Select a Word document (.docx)"},
    )
