from django import forms

from casereview.lib.forms import GovukDateField


class PauseForm(forms.Form):
    starts_on = GovukDateField(label="Paused from")
    reason = forms.CharField(
        label="Why the clocks stop",
        max_length=200,
        help_text="For example: criminal proceedings, the inquest",
    )


class RestartForm(forms.Form):
    ends_on = GovukDateField(label="Restarted on")
