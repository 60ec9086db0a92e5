"""The national analyst's own work on the home page (reviews/my_work.py, registered from
apps.py): the recurring issues proposed, or changed since an analyst approved them, that wait
for an analyst's review (recurring.py: a group goes back to "needs review" when its lessons
change)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from casereview.accounts.permissions import NATIONAL_STORE, can
from casereview.accounts.roles import Role
from casereview.reviews.my_work import LIMIT, Item

from .models import IssueStatus, RecurringIssue


def work_items(user, role: str, boards: set[int], today: date) -> list[Item]:
    if role != Role.NATIONAL_ANALYST or not can(user, "national.manage", NATIONAL_STORE):
        return []
    waiting = RecurringIssue.objects.filter(status=IssueStatus.NEEDS_REVIEW).order_by(
        "proposed_at", "key"
    )[:LIMIT]
    return [
        Item(
            f"Review the recurring issue “{issue.title}”",
            "",
            reverse("national:issue", args=[issue.pk]),
            note=f"Lessons of {issue.review_count} reviews",
        )
        for issue in waiting
    ]
