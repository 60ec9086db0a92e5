from __future__ import annotations

from django import forms

from .models import RenderFormat


class RenderForm(forms.Form):
    format = forms.ChoiceField(
        label="Format",
        choices=RenderFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select PDF or Word"},
    )


class PublishForm(forms.Form):
    title = forms.CharField(
        label="Title on the public page",
        max_length=200,
        help_text="Use the pseudonyms of the report (“Child A”), never a name",
        error_messages={"required": "Enter the title shown on the board's public page"},
    )
    summary = forms.CharField(
        label="Short description",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown under the title and searched by the public page's search",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the publication is withdrawn (it is kept)"},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search published reports", max_length=100, required=False)
