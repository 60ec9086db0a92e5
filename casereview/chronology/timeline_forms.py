"""The forms of the integrated chronology's page: its filters (a GET form) and the panel's
work on it."""

from __future__ import annotations

from django import forms

from casereview.accounts.models import Agency
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm, ModelMultipleChoiceField

from .models import ChildSeen, ChronologyEntry, Significance
from .panel import EPISODE_DATES

CONTEXT_CHOICES = [
    ("shown", "Shown"),
    ("hidden", "Hidden"),
    ("only", "Only entries outside the period"),
]


class TimelineFilterForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False, empty_label="All agencies"
    )
    period_from = GovukDateField(
        label="From", required=False, help_text="Entries on or after this day, e.g. 1 3 2025"
    )
    period_to = GovukDateField(
        label="To", required=False, help_text="Entries on or before this day, e.g. 31 8 2025"
    )
    significance = forms.ChoiceField(
        label="Significance", required=False, choices=[("", "Any"), *Significance.choices]
    )
    child_seen = forms.ChoiceField(
        label="Child seen", required=False, choices=[("", "Any"), *ChildSeen.choices]
    )
    context = forms.ChoiceField(
        label="Entries outside the period under review (context)",
        required=False,
        choices=CONTEXT_CHOICES,
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", "To must be the same as or after From")
        return data


def filtered(entries, data: dict):
    """The entries the filter's cleaned data asks for (an invalid filter filters nothing)."""
    if data.get("agency"):
        entries = entries.filter(agency=data["agency"])
    if data.get("period_from"):
        entries = entries.filter(occurred_to__gte=data["period_from"])
    if data.get("period_to"):
        entries = entries.filter(occurred_from__lte=data["period_to"])
    if data.get("significance"):
        entries = entries.filter(significance=data["significance"])
    if data.get("child_seen"):
        entries = entries.filter(child_seen=data["child_seen"])
    match data.get("context"):
        case "hidden":
            entries = entries.filter(is_context=False)
        case "only":
            entries = entries.filter(is_context=True)
    return entries


def narrows(data: dict) -> bool:
    """Whether the filter's cleaned data leaves any entry out (`filtered` would filter)."""
    return bool(
        any(data.get(k) for k in ("agency", "period_from", "period_to", "significance"))
        or data.get("child_seen")
        or data.get("context") in ("hidden", "only")
    )


class SignificanceForm(GovukForm):
    significance = forms.ChoiceField(label="Significance", choices=Significance.choices)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ResolveForm(GovukForm):
    note = forms.CharField(
        label="The panel's view",
        help_text="What the panel makes of the different accounts, and why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the panel's view"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class GapForm(GovukForm):
    # Several small forms share the page: their ids must not clash.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "gap_%s")
        super().__init__(*args, **kwargs)

    gap_days = forms.IntegerField(
        label="Show gaps longer than (days)",
        min_value=1,
        max_value=3650,
        help_text="A period with no contact by any agency longer than this shows as a gap",
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "The gap must be at least 1 day",
            "max_value": "The gap must be at most 3650 days",
        },
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ShareForm(GovukForm):
    # Several small forms share the page: their ids must not clash.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "share_%s")
        super().__init__(*args, **kwargs)

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UnshareForm(GovukForm):
    # Several small forms share the page: their ids must not clash.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "unshare_%s")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label="Why stop sharing it?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter why the chronology is no longer shared"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EpisodeForm(GovukForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = GovukDateField(label="The start of the episode")
    ends_on = GovukDateField(label="The end of the episode")
    entries = ModelMultipleChoiceField(
        label="Entries of the timeline in this episode",
        queryset=ChronologyEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, entries=None, bounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bounds = bounds
        if entries is not None:
            self.fields["entries"].queryset = entries

    def clean(self):
        data = super().clean()
        clean_form_dates(self, EPISODE_DATES, self.bounds)
        return data


class EpisodeEditForm(EpisodeForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why withdraw it?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter why the episode is withdrawn"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
