from django import forms

from casereview.lib.forms import GovukDateField, GovukForm

from .models import OneOffHoliday


class OneOffHolidayForm(GovukForm):
    day = GovukDateField(label="Date of the bank holiday")
    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="As proclaimed, for example: Coronation of King Charles III",
        error_messages={"required": "Enter the name of the bank holiday"},
    )


class RemoveHolidayForm(GovukForm):
    holiday = forms.ModelChoiceField(
        queryset=OneOffHoliday.objects.filter(removed_at__isnull=True),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That day has already been removed"},
    )


class ConfirmYearForm(GovukForm):
    year = forms.IntegerField(
        label="Year",
        min_value=1900,
        max_value=2100,
        help_text="Check the year's bank holidays on GOV.UK and add any one-off day first",
        error_messages={"required": "Enter the year", "invalid": "Enter the year as 4 numbers"},
    )
