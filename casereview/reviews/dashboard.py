"""The board dashboard: open cases, what is overdue, and what falls due soon."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db.models import QuerySet

from casereview.cases.models import Notification, NotificationStatus
from casereview.procedure import working_days
from casereview.procedure.engine import Result
from casereview.procedure.registry import link

from . import kept
from .compliance import open_cases, open_results, review_of, still_owing

SOON_WORKING_DAYS = 10
# What the page shows of a case with a review: its overdue lines and what falls due next.
DATED = ("due", "overdue")


class Link(NamedTuple):
    url: str
    text: str


def case_link(case: Notification, obligation: str = "") -> Link:
    """Where a dashboard line links to, and its text: the review's compliance page (at the
    obligation's line) when the case has a review, else the notification. Worked out in
    Python once per line rather than by a template include and `{% url %}` per row."""
    review = getattr(case, "review", None)
    if review is not None:
        anchor = f"#obligation-{obligation}" if obligation else ""
        return Link(link("reviews:compliance", review.pk) + anchor, review.reference)
    return Link(link("cases:detail", case.pk), case.reference)


@dataclass(frozen=True)
class Line:
    case: Notification
    result: Result

    @property
    def link(self) -> Link:
        return case_link(self.case, self.result.obligation.id)


@dataclass(frozen=True)
class CaseLine:
    """One open case: how much is overdue, since when, and what falls due next."""

    case: Notification
    overdue: list[Result]
    next_due: Result | None
    # For a case decided without a review: every obligation still open, listed.
    still_open: list[Result] = field(default_factory=list)

    @property
    def link(self) -> Link:
        return case_link(self.case)

    @property
    def oldest_overdue(self) -> date | None:
        return min((r.due for r in self.overdue), default=None)


@dataclass(frozen=True)
class Dashboard:
    open_reviews: int
    awaiting_decision: int
    cases: list[CaseLine]
    overdue_count: int
    soon: list[Line]
    soon_until: date
    # Decisions not to hold a review that the criteria required: they stay on the dashboard
    # whether or not the case is still open (issue 9 item 6).
    departures: list[Notification]


def departures(visible: QuerySet) -> list[Notification]:
    return list(
        visible.exclude(decision__departs_from="")
        .filter(decision__isnull=False)
        .select_related("board", "decision")
        .order_by("-decision__decided_on", "reference")
    )


def build(visible: QuerySet, today: date) -> Dashboard:
    selected = list(open_cases(visible))
    calendar = working_days.current()
    # The stored lines (kept.py), still open ones only: no evaluation per case on a view.
    # A case with a review shows only its dated lines; one without lists all it owes.
    results = kept.current(
        selected,
        today,
        statuses_of=lambda c: DATED if review_of(c) is not None else kept.OPEN_STATUSES,
    )
    cases = [c for c in selected if still_owing(c, results[c.pk])]
    until = calendar.add_working_days(today, SOON_WORKING_DAYS)
    lines, soon = [], []
    for case in cases:
        overdue = [r for r in results[case.pk] if r.status == "overdue"]
        due = sorted((r for r in results[case.pk] if r.status == "due"), key=lambda r: r.due)
        without_review = review_of(case) is None
        listed = open_results(results[case.pk]) if without_review else []
        lines.append(CaseLine(case, overdue, due[0] if due else None, listed))
        soon += [Line(case, r) for r in due if r.due <= until]
    lines.sort(key=lambda line: (-len(line.overdue), line.oldest_overdue or date.max))
    soon.sort(key=lambda line: line.result.due)
    return Dashboard(
        open_reviews=sum(1 for c in cases if getattr(c, "review", None) is not None),
        awaiting_decision=sum(1 for c in cases if c.status != NotificationStatus.DECIDED),
        cases=lines,
        overdue_count=sum(len(line.overdue) for line in lines),
        soon=soon,
        soon_until=until,
        departures=departures(visible),
    )
