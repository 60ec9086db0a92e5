from __future__ import annotations

from django import forms

from .models import TermKind

REASON = forms.CharField(
    label="Reason",
    widget=forms.Textarea(attrs={"rows": 3}),
    error_messages={"required": "Enter the reason (it is kept with the entry)"},
)


class TermForm(forms.Form):
    kind = forms.ChoiceField(
        label="What it is",
        choices=TermKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the entry is"},
    )
    value = forms.CharField(
        label="As written",
        max_length=300,
        help_text="A name, a date (14/03/2019), an address's first line, a number",
        error_messages={"required": "Enter the name, date, place or number"},
    )
    role = forms.CharField(
        label="Role (for a person)",
        max_length=60,
        required=False,
        help_text="child, mother, father, … The report says “Child A”, “the mother”",
    )
    aliases = forms.CharField(
        label="Other names or spellings",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nicknames and other spellings, one a line",
    )


class CorrectForm(TermForm):
    reason = REASON
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]  # a wrong kind: remove the entry and add the right one


class RemoveForm(forms.Form):
    reason = REASON
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
