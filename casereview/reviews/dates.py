"""The date rules of the review's records (docs/dates.md lists each field's rule).

Each form runs its rules in clean() (future dates and the order of its own dates) and each
service runs them again against the case's bounds (the child's date of birth and the
notification) before it writes, so a caller that bypasses the form cannot save an
impossible date. The labels are the forms' labels, so messages read as the page does.
"""

from __future__ import annotations

from casereview.cases.dates import case_bounds
from casereview.lib.date_rules import Bounds, DateRule

from .models import Review

# The panel and its meetings are set up for the review: after the notification.
MEMBER_DATES = {"joined_on": DateRule("Joined the panel on", after_notification=True)}
MEETING_DATES = {"held_on": DateRule("Date of the meeting", after_notification=True)}
# The period under review may start before the birth (in pregnancy, or with the family's
# earlier history); it ends after it starts and not after today.
TERMS_DATES = {
    "period_start": DateRule("The start of the period", pre_birth=True),
    "period_end": DateRule(
        "The end of the period",
        after=("period_start", "its start"),
        strictly=True,
    ),
}
# An agency report asked for in the terms falls due after the notification; it may be due
# in the future.
REPORT_DUE = DateRule("Report due by", after_notification=True, future=True)
# A report asked for on its own page falls due today or later.
REQUEST_DATES = {"due_on": DateRule("Due date", future=True, not_past=True)}
AGREED_DATES = {
    "agreed_on": DateRule("Date the panel agreed this version", after_notification=True)
}
# An agency's report: its records are secured once the case is notified, and its sign-off
# follows too. A draft is checked as a submission is.
REPORT_DATES = {
    "records_secured_on": DateRule(
        "Date the agency's records were secured", after_notification=True
    ),
    "signed_off_on": DateRule("Date signed off", after_notification=True),
}
APPOINTMENT_DATES = {"appointed_on": DateRule("Appointed on", after_notification=True)}
# Ending an appointment (reviews/corrections.py): not before it began, not in the future.
ENDED_DATES = {
    "ended_on": DateRule("The date it ended", after=("appointed_on", "the date of appointment"))
}
ADVICE_DATES = {
    "given_on": DateRule(
        "Given on", after_notification=True, after=("appointed_on", "the expert's appointment")
    )
}
CONSIDERED_DATES = {"held_on": DateRule("Date of the panel meeting", after_notification=True)}
PROFESSIONAL_DATES = {
    "support_offered_on": DateRule("Support offered on", after_notification=True),
    "debriefed_on": DateRule(
        "Debriefed on",
        after_notification=True,
        after=("support_offered_on", "the date support was offered"),
    ),
    "feedback_on": DateRule(
        "Feedback on completion given on",
        after_notification=True,
        after=("support_offered_on", "the date support was offered"),
    ),
}
RAPID_REVIEW_DATES = {
    "completed_on": DateRule("Date the rapid review was completed", after_notification=True)
}
OUTBOUND_DATES = {"sent_on": DateRule("Sent on", after_notification=True)}
# Criminal proceedings, an inquest or another review may have begun before the board was
# notified: only the child's birth and today bound them.
PROCESS_DATES = {
    "started_on": DateRule("The date it began"),
    "concluded_on": DateRule("The date it concluded", after=("started_on", "the date it began")),
}
# The panel's reasons for appointing no expert (19.3, 19.4) are decided in the review.
NO_EXPERT_DATES = {"decided_on": DateRule("Date the panel decided", after_notification=True)}
# A reason not to contact a family member is recorded in the review.
NOT_CONTACTED_DATES = {"recorded_on": DateRule("Date recorded", after_notification=True)}
# A translation belongs to the board, not a case: only not in the future.
APPROVAL_DATES = {"approved_on": DateRule("Date approved")}
CHILD_INVOLVEMENT_DATES = {"recorded_on": DateRule("Date decided", after_notification=True)}
CONTACT_DATES = {"on": DateRule("Date of the contact", after_notification=True)}


def review_bounds(review: Review) -> Bounds:
    return case_bounds(review.notification)
