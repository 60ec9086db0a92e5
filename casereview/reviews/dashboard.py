"""The board dashboard: open cases, what is overdue, and what falls due soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from casereview.cases.models import Notification, NotificationStatus
from casereview.procedure.clocks import england_and_wales
from casereview.procedure.engine import Result, evaluate_many

from .models import ReviewStatus

SOON_WORKING_DAYS = 10


def open_cases(visible: QuerySet) -> QuerySet:
    """Undecided notifications and reviews that are not closed."""
    return visible.filter(
        Q(status__in=[NotificationStatus.NOTIFIED, NotificationStatus.RECOMMENDED])
        | (Q(review__isnull=False) & ~Q(review__status=ReviewStatus.CLOSED))
    ).select_related("board", "review")


@dataclass(frozen=True)
class Line:
    case: Notification
    result: Result


@dataclass(frozen=True)
class Dashboard:
    open_reviews: int
    awaiting_decision: int
    overdue: list[Line]
    soon: list[Line]
    soon_until: date


def build(visible: QuerySet, today: date) -> Dashboard:
    cases = list(open_cases(visible))
    results = evaluate_many(cases, today)
    until = england_and_wales().add_working_days(today, SOON_WORKING_DAYS)
    overdue, soon = [], []
    for case in cases:
        for result in results[case.pk]:
            if result.status == "overdue":
                overdue.append(Line(case, result))
            elif result.status == "due" and result.due and result.due <= until:
                soon.append(Line(case, result))
    overdue.sort(key=lambda line: line.result.due)
    soon.sort(key=lambda line: line.result.due)
    return Dashboard(
        open_reviews=sum(1 for c in cases if getattr(c, "review", None) is not None),
        awaiting_decision=sum(1 for c in cases if c.status != NotificationStatus.DECIDED),
        overdue=overdue,
        soon=soon,
        soon_until=until,
    )
