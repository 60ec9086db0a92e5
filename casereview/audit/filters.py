"""The audit log's filters: case reference, person, action, outcome and a date range."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from casereview.lib.forms import GovukDateField

from . import lines
from .models import Outcome


class AuditFilterForm(forms.Form):
    reference = forms.CharField(
        label="Case reference",
        max_length=40,
        required=False,
        help_text="Of a notification or review, for example ESCB-R2026-0008",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    person = forms.CharField(
        label="Person",
        max_length=150,
        required=False,
        help_text="Username or name of who did it",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    action = forms.ChoiceField(label="Action", required=False)
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "Any outcome"), *Outcome.choices]
    )
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 3 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Any action")] + [
            (a, f"{a} ({lines.phrase(a).removesuffix(' to').removesuffix(' on')})")
            for a in sorted(actions)
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The date to must be the same as or after the date from")
        return data

    def used(self) -> list[str]:
        """The names of the filters in use (for the audit event: names, not values)."""
        if not self.is_valid():
            return []
        return [name for name, value in self.cleaned_data.items() if value]

    def apply(self, events):
        """The events that pass the filters; none when the filters are not valid."""
        if not self.is_valid():
            return events.none()
        d = self.cleaned_data
        if reference := d.get("reference", "").strip():
            events = events.filter(lines.reference_filter(reference))
        if person := d.get("person", "").strip():
            users = (
                get_user_model()
                ._base_manager.annotate(full=Concat("first_name", Value(" "), "last_name"))
                .filter(Q(username__icontains=person) | Q(full__icontains=person))
                .values("pk")
            )
            events = events.filter(Q(actor_label__icontains=person) | Q(actor_id__in=users))
        if d.get("action"):
            events = events.filter(action=d["action"])
        if d.get("outcome"):
            events = events.filter(outcome=d["outcome"])
        zone = timezone.get_current_timezone()
        if d.get("date_from"):
            events = events.filter(at__gte=datetime.combine(d["date_from"], time.min, zone))
        if d.get("date_to") and d["date_to"] < date.max:
            after = d["date_to"] + timedelta(days=1)
            events = events.filter(at__lt=datetime.combine(after, time.min, zone))
        return events
