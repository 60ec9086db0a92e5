"""The bounds of a case's dates, and the rules for the dates the cases app records.

`case_bounds(notification)` gives what `casereview.lib.date_rules` checks every date of a
case against: the child's date of birth (None when not known), whether the case may record
events before the birth, and the day the notification was received. The reviews app uses
the same bounds for the records of the review (docs/dates.md lists every field's rule).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casereview.lib.date_rules import Bounds, DateRule

from .models import Notification, PersonKind

# The notification form and create_notification. The incident and the death are checked
# against the child's date of birth given on the same form (notification_bounds).
NOTIFICATION_DATES = {
    "incident_date": DateRule("Date of the incident"),
    "date_of_death": DateRule("Date of death", after=("incident_date", "the date of the incident")),
}
# A key date may come before the birth (an antenatal appointment, an older sibling's
# history), but never after today.
KEY_DATE = DateRule("Key date", pre_birth=True)
# The child's own date of birth is only not in the future here (the other dates are checked
# against it); other people's dates of birth are not bounded by the child's.
CHILD_DATES = {"date_of_birth": DateRule("Date of birth")}
PERSON_DATES = {"date_of_birth": DateRule("Date of birth", pre_birth=True)}
TASK_DATES = {"done_on": DateRule("Date it was done", after_notification=True)}
# 19.1: a sibling's referral or strategy discussion may come before the board is notified
# (it often follows the incident at once); it concerns another child, so not the birth.
CONSIDERED_DATES = {"action_on": DateRule("Date of the referral or discussion", pre_birth=True)}
DECISION_DATES = {"decided_on": DateRule("Date of the decision", after_notification=True)}
PAUSE_DATES = {"starts_on": DateRule("The date the clocks stop", after_notification=True)}
RESTART_DATES = {
    "ends_on": DateRule(
        "The restart date", after_notification=True, after=("starts_on", "the pause began")
    )
}


def case_bounds(notification: Notification) -> Bounds:
    """The bounds of the dates of this case, read from the current state of the case."""
    child = next(
        (p for p in notification.people.all() if p.kind == PersonKind.CHILD),
        None,
    )
    return Bounds(
        date_of_birth=child.date_of_birth if child else None,
        notified_on=timezone.localdate(notification.received_at),
        # An unborn child's case records events before the birth (wired to the unborn
        # flag where the people register has one).
        pre_birth_allowed=bool(getattr(child, "unborn", False)),
    )


def notification_bounds(date_of_birth: date | None, *, pre_birth_allowed: bool = False) -> Bounds:
    """The bounds of a notification being made today, for the child born on date_of_birth
    (None: not known); pre_birth_allowed for an unborn child or a pre-birth incident."""
    return Bounds(
        date_of_birth=date_of_birth,
        notified_on=timezone.localdate(),
        pre_birth_allowed=pre_birth_allowed,
    )
