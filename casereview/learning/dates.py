"""The date rules of lessons, recommendations and actions (casereview/lib/date_rules.py)."""

from __future__ import annotations

from datetime import date

from casereview.lib.date_rules import Bounds, DateRule, check_dates

RECOMMENDATION_DATES = {
    "made_on": DateRule("Date the recommendation was made", after_notification=True)
}
RESPONSE_DATES = {
    "responded_on": DateRule(
        "Date of the board's response",
        after_notification=True,
        after=("made_on", "the recommendation"),
    )
}
# A target date is never before the recommendation, and never before the day the action was
# set: an action is not due before it exists (a new one: today at the earliest).
ACTION_DATES = {
    "target_date": DateRule("Target date", future=True, after=("made_on", "the recommendation"))
}
ACTION_SET_DATES = {
    "target_date": DateRule(
        "Target date", future=True, after=("set_on", "the day the action was set")
    )
}
PROGRESS_DATES = {"on": DateRule("Date of the progress", after=("made_on", "the recommendation"))}
VERIFIED_DATES = {
    "verified_on": DateRule("Date the change was verified", after=("made_on", "the recommendation"))
}
# A change is verified once the action is completed, never before (Rotherham 19.2: the board
# follows the action until the change is shown).
VERIFIED_AFTER_COMPLETION = {
    "verified_on": DateRule(
        "Date the change was verified", after=("completed_on", "the action's completion")
    )
}


def check_action_target(target_date: date, *, made_on: date, set_on: date, bounds: Bounds) -> None:
    """Refuse a target date before the recommendation or before the day the action was set
    (a field-level ValidationError on `target_date`)."""
    check_dates({"target_date": target_date, "made_on": made_on}, ACTION_DATES, bounds)
    check_dates({"target_date": target_date, "set_on": set_on}, ACTION_SET_DATES, bounds)
