"""Corrections of a notification's records, each with a reason and its earlier version kept
(cases/amendments.py): the facts, the people register, the first steps and the chair's
decision."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import Agency
from casereview.audit.context import RequestContext
from casereview.lib.date_rules import check_dates

from .amendments import amend, keep, snapshot
from .dates import DECISION_DATES, TASK_DATES, case_bounds
from .models import (
    Amendment,
    AmendmentKind,
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    Person,
    PersonKind,
    Task,
    TaskKind,
)
from .review_opener import open_review
from .screening import screen_notification
from .services import check_notification_dates, check_person_dates
from .signals import decided_again

FACTS = "The notification's facts"
DECISION = "The chair's decision"
CHILD_NOT_REMOVED = (
    "The child cannot be removed from the register: correct the child's details instead"
)
REVIEW_IS_OPEN = (
    "A review is open for this case ({reference}), so the decision to hold it cannot be "
    "changed while it runs. Close the review first, recording why; then decide again."
)


NOTIFICATION_DATE_FIELDS = ("incident_date", "date_of_death")


def correct_notification(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    fields: dict,
    agencies: Iterable[Agency],
    reason: str,
    key_dates: Iterable[tuple[date, str]] | None = None,
) -> Amendment:
    """Correct the notification's facts, the agencies involved and (when given) the key
    dates. An agency added is asked to secure its records at once, as on notification
    (19.1)."""
    agencies = list(agencies)
    if any(a.board_id != notification.board_id for a in agencies):
        raise ValidationError({"agencies": "Choose agencies of this board"})
    wanted = {a.pk for a in agencies}

    key_dates = None if key_dates is None else list(key_dates)

    def involved() -> dict:
        ids = NotificationAgency.objects.filter(notification=notification).values_list(
            "agency_id", flat=True
        )
        dates = [
            f"{on.isoformat()} {text}"
            for on, text in KeyDate.objects.filter(notification=notification)
            .order_by("date", "id")
            .values_list("date", "description")
        ]
        return {"agencies": sorted(ids), "key_dates": dates}

    def apply() -> None:
        if key_dates is not None:
            KeyDate.objects.filter(notification=notification).delete()
            KeyDate.objects.bulk_create(
                KeyDate(notification=notification, date=on, description=text)
                for on, text in key_dates
            )
        current = set(involved()["agencies"])
        NotificationAgency.objects.filter(
            notification=notification, agency_id__in=current - wanted
        ).delete()
        for agency_id in sorted(wanted - current):
            NotificationAgency.objects.create(notification=notification, agency_id=agency_id)
            Task.objects.get_or_create(
                notification=notification,
                kind=TaskKind.RECORDS_SECURED,
                agency_id=agency_id,
                defaults={"board_id": notification.board_id, "due_at": timezone.now()},
            )

    fields = {k: v for k, v in fields.items() if hasattr(notification, k)}
    # The same date rules as when the incident was notified (docs/dates.md).
    child = notification.child
    check_notification_dates(
        {name: fields.get(name, getattr(notification, name)) for name in NOTIFICATION_DATE_FIELDS},
        {
            "date_of_birth": child.date_of_birth if child else None,
            "unborn": bool(child and child.unborn),
        },
        key_dates or [],
    )
    return amend(
        notification,
        fields,
        notification=notification,
        reason=reason,
        label=FACTS,
        action="notification.amended",
        actor=actor,
        context=context,
        fields=list(fields),
        extra=involved,
        apply=apply,
        exclude_from_clean=["agencies"],
    )


def _person_label(person: Person) -> str:
    # No name: the history page names the record by what it is.
    if person.kind == PersonKind.CHILD:
        return "The child's entry in the people register"
    return f"A person in the people register ({person.get_kind_display().lower()})"


def correct_person(
    person: Person, *, actor, context: RequestContext, values: dict, reason: str
) -> Amendment:
    corrected = copy.copy(person)
    for name, value in values.items():
        setattr(corrected, name, value)
    check_person_dates(corrected)
    return amend(
        person,
        values,
        notification=person.notification,
        reason=reason,
        label=_person_label(person),
        action="person.amended",
        actor=actor,
        context=context,
    )


def remove_person(person: Person, *, actor, context: RequestContext, reason: str) -> Amendment:
    """Take a person entered in error out of the register: kept, marked removed with the
    reason, and no longer seen by the register, the procedure's predicates or its checks."""
    if person.kind == PersonKind.CHILD:
        raise ValidationError(CHILD_NOT_REMOVED)
    return amend(
        person,
        {"removed_at": timezone.now(), "removed_reason": reason.strip()},
        notification=person.notification,
        reason=reason,
        label=_person_label(person),
        action="person.removed",
        kind=AmendmentKind.REMOVED,
        actor=actor,
        context=context,
    )


def correct_task(
    task: Task, *, actor, context: RequestContext, done_on: date, note: str, reason: str
) -> Amendment:
    """Correct a first step already recorded: the date it was done, or what was done."""
    if not task.is_done:
        raise ValidationError("This step has not been recorded yet: record it first")
    check_dates({"done_on": done_on}, TASK_DATES, case_bounds(task.notification))
    return amend(
        task,
        {"done_on": done_on, "note": note},
        notification=task.notification,
        reason=reason,
        label=f"First step: {task.title}",
        action="task.amended",
        actor=actor,
        context=context,
        fields=["done_on", "note", "completed_by", "completed_at"],
    )


def decision_to_look_at_again(decision: Decision | None) -> bool:
    """The facts were corrected after the decision so that the criteria now say something
    other than they said when the chair decided."""
    if decision is None or not decision.criteria_result:
        return False
    return screen_notification(decision.notification).recommendation != decision.criteria_result


_DECISION_FIELDS = [
    "outcome",
    "reasons",
    "dissent",
    "decided_on",
    "decided_by",
    "recorded_at",
    "criteria_result",
]


def redecide(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    outcome: str,
    reasons: str,
    dissent: str,
    decided_on: date,
    reason: str,
) -> Amendment:
    """The chair decides again; the earlier decision is kept in the history.

    Deciding to hold a review opens it if none is open. Once a review is open, the decision
    to hold it stands until the review is closed (the review's record is not undone by a
    change of mind; closing it records why)."""
    if not reasons.strip():
        raise ValidationError({"reasons": "Enter the reasons for the decision"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the decision is being made again"})
    check_dates({"decided_on": decided_on}, DECISION_DATES, case_bounds(notification))
    with transaction.atomic():
        decision = Decision.objects.select_for_update().filter(notification=notification).first()
        if decision is None:
            raise ValidationError("There is no decision yet: record the chair's decision")
        review = getattr(notification, "review", None)
        if (
            review is not None
            and outcome != DecisionOutcome.HOLD_REVIEW
            and review.status != "closed"
        ):
            raise ValidationError({"outcome": REVIEW_IS_OPEN.format(reference=review.reference)})
        before = snapshot(decision, _DECISION_FIELDS)
        decision.outcome = outcome
        decision.reasons = reasons
        decision.dissent = dissent
        decision.decided_on = decided_on
        decision.decided_by = actor
        decision.recorded_at = timezone.now()
        decision.criteria_result = screen_notification(notification).recommendation
        decision.full_clean()
        decision.save()
        if outcome == DecisionOutcome.HOLD_REVIEW and review is None:
            open_review(decision, actor=actor)
        decided_again.send(Decision, decision=decision, before=before)
        return keep(
            decision,
            notification=notification,
            before=before,
            after=snapshot(decision, _DECISION_FIELDS),
            kind=AmendmentKind.REDECIDED,
            reason=reason,
            label=DECISION,
            action="decision.redecided",
            actor=actor,
            context=context,
        )
