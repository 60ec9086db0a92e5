"""The pure date rules (casereview/lib/date_rules.py), case by case."""

from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError

from casereview.lib.date_rules import Bounds, DateRule, check_dates, clean_form_dates, date_problems
from casereview.lib.forms import GovukDateField

TODAY = date(2026, 6, 1)
BOUNDS = Bounds(date_of_birth=date(2024, 5, 17), notified_on=date(2026, 3, 2))
EVENT = {"on": DateRule("Date of the meeting", after_notification=True)}


def problem(value, rules=EVENT, bounds=BOUNDS, **others):
    return date_problems({"on": value, **others}, rules, bounds, today=TODAY).get("on")


def test_a_date_between_the_bounds_passes_and_an_empty_date_is_not_checked():
    assert problem(date(2026, 3, 2)) is None
    assert problem(TODAY) is None
    assert problem(None) is None


def test_the_future_is_refused_unless_the_rule_allows_it():
    assert problem(date(2026, 6, 2)) == "Date of the meeting must be today or in the past"
    due = {"on": DateRule("Due date", future=True)}
    assert problem(date(2027, 1, 1), due) is None
    new_due = {"on": DateRule("Due date", future=True, not_past=True)}
    assert problem(date(2026, 5, 31), new_due) == "Due date must be today or in the future"
    assert problem(TODAY, new_due) is None


def test_the_notification_bound_names_its_date():
    assert problem(date(2026, 3, 1)) == (
        "Date of the meeting must be on or after the notification (2 March 2026)"
    )
    # Without a notification (a new one) there is no such bound.
    assert problem(date(2025, 1, 1), bounds=Bounds(date_of_birth=date(2024, 5, 17))) is None


def test_the_birth_bound_never_shows_the_date_of_birth():
    message = problem(date(2024, 5, 16), {"on": DateRule("Date of the incident")})
    assert message == "Date of the incident must be on or after the child's date of birth"
    assert "2024" not in message and "May" not in message


def test_pre_birth_dates_and_cases_and_unknown_births():
    before = date(2023, 9, 1)
    assert problem(before, {"on": DateRule("Key date", pre_birth=True)}) is None
    unborn = Bounds(date_of_birth=date(2024, 5, 17), pre_birth_allowed=True)
    assert problem(before, {"on": DateRule("Date of the incident")}, unborn) is None
    unknown = Bounds(date_of_birth=None)
    assert problem(before, {"on": DateRule("Date of the incident")}, unknown) is None


def test_a_date_follows_another_of_its_record_on_or_strictly_after():
    on_or_after = {"on": DateRule("The restart date", after=("start", "the pause began"))}
    assert problem(date(2026, 4, 1), on_or_after, start=date(2026, 4, 1)) is None
    assert problem(date(2026, 3, 31), on_or_after, start=date(2026, 4, 1)) == (
        "The restart date must be on or after the pause began (1 April 2026)"
    )
    strictly = {
        "on": DateRule("The end of the period", after=("start", "its start"), strictly=True)
    }
    assert problem(date(2026, 4, 1), strictly, start=date(2026, 4, 1)) == (
        "The end of the period must be after its start (1 April 2026)"
    )


def test_check_dates_raises_field_level_errors():
    with pytest.raises(ValidationError) as raised:
        check_dates({"on": date(2026, 3, 1)}, EVENT, BOUNDS, today=TODAY)
    assert list(raised.value.message_dict) == ["on"]


class MeetingForm(forms.Form):
    on = GovukDateField(label="Date of the meeting")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, EVENT, BOUNDS)
        return data


def test_a_form_shows_the_message_at_the_field():
    form = MeetingForm({"on_day": "1", "on_month": "3", "on_year": "2026"})
    assert not form.is_valid()
    assert form.errors["on"] == [
        "Date of the meeting must be on or after the notification (2 March 2026)"
    ]
