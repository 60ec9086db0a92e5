from django import forms

from casereview.cases.dates import PAUSE_DATES, RESTART_DATES
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField


class PauseForm(forms.Form):
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


class RestartForm(forms.Form):
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
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )


class LogoForm(forms.Form):
    file = forms.FileField(
        label="Logo",
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text="A PNG or JPEG image, smaller than 20 MB; printed on the board's documents",
        error_messages={"required": "Select a PNG or JPEG image"},
    )
