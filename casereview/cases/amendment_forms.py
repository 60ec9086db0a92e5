"""The forms that correct a case's records: each is the form that records it, plus a
required reason (cases/amendments.py keeps the earlier version)."""

from __future__ import annotations

from django import forms

from casereview.accounts.models import Board

from .amendments import REASON_REQUIRED
from .forms import ChildForm, DecisionForm, NotificationForm, PersonForm, TaskForm
from .models import Notification


def reason_field(label: str = "Why is this being corrected?") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the earlier version in the record's history",
        error_messages={"required": REASON_REQUIRED},
    )


class ReasonForm(forms.Form):
    """Only a reason: to remove, withdraw or end a record entered in error."""

    reason = reason_field("Why?")


# The notify form's fields about the child are corrected in the people register; the board
# a notification was made to is not corrected.
_NOT_NOTIFICATION_FACTS = (set(ChildForm.base_fields) & set(NotificationForm.base_fields)) | {
    "board",
    "given_names",
    "family_name",
    # Asked when a notification is made (cases/duplicates.py), not a fact of the incident.
    "different_incident",
}


class NotificationCorrectionForm(NotificationForm):
    """The referral form's facts of the incident, with its own validation (NotificationForm's
    fields and clean(), so that what the form gains, a correction gains)."""

    reason = reason_field()

    def __init__(self, *args, notification: Notification, **kwargs):
        self.notification = notification
        boards = Board.objects.filter(pk=notification.board_id)
        kwargs.setdefault("initial", initial_of(notification))
        super().__init__(*args, boards=boards, **kwargs)
        for name in _NOT_NOTIFICATION_FACTS:
            self.fields.pop(name, None)

    def clean(self):
        # The child's date of birth and the board are checked against as the notify form does.
        child = self.notification.child
        self.cleaned_data.setdefault("date_of_birth", child.date_of_birth if child else None)
        self.cleaned_data.setdefault("unborn", bool(child and child.unborn))
        self.cleaned_data["board"] = self.notification.board
        return super().clean()


def initial_of(notification: Notification) -> dict:
    """The form's values from the notification as it stands."""
    initial = {
        name: getattr(notification, name)
        for name in NotificationForm.base_fields
        if name not in _NOT_NOTIFICATION_FACTS and hasattr(notification, name)
    }
    initial["referrer_agency"] = notification.referrer_agency_id
    if notification.outcome == "death":
        initial["death_in_custody"] = "yes" if notification.death_in_custody else "no"
    else:
        initial.pop("death_in_custody", None)
    initial["considerations"] = [k for k, v in notification.considerations.items() if v]
    initial["agencies"] = [ia.agency_id for ia in notification.involvements.all()]
    initial["key_dates"] = "\n".join(
        f"{k.date:%d/%m/%Y} {k.description}" for k in notification.key_dates.all()
    )
    return initial


class PersonCorrectionForm(PersonForm):
    reason = reason_field()


class ChildCorrectionForm(ChildForm):
    reason = reason_field()


class TaskCorrectionForm(TaskForm):
    reason = reason_field()


class RedecisionForm(DecisionForm):
    reason = reason_field("Why is the decision being made again?")
