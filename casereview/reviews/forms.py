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


class BoardSettingsForm(forms.Form):
    default_regime = forms.ChoiceField(
        label="Procedure new cases run under",
        widget=forms.RadioSelect,
        help_text="Cases already started keep the procedure and version they began under",
    )

    def __init__(self, *args, regimes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_regime"].choices = regimes
