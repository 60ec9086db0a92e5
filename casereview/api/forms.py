from django import forms

from .models import Scope
from .tokens import LONGEST_LIFE_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="What the token is for, for example the board's reporting tool",
    )
    scope = forms.ChoiceField(
        label="What the token may do",
        choices=Scope.choices,
        widget=forms.RadioSelect,
        help_text="A read-only token cannot change anything, whatever your roles",
    )
    days = forms.IntegerField(
        label="Days until it expires",
        min_value=1,
        max_value=LONGEST_LIFE_DAYS,
        initial=90,
        help_text=f"At most {LONGEST_LIFE_DAYS} days",
    )
