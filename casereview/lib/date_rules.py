"""The one set of rules every date the service records must keep (issue 9 item 4).

A date is checked against the bounds of its case and against the other dates of the same
record:

- never in the future (unless the rule says it is a date still to come, e.g. a due date);
- never before the child's date of birth, unless the rule marks the date as one that may
  fall in pregnancy (`pre_birth=True`, e.g. the start of the period under review, a key
  date) or the case allows pre-birth records (`Bounds.pre_birth_allowed`, e.g. an unborn
  child); an unknown date of birth sets no bound;
- never before the notification where the event must follow it (`after_notification=True`:
  steps, decisions, contacts, agreed terms, sign-offs, appointments, meetings);
- never before another date of the same record it follows (`after=("starts_on", ...)`), or
  on it when `strictly=True` (a period must end after it starts).

Forms and services call the same functions with the same rules: a form shows the messages
at its fields, a service raises them as a field-level ValidationError so that a caller that
bypasses the form (a command, the demo generator, a future API) cannot save an impossible
date. Messages name the bound ("… on or after the notification (3 March 2026)") but never
the child's date of birth, so they are safe anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone

__all__ = [
    "Bounds",
    "DateRule",
    "check_dates",
    "clean_form_dates",
    "date_problems",
    "long_date",
]


@dataclass(frozen=True)
class Bounds:
    """What bounds the dates of one case.

    date_of_birth: the child's, or None when not known (then no birth bound applies).
    notified_on: the day the board received the notification, or None before there is one.
    pre_birth_allowed: the case may record events before the birth (an unborn child, a
    pre-birth incident): then no date is refused for preceding the date of birth.
    """

    date_of_birth: date | None = None
    notified_on: date | None = None
    pre_birth_allowed: bool = False


NO_BOUNDS = Bounds()


@dataclass(frozen=True)
class DateRule:
    """How one date field is bounded.

    label: how messages name the field, capitalised ("Date of the meeting").
    after_notification: the event follows the notification (on the same day at the earliest).
    pre_birth: the date may fall before the child's birth (in pregnancy or earlier).
    future: the date may be in the future (a due date, a planned date).
    not_past: the date is still to come: today at the earliest (a new due date).
    after: (field, label) of another date of the same record this one is on or after.
    strictly: with `after`, this date must be later than that one, not the same day.
    """

    label: str
    after_notification: bool = False
    pre_birth: bool = False
    future: bool = False
    not_past: bool = False
    after: tuple[str, str] | None = None
    strictly: bool = False


def long_date(value: date) -> str:
    """3 March 2026."""
    return dateformat.format(value, "j F Y")


def _problem(
    value: date,
    rule: DateRule,
    bounds: Bounds,
    values: Mapping[str, date | None],
    today: date,
) -> str | None:
    if not rule.future and value > today:
        return f"{rule.label} must be today or in the past"
    if rule.not_past and value < today:
        return f"{rule.label} must be today or in the future"
    born = bounds.date_of_birth
    if born and value < born and not (rule.pre_birth or bounds.pre_birth_allowed):
        return f"{rule.label} must be on or after the child's date of birth"
    notified = bounds.notified_on
    if rule.after_notification and notified and value < notified:
        return f"{rule.label} must be on or after the notification ({long_date(notified)})"
    if rule.after:
        name, label = rule.after
        other = values.get(name)
        if other is not None:
            if rule.strictly and value <= other:
                return f"{rule.label} must be after {label} ({long_date(other)})"
            if value < other:
                return f"{rule.label} must be on or after {label} ({long_date(other)})"
    return None


def date_problems(
    values: Mapping[str, date | None],
    rules: Mapping[str, DateRule],
    bounds: Bounds = NO_BOUNDS,
    *,
    today: date | None = None,
) -> dict[str, str]:
    """{field: message} for each date in `values` that breaks its rule; empty dates pass
    (whether a date is required is the form's and the model's business)."""
    today = today or timezone.localdate()
    problems = {}
    for name, rule in rules.items():
        value = values.get(name)
        if value is None:
            continue
        if message := _problem(value, rule, bounds, values, today):
            problems[name] = message
    return problems


def check_dates(
    values: Mapping[str, date | None],
    rules: Mapping[str, DateRule],
    bounds: Bounds = NO_BOUNDS,
    *,
    today: date | None = None,
) -> None:
    """Raise a field-level ValidationError naming every date that breaks its rule."""
    if problems := date_problems(values, rules, bounds, today=today):
        raise ValidationError(problems)


class CaseDatesForm:
    """A form mixin: the form is given its case's bounds (`bounds=`), so that its clean()
    reports a date before the notification or the birth with the other errors, on the first
    submit, rather than after the service runs. Without bounds only the case-free rules
    (not in the future, order within the form) are checked; the service checks all."""

    def __init__(self, *args, bounds: Bounds = NO_BOUNDS, **kwargs):
        super().__init__(*args, **kwargs)
        self.bounds = bounds


def clean_form_dates(form, rules: Mapping[str, DateRule], bounds: Bounds | None = None) -> None:
    """In a form's clean(): put each broken rule's message on its field (fields that already
    have an error are left with it). The bounds default to the form's own (CaseDatesForm)."""
    if bounds is None:
        bounds = getattr(form, "bounds", NO_BOUNDS)
    data = getattr(form, "cleaned_data", {})
    values = {name: data.get(name) for name in rules if name not in form.errors}
    for name, message in date_problems(values, rules, bounds).items():
        form.add_error(name, message)
