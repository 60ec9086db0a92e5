"""Actions due or overdue: reminded by `casereview send-reminders` and shown in each
person's home ("Your work").

- Due: within DUE_WITHIN days of the target date and not completed: the owner agency's
  leads (its agency authors) are told once.
- Overdue: past the target date and not completed: the leads and the board's managers are
  told once (the escalation); the action records when it was escalated.

Each (action, kind, person) is sent exactly once: an ActionReminder row is inserted first,
its unique constraint turning a second attempt into a skip; if the mail fails the rows are
removed so that a later run retries. E-mails carry the review reference, the target date
and a link: no names of the family, no text of the action."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Membership
from casereview.accounts.roles import Role
from casereview.audit.context import SYSTEM
from casereview.audit.services import record
from casereview.reviews.my_work import Item
from casereview.reviews.reminders import hold_person

from .models import Action, ActionReminder, ReminderKind
from .rag import DONE

DUE_WITHIN = timedelta(days=14)


def _open_actions():
    return Action.objects.filter(withdrawn_at__isnull=True).exclude(status__in=DONE)


def _wanted(today: date) -> list[tuple[Action, str]]:
    rows = (
        _open_actions()
        .filter(target_date__lte=today + DUE_WITHIN)
        .select_related("review", "owner_agency")
    )
    return [(a, ReminderKind.OVERDUE if a.target_date < today else ReminderKind.DUE) for a in rows]


def _people(actions: list[tuple[Action, str]]) -> dict[int, tuple]:
    """{user id: (user, [(action, kind), ...])}: each action's owner agency's leads, and
    for an overdue one its board's managers."""
    agencies = {a.owner_agency_id for a, _ in actions}
    boards = {a.review.board_id for a, k in actions if k == ReminderKind.OVERDUE}
    members = Membership.objects.filter(user__is_active=True).filter(
        Q(role=Role.AGENCY_AUTHOR, agency_id__in=agencies)
        | Q(role=Role.BOARD_MANAGER, board_id__in=boards)
    )
    leads, managers = defaultdict(list), defaultdict(list)
    for m in members.select_related("user"):
        if m.role == Role.AGENCY_AUTHOR:
            leads[(m.board_id, m.agency_id)].append(m.user)
        else:
            managers[m.board_id].append(m.user)
    out: dict[int, tuple] = {}
    for action, kind in actions:
        told = list(leads[(action.review.board_id, action.owner_agency_id)])
        if kind == ReminderKind.OVERDUE:
            told += managers[action.review.board_id]
        for user in told:
            entry = out.setdefault(user.pk, (user, []))
            if (action, kind) not in entry[1]:
                entry[1].append((action, kind))
    return out


def _claim(user, items, today) -> list:
    claimed = []
    with transaction.atomic():
        hold_person(user)
        for action, kind in items:
            try:
                with transaction.atomic():
                    ActionReminder.objects.create(
                        action=action, kind=kind, recipient_id=user.pk, sent_on=today
                    )
            except IntegrityError:
                continue
            claimed.append((action, kind))
    return claimed


def body(items) -> str:
    lines = ["These actions from serious case reviews need your attention:", ""]
    for action, kind in sorted(items, key=lambda i: i[0].target_date):
        state = "overdue since" if kind == ReminderKind.OVERDUE else "due by"
        lines.append(
            f"- Review {action.review.reference}, {action.owner_agency.name}: {state} "
            f"{action.target_date:%-d %B %Y}. See "
            + reverse("learning:action", args=[action.review_id, action.pk])
        )
    lines += ["", "Names of people in the cases are left out of this e-mail."]
    return "\n".join(lines)


def send_action_reminders(today: date, within: int, dry_run: bool) -> tuple[int, int]:
    """Registered with reviews.reminders: the reminders sent and people reminded."""
    wanted = _wanted(today)
    if not wanted:
        return 0, 0
    already = set(
        ActionReminder.objects.filter(action__in=[a for a, _ in wanted]).values_list(
            "action_id", "kind", "recipient_id"
        )
    )
    sent = people = 0
    for user_id, (user, items) in _people(wanted).items():
        fresh = [(a, k) for a, k in items if (a.pk, k, user_id) not in already]
        if not fresh or not user.email:
            continue
        if dry_run:
            sent, people = sent + len(fresh), people + 1
            continue
        claimed = _claim(user, fresh, today)
        if not claimed:
            continue
        try:
            EmailMessage(
                "Serious case reviews: actions due or overdue", body(claimed), to=[user.email]
            ).send()
        except Exception:  # retry on a later run
            ActionReminder.objects.filter(
                recipient_id=user_id, action__in=[a for a, _ in claimed], sent_on=today
            ).delete()
            continue
        overdue = [a.pk for a, k in claimed if k == ReminderKind.OVERDUE]
        if overdue:
            Action.objects.filter(pk__in=overdue, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
        record(
            "action.remind",
            user,
            actor=None,
            context=SYSTEM,
            board_id=claimed[0][0].review.board_id,
            detail={"actions": [str(a.pk) for a, _ in claimed], "sent_on": today.isoformat()},
        )
        sent, people = sent + len(claimed), people + 1
    return sent, people


def work_items(user, role: str, boards: set[int], today: date) -> list[Item]:
    """ "Your work": an agency lead's open actions due within DUE_WITHIN or overdue; a board
    manager's overdue actions across the board's reviews."""
    if role not in (Role.AGENCY_AUTHOR, Role.BOARD_MANAGER):
        return []
    rows = (
        _open_actions()
        .visible_to(user, "section.learning")
        .filter(review__board_id__in=boards)
        .select_related("review", "owner_agency")
    )
    if role == Role.AGENCY_AUTHOR:
        rows = rows.filter(
            owner_agency_id__in=Membership.objects.filter(
                user=user, role=Role.AGENCY_AUTHOR
            ).values("agency_id"),
            target_date__lte=today + DUE_WITHIN,
        )
    else:
        rows = rows.filter(target_date__lt=today)
    return [
        Item(
            what=f"Action of {a.owner_agency.name}: progress is "
            + ("overdue" if a.target_date < today else "due"),
            reference=a.review.reference,
            url=reverse("learning:action", args=[a.review_id, a.pk]),
            due=a.target_date,
            overdue=a.target_date < today,
        )
        for a in rows.order_by("target_date")[:50]
    ]
