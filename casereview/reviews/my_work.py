"""Each person's work in front of them: for each role the user holds, what is theirs to do,
most urgent first, each item linking to where it is done.

Everything is read through the permission layer (`visible_to`), so nobody sees another
board's or another agency's work here. The number of queries depends on the roles a person
holds, not on how many cases there are: the procedure's obligations are evaluated once, in
a batch, for every open case the user may see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse

from casereview.accounts.permissions import BOARD_READERS, grants_of
from casereview.accounts.roles import Role
from casereview.audit.lines import describe
from casereview.audit.models import AuditEvent, Outcome
from casereview.cases.models import Notification, NotificationStatus
from casereview.procedure.engine import Result

from . import kept
from .compliance import compliance_path, open_cases, still_owing
from .models import (
    ADVICE_TAKEN,
    OVERVIEW_TO_WRITE,
    AgencyReport,
    Appointment,
    AppointmentRole,
    ExpertAdvice,
    ReportStatus,
)

# Work that higher apps keep (learning: actions due or overdue): functions
# (user, role, boards, today) -> list[Item], registered from their apps' ready().
WORK_SOURCES: list = []


def register_work_source(fn):
    if fn not in WORK_SOURCES:
        WORK_SOURCES.append(fn)
    return fn


LIMIT = 15  # items shown per role; the rest are counted, with the page that lists them all
RECENT_DENIALS = 10


@dataclass(frozen=True)
class Item:
    what: str
    reference: str
    url: str
    due: date | None = None
    overdue: bool = False
    note: str = ""
    # A second link, e.g. the terms of reference of a report due: (text, url).
    also: tuple[str, str] | None = None


@dataclass
class Section:
    role: str
    heading: str
    items: list[Item] = field(default_factory=list)
    empty: str = "Nothing is waiting for you."
    message: str = ""
    more: int = 0
    more_link: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        return Role(self.role).label

    def limited(self) -> Section:
        ordered = sorted(
            self.items, key=lambda i: (not i.overdue, i.due is None, i.due or date.max)
        )
        self.more = max(0, len(ordered) - LIMIT)
        self.items = ordered[:LIMIT]
        return self


def _roles(user) -> list[str]:
    """The roles the user holds through a membership, in the order of Role."""
    held = {g.role for g in grants_of(user) if g.case_id is None}
    return [r for r in Role.values if r in held]


def _boards(user, role: str) -> set[int]:
    return {g.board_id for g in grants_of(user) if g.role == role and g.case_id is None}


def _agencies(user) -> set[int]:
    return {
        g.agency_id
        for g in grants_of(user)
        if g.role == Role.AGENCY_AUTHOR and g.agency_id and g.case_id is None
    }


def _obligation_item(case: Notification, result: Result) -> Item:
    review = getattr(case, "review", None)
    return Item(
        what=result.obligation.text,
        reference=review.reference if review is not None else case.reference,
        url=result.where(case) or compliance_path(case),
        due=result.due,
        overdue=result.status == "overdue",
        note=result.obligation.citation,
    )


class Obligations:
    """The open obligations of every open case the user may see, evaluated once."""

    def __init__(self, user, today: date):
        cases = list(open_cases(Notification.objects.visible_to(user)))
        # The stored lines (kept.py), still open ones only.
        self.results = kept.current(cases, today, open_only=True)
        self.cases = [c for c in cases if still_owing(c, self.results[c.pk])]

    def for_role(self, role: str, boards: set[int]) -> list[Item]:
        return [
            _obligation_item(case, r)
            for case in self.cases
            if case.board_id in boards
            for r in self.results[case.pk]
            if r.obligation.responsible == role
            and r.status in ("overdue", "due")
            and not r.awaiting_feature
        ]


def _awaiting_recommendation(user, boards: set[int]) -> list[Item]:
    cases = Notification.objects.visible_to(user).filter(
        board_id__in=boards, status=NotificationStatus.NOTIFIED
    )
    return [
        Item(
            "Record the panel's recommendation",
            c.reference,
            reverse("cases:screening", args=[c.pk]),
            note=f"Received {c.received_at:%-d %b %Y}",
        )
        for c in cases.order_by("reference")
    ]


def _awaiting_decision(user, boards: set[int]) -> list[Item]:
    cases = Notification.objects.visible_to(user).filter(
        board_id__in=boards, status=NotificationStatus.RECOMMENDED
    )
    return [
        Item("Decide whether to hold a review", c.reference, reverse("cases:decision", args=[c.pk]))
        for c in cases.order_by("reference")
    ]


def _reports_to_decide(user, boards: set[int]) -> list[Item]:
    reports = (
        AgencyReport.objects.visible_to(user)
        .filter(review__board_id__in=boards, status=ReportStatus.SUBMITTED)
        .select_related("agency", "review")
    )
    return [
        Item(
            f"Accept or return the report of {r.agency.name}",
            r.review.reference,
            reverse("reviews:report", args=[r.review_id, r.pk]),
            due=r.due_on,
            note=f"Submitted {r.submitted_on:%-d %b %Y}" if r.submitted_on else "",
        )
        for r in reports
    ]


def _reports_due(user, today: date) -> list[Item]:
    reports = (
        AgencyReport.objects.visible_to(user)
        .filter(
            agency_id__in=_agencies(user),
            status__in=(ReportStatus.REQUESTED, ReportStatus.DRAFT, ReportStatus.RETURNED),
        )
        .select_related("agency", "review")
    )
    return [
        Item(
            f"Write the report of {r.agency.name}"
            if r.status != ReportStatus.RETURNED
            else f"Revise the report of {r.agency.name}: the panel returned it",
            r.review.reference,
            reverse("reviews:report", args=[r.review_id, r.pk]),
            due=r.due_on,
            overdue=r.due_on < today,
            note=r.get_status_display(),
            also=("Terms of reference", reverse("reviews:terms", args=[r.review_id])),
        )
        for r in reports
    ]


def _appointments(user, role: str, stages: tuple[str, ...]) -> Iterable[Appointment]:
    """The user's current appointments of `role` to reviews at one of `stages`: nobody is
    asked for work on a review that has gone past it."""
    return (
        Appointment.objects.visible_to(user)
        .filter(user=user, role=role, ended_on__isnull=True, review__status__in=stages)
        .select_related("review")
        .annotate(advised=Exists(ExpertAdvice.objects.filter(appointment=OuterRef("pk"))))
        .order_by("appointed_on")
    )


def _advice_due(user) -> list[Item]:
    return [
        Item(
            f"Give your advice to the panel on {a.get_kind_display().lower()}",
            a.review.reference,
            reverse("reviews:experts", args=[a.review_id]),
            note=f"Appointed {a.appointed_on:%-d %b %Y}",
        )
        for a in _appointments(user, AppointmentRole.INDEPENDENT_EXPERT, ADVICE_TAKEN)
        if not a.advised
    ]


def _drafts_due(user) -> list[Item]:
    return [
        Item(
            "Write the overview report",
            a.review.reference,
            reverse("reviews:detail", args=[a.review_id]),
            note=f"Stage: {a.review.get_status_display()}",
        )
        for a in _appointments(user, AppointmentRole.INDEPENDENT_AUTHOR, OVERVIEW_TO_WRITE)
    ]


def _recent_denials(boards: set[int]) -> list[Item]:
    events = list(
        AuditEvent.objects.filter(
            board_id__in=boards, outcome__in=(Outcome.DENIED, Outcome.NOT_FOUND)
        ).order_by("-at")[:RECENT_DENIALS]
    )
    log = reverse("audit:log")
    return [
        Item(
            line.text,
            line.reference,
            f"{log}?outcome={line.event.outcome}",
            note=f"{line.event.at:%-d %b %Y %H:%M}",
        )
        for line in describe(events)
    ]


def _merged(domain: list[Item], obligations: list[Item]) -> list[Item]:
    """The role's own lists, each item dated by the procedure's obligation done on the same
    page when it has no date of its own; the other obligations after them."""
    due_by_url: dict[str, Item] = {}
    for o in sorted(obligations, key=lambda i: i.due or date.max):
        due_by_url.setdefault(o.url, o)
    out = []
    for item in domain:
        o = due_by_url.get(item.url)
        if o is not None and item.due is None:
            item = replace(item, due=o.due, overdue=o.overdue)
        out.append(item)
    taken = {i.url for i in domain}
    return out + [o for o in obligations if o.url not in taken]


def build(user, today: date) -> list[Section]:
    roles = _roles(user)
    obligations = None
    if set(roles) - {Role.NATIONAL_ANALYST, Role.ADMINISTRATOR, Role.AUDITOR}:
        obligations = Obligations(user, today)
    sections = []
    for role in roles:
        boards = _boards(user, role)
        if role == Role.NATIONAL_ANALYST:
            # Their own work first (the recurring issues waiting for review), then the pages.
            work = [i for source in WORK_SOURCES for i in source(user, role, boards, today)]
            sections.append(
                Section(
                    role,
                    "National learning",
                    [
                        *work,
                        Item("Search published learning", "", reverse("national:search")),
                        Item("Recurring issues", "", reverse("national:issues")),
                        Item("Overview report", "", reverse("national:report")),
                        Item(
                            "A theme across reviews and child deaths",
                            "",
                            reverse("national:theme_across"),
                        ),
                    ],
                    message=(
                        "The anonymised records of signed-off reviews from every board: their "
                        "trends, themes, recurring issues and lessons, timeliness across boards "
                        "and the child death overview panels' findings; you never see a case's "
                        "own records."
                    ),
                    more_link=("Go to the national trends", reverse("national:trends")),
                )
            )
            continue
        if role == Role.ADMINISTRATOR:
            sections.append(
                Section(
                    role,
                    "Members",
                    message="You add people and roles, and disable accounts, on the members page.",
                    more_link=("Go to the members page", reverse("members:list")),
                )
            )
            continue
        if role == Role.AUDITOR:
            sections.append(
                Section(
                    role,
                    "Recent refusals",
                    _recent_denials(boards),
                    empty="Nobody has been refused access recently.",
                    more_link=(
                        "See every refusal in the audit log",
                        f"{reverse('audit:log')}?outcome=denied",
                    ),
                )
            )
            continue
        items = obligations.for_role(role, boards) if obligations else []
        heading = f"Your work as {Role(role).label.lower()}"
        if role == Role.BOARD_MANAGER:
            heading = "Next actions across reviews"
        elif role == Role.BOARD_CHAIR:
            heading = "Decisions awaiting you"
            items = _merged(_awaiting_decision(user, boards), items)
        elif role == Role.PANEL_CHAIR:
            heading = "Recommendations to make and reports to decide"
            own = _awaiting_recommendation(user, boards) + _reports_to_decide(user, boards)
            items = _merged(own, items)
        elif role == Role.PANEL_MEMBER:
            heading = "Recommendations to make"
            items = _merged(_awaiting_recommendation(user, boards), items)
        elif role == Role.AGENCY_AUTHOR:
            heading = "Your agency's reports due"
            items = _merged(_reports_due(user, today), items)
        elif role == Role.INDEPENDENT_EXPERT:
            heading = "Advice due"
            items = _merged(_advice_due(user), items)
        elif role == Role.INDEPENDENT_AUTHOR:
            heading = "Overview reports to draft"
            items = _merged(_drafts_due(user), items)
        extra = [i for source in WORK_SOURCES for i in source(user, role, boards, today)]
        if extra:
            items = _merged(extra, items)
        section = Section(role, heading, items).limited()
        if section.more and role in BOARD_READERS:
            section.more_link = ("See everything on the board dashboard", reverse("dashboard"))
        sections.append(section)
    return sections
