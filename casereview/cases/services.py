"""State changes for notifications: each checks its move, writes the rows and one audit
event in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from casereview.accounts import mail
from casereview.accounts.models import Agency, Board
from casereview.accounts.roles import Role
from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.procedure import catalogue

from . import decision_guard
from .duplicates import PossibleDuplicate, possible_duplicates
from .models import (
    ClockPause,
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    NotificationStatus,
    PanelRecommendation,
    Person,
    PersonKind,
    Task,
    TaskKind,
)
from .references import next_notification_reference
from .review_opener import open_review
from .screening import screen_notification


def create_notification(
    *,
    board: Board,
    actor,
    context: RequestContext,
    fields: dict,
    child: dict,
    agencies: Iterable[Agency],
    key_dates: Iterable[tuple[date, str]] = (),
    different_incident: bool = False,
) -> Notification:
    """Record a notification with its child, and open the first steps at once (19.1).

    A child already on the board's register (cases/duplicates.py) is flagged, and nothing
    saved, until the notifier confirms that this is a different incident; each flag is an
    audit event on the existing notification (kept: it is written before any rollback)."""
    agencies = list(agencies)
    if any(a.board_id != board.pk for a in agencies):
        raise ValidationError({"agencies": "Choose agencies of this board"})
    if not different_incident and (matches := possible_duplicates(board, child)):
        for match in matches:
            record(
                "notification.duplicate_flag",
                match.notification,
                actor=actor,
                context=context,
                detail={"matched_on": match.on},
            )
        raise PossibleDuplicate(matches)
    now = timezone.now()
    with transaction.atomic():
        regime = catalogue.start(board.default_regime)
        notification = Notification(
            board=board,
            reference=next_notification_reference(board, timezone.localdate(now).year),
            received_at=now,
            created_by=actor,
            regime=regime.id,
            regime_version=regime.version,
            **fields,
        )
        notification.full_clean(exclude=["agencies"])
        notification.save()
        Person.objects.create(
            board=board, notification=notification, kind=PersonKind.CHILD, **child
        )
        NotificationAgency.objects.bulk_create(
            NotificationAgency(notification=notification, agency=a) for a in agencies
        )
        KeyDate.objects.bulk_create(
            KeyDate(notification=notification, date=d, description=text) for d, text in key_dates
        )
        tasks = [
            Task(board=board, notification=notification, kind=TaskKind.OTHER_CHILDREN, due_at=now)
        ]
        tasks += [
            Task(
                board=board,
                notification=notification,
                kind=TaskKind.RECORDS_SECURED,
                agency=a,
                due_at=now,
            )
            for a in agencies
        ]
        Task.objects.bulk_create(tasks)
        detail = {"different_incident_confirmed": True} if different_incident else None
        record("notification.create", notification, actor=actor, context=context, detail=detail)
    return notification


def save_person(person: Person, *, actor, context: RequestContext, created: bool) -> Person:
    with transaction.atomic():
        person.full_clean()
        person.save()
        record(
            "person.create" if created else "person.update", person, actor=actor, context=context
        )
    return person


def complete_task(task: Task, *, actor, context: RequestContext, done_on: date, note: str) -> Task:
    if task.is_done:
        raise ValidationError("This step has already been recorded")
    with transaction.atomic():
        task.completed_at = timezone.now()
        task.completed_by = actor
        task.done_on = done_on
        task.note = note
        task.save(update_fields=["completed_at", "completed_by", "done_on", "note"])
        record("task.complete", task, actor=actor, context=context, detail={"kind": task.kind})
    return task


def record_panel_recommendation(
    notification: Notification, *, actor, context: RequestContext, recommendation: str, reasons: str
) -> PanelRecommendation:
    result = screen_notification(notification)
    with transaction.atomic():
        if _locked(notification).status == NotificationStatus.DECIDED:
            raise ValidationError("The chair has already decided; the recommendation is closed")
        rec, created = PanelRecommendation.objects.update_or_create(
            notification=notification,
            defaults={
                "board": notification.board,
                "criteria_result": result.outcome_id,
                "recommendation": recommendation,
                "reasons": reasons,
                "recorded_by": actor,
                "recorded_at": timezone.now(),
            },
        )
        notification.status = NotificationStatus.RECOMMENDED
        notification.save(update_fields=["status"])
        record(
            "screening.recommend",
            notification,
            actor=actor,
            context=context,
            detail={"recommendation": recommendation, "criteria": result.outcome_id},
        )
        if created:
            mail.tell(
                "decision_awaited",
                board_id=notification.board_id,
                obj=notification,
                reference=notification.reference,
                link=reverse("cases:decision", args=[notification.pk]),
                role=Role.BOARD_CHAIR,
            )
    return rec


def _locked(notification: Notification) -> Notification:
    """The notification's row, locked until the transaction ends (on SQLite the immediate
    transaction already holds the write lock)."""
    return Notification.objects.select_for_update().only("status").get(pk=notification.pk)


def already_decided(decision: Decision) -> str:
    at = timezone.localtime(decision.recorded_at)
    return (
        "A decision has already been recorded for this notification: "
        f"{decision.get_outcome_display().lower()}, by {decision.decided_by.display_name()} "
        f"on {dateformat.format(at, 'j F Y')} at {dateformat.format(at, 'H:i')}"
    )


def record_decision(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    outcome: str,
    reasons: str,
    dissent: str,
    decided_on: date,
    confirm_departure: bool = False,
) -> Decision:
    if not reasons.strip():
        raise ValidationError({"reasons": "Enter the reasons for the decision"})
    screening = screen_notification(notification)
    with transaction.atomic():
        # Checked under the row lock: of simultaneous submissions one decides and the rest
        # are told so, instead of failing on the one-decision constraint.
        _locked(notification)
        earlier = Decision.objects.filter(notification=notification).select_related("decided_by")
        if earlier := earlier.first():
            raise ValidationError(already_decided(earlier))
        if not PanelRecommendation.objects.filter(notification=notification).exists():
            raise ValidationError(
                "The panel must record its recommendation before the chair decides (London 19.1)"
            )
        if problems := decision_guard.problems(
            screening, outcome=outcome, reasons=reasons, confirmed=confirm_departure
        ):
            raise ValidationError(problems)
        decision = Decision.objects.create(
            notification=notification,
            board=notification.board,
            outcome=outcome,
            reasons=reasons,
            dissent=dissent,
            departs_from=decision_guard.departs_from(screening, outcome),
            decided_on=decided_on,
            decided_by=actor,
            recorded_at=timezone.now(),
        )
        notification.status = NotificationStatus.DECIDED
        notification.save(update_fields=["status"])
        detail = {"outcome": outcome, "criteria": screening.outcome_id}
        if decision.departs_from:
            detail["departs_from_required_review"] = True
        if outcome == DecisionOutcome.HOLD_REVIEW:
            review = open_review(decision, actor=actor)
            detail["review"] = str(review.pk)
        record("decision.record", notification, actor=actor, context=context, detail=detail)
    return decision


def pause_clocks(
    notification: Notification, *, actor, context: RequestContext, starts_on: date, reason: str
):
    """Stop the procedure's clocks for this case from `starts_on` (e.g. criminal proceedings)."""
    with transaction.atomic():
        if notification.pauses.filter(ends_on__isnull=True).exists():
            raise ValidationError("The clocks are already paused; restart them first")
        pause = ClockPause.objects.create(
            board=notification.board,
            notification=notification,
            starts_on=starts_on,
            reason=reason,
            recorded_by=actor,
        )
        record(
            "clock.pause",
            notification,
            actor=actor,
            context=context,
            detail={"pause": str(pause.pk)},
        )
    return pause


def restart_clocks(notification: Notification, *, actor, context: RequestContext, ends_on: date):
    with transaction.atomic():
        pause = notification.pauses.filter(ends_on__isnull=True).first()
        if pause is None:
            raise ValidationError("The clocks are not paused")
        if ends_on < pause.starts_on:
            raise ValidationError(
                {"ends_on": "The restart date must be on or after the pause began"}
            )
        pause.ends_on = ends_on
        pause.save(update_fields=["ends_on"])
        record(
            "clock.restart",
            notification,
            actor=actor,
            context=context,
            detail={"pause": str(pause.pk)},
        )
    return pause
