"""Forms of an agency's chronology pages: one entry, a reason for withdrawing it."""

from __future__ import annotations

from django import forms

from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm

from .entries import REASON_NEEDED, WITHDRAW_REASON, EntryFacts, date_range
from .entry_dates import ENTRY_DATES
from .models import ChildSeen, DatePrecision

PRECISIONS = [
    (DatePrecision.DAY.value, "On a known day"),
    (DatePrecision.MONTH.value, "Some time in a known month"),
    (DatePrecision.APPROXIMATE.value, "Approximately, between two dates"),
]


def _text(label: str, help_text: str = "", rows: int = 3, required=False) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class EntryForm(GovukForm):
    """One event or contact; the date is a day, a month or an approximate period, as the
    agency's record gives it (the import reads the same precisions from a file)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    precision = forms.ChoiceField(
        label="How precisely does the record date it?",
        choices=PRECISIONS,
        initial=DatePrecision.DAY.value,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how precisely the record dates the event"},
    )
    occurred_from = GovukDateField(
        label="Date",
        help_text="For example, 12 3 2019. For a month, any day of it; for an approximate "
        "date, the first day it could be",
        error_messages={"required": "Enter the date of the event"},
    )
    occurred_to = GovukDateField(
        label="Last day it could be (approximate dates only)",
        required=False,
        help_text="For example, 31 5 2019 for 'spring 2019'",
    )
    occurred_time = forms.TimeField(
        label="Time",
        required=False,
        help_text="24-hour clock, for example 14:30",
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": "Enter the time as hours and minutes, for example 14:30"},
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5"}),
    )
    date_as_written = forms.CharField(
        label="The date as the record writes it",
        max_length=100,
        required=False,
        help_text="For example, approx. spring 2019",
    )
    source_ref = forms.CharField(
        label="Source record reference",
        max_length=100,
        required=False,
        help_text="The agency's own reference for the record, for example a case note number. "
        "Each reference appears once in the agency's chronology",
    )
    practitioner_role = forms.CharField(
        label="Practitioner's role", max_length=150, required=False, help_text="Not their name"
    )
    event = _text("Event or contact", "What happened, as the record says", 4, required=True)
    decision = _text("Decision or action")
    child_seen = forms.ChoiceField(
        label="Was the child seen?",
        choices=ChildSeen.choices,
        initial=ChildSeen.UNKNOWN.value,
        widget=forms.RadioSelect,
    )
    analysis = _text("Agency analysis", "What the agency now makes of it", 4)
    reason = _text(
        "Why are you changing it?",
        "The panel already has this chronology: it sees the reason with the change",
        2,
    )

    def __init__(self, *args, needs_reason: bool = False, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].error_messages["required"] = "Enter the event or contact"
        self.needs_reason = needs_reason
        if not needs_reason:
            del self.fields["reason"]
        if not editing:
            del self.fields["lock_version"]

    def clean(self):
        data = super().clean()
        precision = data.get("precision")
        first = data.get("occurred_from")
        missing_last = first and not data.get("occurred_to") and "occurred_to" not in self.errors
        if precision == DatePrecision.APPROXIMATE and missing_last:
            self.add_error("occurred_to", "Enter the last day the approximate date could be")
        clean_form_dates(
            self,
            ENTRY_DATES
            if precision == DatePrecision.APPROXIMATE
            else {"occurred_from": ENTRY_DATES["occurred_from"]},
        )
        no_reason = not (data.get("reason") or "").strip() and "reason" not in self.errors
        if self.needs_reason and no_reason:
            self.add_error("reason", REASON_NEEDED)
        return data

    def facts(self) -> EntryFacts:
        data = self.cleaned_data
        precision = data["precision"]
        first, last = date_range(precision, data["occurred_from"], data.get("occurred_to"))
        when = data.get("occurred_time")
        if when is not None and precision == DatePrecision.DAY:
            precision = DatePrecision.DATETIME
        return EntryFacts(
            occurred_from=first,
            occurred_to=last,
            precision=precision,
            occurred_time=when if precision == DatePrecision.DATETIME else None,
            date_as_written=data["date_as_written"].strip(),
            source_ref=data["source_ref"].strip(),
            practitioner_role=data["practitioner_role"].strip(),
            event=data["event"].strip(),
            decision=data["decision"].strip(),
            child_seen=data["child_seen"],
            analysis=data["analysis"].strip(),
        )


def initial_of(entry) -> dict:
    precision = entry.precision
    return {
        "lock_version": entry.lock_version,
        "precision": DatePrecision.DAY if precision == DatePrecision.DATETIME else precision,
        "occurred_from": entry.occurred_from,
        "occurred_to": entry.occurred_to if precision == DatePrecision.APPROXIMATE else None,
        "occurred_time": entry.occurred_time,
        **{
            name: getattr(entry, name)
            for name in (
                "date_as_written",
                "source_ref",
                "practitioner_role",
                "event",
                "decision",
                "child_seen",
                "analysis",
            )
        },
    }


class WithdrawForm(GovukForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = _text(
        "Why are you withdrawing this entry?",
        "For example, entered twice, or it belongs to another child. The entry is kept with "
        "this reason and leaves the chronology",
        3,
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = WITHDRAW_REASON
