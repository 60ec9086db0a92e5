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
from casereview.lib.date_rules import check_dates, date_problems, long_date
from casereview.procedure import catalogue, citations

from . import decision_guard
from .amendments import NOTHING_CHANGED, amend
from .dates import (
    CHILD_DATES,
    CONSIDERED_DATES,
    DECISION_DATES,
    KEY_DATE,
    NOTIFICATION_DATES,
    PAUSE_DATES,
    PERSON_DATES,
    RESTART_DATES,
    TASK_DATES,
    case_bounds,
    notification_bounds,
)
from .duplicates import PossibleDuplicate, possible_duplicates
from .models import (
    ChildConsidered,
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
    other_children_q,
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
    key_dates = list(key_dates)
    if any(a.board_id != board.pk for a in agencies):
        raise ValidationError({"agencies": "Choose agencies of this board"})
    check_notification_dates(fields, child, key_dates)
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


def check_notification_dates(fields: dict, child: dict, key_dates: list[tuple[date, str]]):
    """The notification's dates keep the date rules (docs/dates.md): the incident and the
    death not before the child's birth nor in the future, the death not before the
    incident, key dates not in the future."""
    bounds = notification_bounds(
        child.get("date_of_birth"), pre_birth_allowed=bool(child.get("unborn"))
    )
    problems = date_problems(child, CHILD_DATES, bounds)
    problems |= date_problems(fields, NOTIFICATION_DATES, bounds)
    for when, _ in key_dates:
        if message := date_problems({"key_date": when}, {"key_date": KEY_DATE}, bounds):
            problems.setdefault("key_dates", f"{message['key_date']}: {long_date(when)}")
    if problems:
        raise ValidationError(problems)


def check_person_dates(person: Person) -> None:
    """A person's date of birth keeps the date rules; the child's not after the incident
    or the death already recorded (the other dates are checked against it)."""
    values = {"date_of_birth": person.date_of_birth}
    if person.kind != PersonKind.CHILD:
        check_dates(values, PERSON_DATES)
        return
    check_dates(values, CHILD_DATES)
    # The case's other dates are checked against the child's date of birth, so a corrected
    # date of birth must not come after the incident (or the death) already recorded.
    case = person.notification
    bounds = case_bounds(case)
    if person.date_of_birth is None or bounds.pre_birth_allowed:
        return
    for when, label in (
        (case.incident_date, "the date of the incident"),
        (case.date_of_death, "the date of death"),
    ):
        if when and person.date_of_birth > when:
            raise ValidationError(
                {"date_of_birth": f"Date of birth must be on or before {label} ({long_date(when)})"}
            )


def save_person(person: Person, *, actor, context: RequestContext, created: bool) -> Person:
    check_person_dates(person)
    with transaction.atomic():
        person.full_clean()
        person.save()
        record(
            "person.create" if created else "person.update", person, actor=actor, context=context
        )
    return person


def other_children(notification: Notification) -> list[Person]:
    """The register's other children: those 19.1 asks the board to consider."""
    return list(notification.people.filter(other_children_q()))


def unsettled_children(notification: Notification) -> list[str]:
    """Why the 19.1 step cannot be recorded yet, one line a child (no names: the page
    names them)."""
    considered = {c.person_id: c for c in notification.children_considered.all()}
    lines = []
    for person in other_children(notification):
        row = considered.get(person.pk)
        if row is None:
            lines.append(f"{person.full_name} has not been considered")
        elif not row.is_settled:
            lines.append(
                f"{person.full_name}: record a referral or strategy discussion with its date"
            )
    return lines


CHILD_CONSIDERED = "Another child considered for risk of harm"
CHILD_ALREADY_CONSIDERED = (
    "This child was already considered: enter the reason for changing the assessment"
)
_CONSIDERED_FACTS = ("assessment", "note", "action", "action_on")


def consider_child(
    task: Task,
    *,
    actor,
    context: RequestContext,
    person: Person | None,
    new_child: dict | None = None,
    assessment: str,
    note: str,
    action: str,
    action_on: date | None,
    reason: str = "",
) -> ChildConsidered:
    """Record one child considered under 19.1; a child not yet in the register is added to
    it as another child. A child already considered is corrected with a reason, and the
    earlier assessment is kept in the case's history (cases/amendments.py)."""
    if task.kind != TaskKind.OTHER_CHILDREN:
        raise ValidationError("Children are considered only in the step for other children")
    notification = task.notification
    check_dates({"action_on": action_on}, CONSIDERED_DATES, case_bounds(notification))
    facts = {"assessment": assessment, "note": note, "action": action, "action_on": action_on}
    with transaction.atomic():
        if person is None:
            person = Person(
                board=notification.board,
                notification=notification,
                kind=PersonKind.OTHER_CHILD,
                **(new_child or {}),
            )
            person.full_clean()
            person.save()
            record("person.create", person, actor=actor, context=context)
        elif person.notification_id != notification.pk:
            raise ValidationError({"person": "Choose a child of this case"})
        existing = ChildConsidered.objects.filter(notification=notification, person=person).first()
        if existing is not None:
            return _correct_child_considered(
                existing, facts, actor=actor, context=context, reason=reason
            )
        row = ChildConsidered.objects.create(
            board=notification.board,
            notification=notification,
            person=person,
            recorded_by=actor,
            recorded_at=timezone.now(),
            **facts,
        )
        record(
            "task.child_considered",
            task,
            actor=actor,
            context=context,
            detail={"assessment": assessment, "action": action, "corrected": False},
        )
    return row


def _correct_child_considered(
    row: ChildConsidered, facts: dict, *, actor, context: RequestContext, reason: str
) -> ChildConsidered:
    """A changed assessment of a child already considered: kept with who, when and why."""
    if all(getattr(row, name) == value for name, value in facts.items()):
        raise ValidationError(NOTHING_CHANGED)
    if not (reason or "").strip():
        raise ValidationError({"reason": CHILD_ALREADY_CONSIDERED})
    amend(
        row,
        {**facts, "recorded_by": actor, "recorded_at": timezone.now()},
        notification=row.notification,
        reason=reason,
        label=CHILD_CONSIDERED,
        action="child_considered.amended",
        actor=actor,
        context=context,
        fields=[*_CONSIDERED_FACTS, "recorded_by", "recorded_at"],
    )
    row.refresh_from_db()
    return row


def complete_task(task: Task, *, actor, context: RequestContext, done_on: date, note: str) -> Task:
    if task.is_done:
        raise ValidationError("This step has already been recorded")
    check_dates({"done_on": done_on}, TASK_DATES, case_bounds(task.notification))
    if task.kind == TaskKind.OTHER_CHILDREN:
        unsettled = unsettled_children(task.notification)
        if unsettled:
            raise ValidationError(
                "Before recording this step: "
                + "; ".join(unsettled)
                + f" ({citations.for_case(task.notification)['other_children']})"
            )
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
    check_dates({"decided_on": decided_on}, DECISION_DATES, case_bounds(notification))
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
                "The panel must record its recommendation before the chair decides "
                f"({citations.for_case(notification)['panel_recommendation']})"
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
            criteria_result=screen_notification(notification).recommendation,
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
    check_dates({"starts_on": starts_on}, PAUSE_DATES, case_bounds(notification))
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
        check_dates(
            {"ends_on": ends_on, "starts_on": pause.starts_on},
            RESTART_DATES,
            case_bounds(notification),
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
