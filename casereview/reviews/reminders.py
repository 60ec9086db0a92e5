"""Reminders of the procedure's obligations: each person responsible for an obligation that
is overdue or falls due soon gets one e-mail, at most once a day for each case, obligation
and person. `casereview send-reminders` runs send_reminders(); so can anything else.

Safe to run from a timer every few minutes: a ReminderSent row is inserted before each
reminder is sent, and its unique (case, obligation, recipient, day) constraint turns a second
attempt the same day, by this run or by one running beside it, into a skip. If the mail cannot
be sent, the rows are removed again so that a later run retries.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q

from casereview.accounts.models import Membership
from casereview.accounts.permissions import AGENCY_SCOPED, can
from casereview.audit.context import SYSTEM
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.cases.models import Notification
from casereview.procedure import working_days
from casereview.procedure.clocks import WorkingCalendar
from casereview.procedure.engine import Result, evaluate_many

from .compliance import compliance_path, open_cases, review_of
from .models import ReminderSent

DEFAULT_WITHIN = 5  # working days; settings.REMINDER_WITHIN_WORKING_DAYS overrides it
# Reminders of higher apps' work (learning: actions due or overdue), run by the same
# command: functions (today, within, dry_run) -> (reminders sent, people reminded).
OTHER_REMINDERS: list = []


def register_reminders(fn):
    if fn not in OTHER_REMINDERS:
        OTHER_REMINDERS.append(fn)
    return fn


WRAP = 72  # plain-text mail lines


@dataclass(frozen=True)
class Item:
    case: Notification
    result: Result

    @property
    def key(self) -> tuple:
        return (self.case.pk, self.result.obligation.id)


def needs_attention(result: Result, today: date, within: int, calendar: WorkingCalendar) -> bool:
    """Overdue, or due within `within` working days of today (paused and not started: no).

    Obligations whose evidence a later part of the product will record (`awaiting_feature`)
    are left out: nothing can mark them met yet, so they would be reminded of every day for
    good. The compliance pages and command still show them."""
    if result.awaiting_feature:
        return False
    if result.status == "overdue":
        return True
    return (
        result.status == "due"
        and result.due is not None
        and calendar.working_days_between(today, result.due) <= within
    )


def recipients_for(items: list[Item]) -> dict[int, tuple]:
    """{user id: (user, [Item, ...])}: the active members holding each obligation's
    responsible role in the case's board who may see the case; agency-scoped members only
    for cases that involve their own agency."""
    wanted = Q()
    for board_id, role in {(i.case.board_id, i.result.obligation.responsible) for i in items}:
        wanted |= Q(board_id=board_id, role=role)
    holders: dict[tuple, list] = defaultdict(list)
    users: dict[int, object] = {}
    if items:
        memberships = Membership.objects.filter(wanted, user__is_active=True).select_related("user")
        for m in memberships.order_by("user_id"):
            # One instance per user, so that the permission layer reads their grants once.
            user = users.setdefault(m.user_id, m.user)
            holders[(m.board_id, m.role)].append((user, m.agency_id))
    out: dict[int, tuple] = {}
    for item in items:
        role = item.result.obligation.responsible
        for user, agency_id in holders[(item.case.board_id, role)]:
            if role in AGENCY_SCOPED and not (
                agency_id is not None and item.case.involves_agency(agency_id)
            ):
                continue
            if not can(user, "case.view", item.case):
                continue
            out.setdefault(user.pk, (user, []))[1].append(item)
    return out


def hold_person(user) -> None:
    """Inside the transaction that claims a person's reminders: one run at a time per person.
    A run beside this one waits on the person's row, then finds every reminder taken, so the
    person gets one e-mail of each kind, not the reminders split between two (seen with two
    runs at once on PostgreSQL: `make multi`)."""
    list(type(user).objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def claim(user, items: list[Item], today: date) -> list[Item]:
    """Insert a ReminderSent row for each item; those already sent today are dropped."""
    claimed = []
    with transaction.atomic():
        hold_person(user)
        for item in items:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        case_id=item.case.pk,
                        obligation=item.result.obligation.id,
                        recipient_id=user.pk,
                        sent_on=today,
                        status=item.result.status,
                    )
            except IntegrityError:
                continue
            claimed.append(item)
    return claimed


def release(user, items: list[Item], today: date) -> None:
    """Forget the rows of a reminder that could not be sent, so that a later run retries."""
    which = Q(pk__in=[])
    for item in items:
        which |= Q(case_id=item.case.pk, obligation=item.result.obligation.id)
    ReminderSent.objects.filter(which, recipient_id=user.pk, sent_on=today).delete()


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def subject_for(count: int) -> str:
    if count == 1:
        return "Serious case reviews: 1 obligation needs attention"
    return f"Serious case reviews: {count} obligations need attention"


def body_for(items: list[Item], today: date, within: int) -> str:
    """Case references, obligations, citations, due dates and links only: no names of the
    child, the family or anyone else, and nothing from the case's free text."""
    lines = [
        *textwrap.wrap(
            f"These obligations are overdue, or due within {within} working days of {_day(today)}.",
            WRAP,
        ),
        "",
    ]
    by_case: dict = defaultdict(list)
    for item in items:
        by_case[item.case.pk].append(item)
    for case_items in by_case.values():
        case = case_items[0].case
        review = review_of(case)
        title = case.reference
        if review is not None:
            title += f" (review {review.reference})"
        lines.append(f"{title}, {case.board.name}")
        for item in sorted(case_items, key=lambda i: (i.result.status != "overdue", i.result.due)):
            r = item.result
            when = f"was due {_day(r.due)}" if r.status == "overdue" else f"due {_day(r.due)}"
            state = "OVERDUE, " if r.status == "overdue" else ""
            lines += textwrap.wrap(
                r.obligation.text, WRAP, initial_indent="  - ", subsequent_indent="    "
            )
            lines.append(f"    {state}{when}. {r.obligation.citation}")
        lines.append(f"  See {compliance_path(case)}")
        lines.append("")
    lines += textwrap.wrap(
        "You receive this because your role in the board makes you responsible for these "
        "steps. You will be reminded once a day while they stay open.",
        WRAP,
    )
    return "\n".join(lines) + "\n"


def default_within() -> int:
    return getattr(settings, "REMINDER_WITHIN_WORKING_DAYS", DEFAULT_WITHIN)


@dataclass
class Run:
    """What a run sent (or, dry, would send): counts of obligations and people."""

    sent: int = 0
    people: int = 0
    skipped: int = 0  # already sent today
    would_remind: list[tuple[int, int]] = field(default_factory=list)  # dry: (user id, count)
    no_address: list[int] = field(default_factory=list)  # user ids
    failed: list[tuple[int, str]] = field(default_factory=list)  # (user id, error's name)


def send_reminders(today: date, within: int, *, dry_run: bool = False) -> Run:
    """E-mail each person what needs their attention on `today` and record each e-mail in
    the audit trail; with dry_run, only count what would be sent."""
    # involvements: the agency check on each case is then made without a query.
    cases = list(open_cases().prefetch_related("involvements"))
    calendar = working_days.current()
    results = evaluate_many(cases, today, calendar)
    items = [
        Item(case, r)
        for case in cases
        for r in results[case.pk]
        if needs_attention(r, today, within, calendar)
    ]
    recipients = recipients_for(items)
    # Today's rows only: a few per person, however many cases there are.
    already = set(
        ReminderSent.objects.filter(sent_on=today).values_list(
            "case_id", "obligation", "recipient_id"
        )
    )

    run = Run()
    for user_id, (user, user_items) in recipients.items():
        fresh = [i for i in user_items if (*i.key, user_id) not in already]
        run.skipped += len(user_items) - len(fresh)
        if not fresh:
            continue
        if not user.email:
            run.no_address.append(user_id)
            continue
        if dry_run:
            run.sent += len(fresh)
            run.people += 1
            run.would_remind.append((user_id, len(fresh)))
            continue
        claimed = claim(user, fresh, today)
        run.skipped += len(fresh) - len(claimed)
        if not claimed:
            continue
        boards = {i.case.board_id for i in claimed}
        detail = {
            "recipient_id": user_id,
            "case_ids": sorted({str(i.case.pk) for i in claimed}),
            "obligations": len(claimed),
            "already_sent": len(user_items) - len(claimed),
            "sent_on": today.isoformat(),
        }
        try:
            EmailMessage(
                subject_for(len(claimed)), body_for(claimed, today, within), to=[user.email]
            ).send()
        except Exception as error:  # any mail failure: retry on a later run
            release(user, claimed, today)
            run.failed.append((user_id, type(error).__name__))
            record(
                "reminder.send",
                user,
                Outcome.FAILED,
                board_id=boards.pop() if len(boards) == 1 else None,
                detail={**detail, "error": type(error).__name__},
                actor=None,
                context=SYSTEM,
            )
            continue
        record(
            "reminder.send",
            user,
            actor=None,
            context=SYSTEM,
            board_id=boards.pop() if len(boards) == 1 else None,
            detail=detail,
        )
        run.sent += len(claimed)
        run.people += 1
    return run


@dataclass(frozen=True)
class Sent:
    on: date
    to: str
    status: str  # the obligation's status that day: overdue or due


def reminders_sent(case: Notification, results: list[Result]) -> list[tuple[Result, list[Sent]]]:
    """The reminders already recorded for each of `results` (the case's obligations, in the
    order given) that has any, newest first: two queries whatever their number."""
    ids = [r.obligation.id for r in results]
    rows = list(
        ReminderSent.objects.filter(case_id=case.pk, obligation__in=ids).order_by(
            "-sent_on", "recipient_id"
        )
    )
    names = {
        u.pk: u.get_full_name() or u.username
        for u in get_user_model()._base_manager.filter(pk__in={r.recipient_id for r in rows})
    }
    by_obligation: dict[str, list[Sent]] = defaultdict(list)
    for row in rows:
        by_obligation[row.obligation].append(
            Sent(row.sent_on, names.get(row.recipient_id, "a former member"), row.status)
        )
    return [
        (r, by_obligation[r.obligation.id]) for r in results if r.obligation.id in by_obligation
    ]
