"""The date rules of lessons, recommendations and actions (casereview/lib/date_rules.py)."""

from __future__ import annotations

from casereview.lib.date_rules import DateRule

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
# A target date is still to come when the action is set (today at the earliest: an action is
# never overdue the day it is recorded), and never before the recommendation.
ACTION_DATES = {
    "target_date": DateRule(
        "Target date", future=True, not_past=True, after=("made_on", "the recommendation")
    )
}
# Corrected later, a target date may have passed, but it is never before the recommendation
# nor before the day the action was set (`set_on`): both are checked.
ACTION_CORRECTED_DATES = {
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
