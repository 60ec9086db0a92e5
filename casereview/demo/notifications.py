"""Writing case plans through the cases services (demo and board scales): the
notification, its people, tasks, panel recommendation and decision, each with its audit
event, then the business dates moved back to when they happened."""

from __future__ import annotations

import random

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases.models import (
    ChildConsidered,
    Decision,
    Notification,
    PanelRecommendation,
    Person,
    RiskAssessment,
    SafeguardingAction,
    Task,
    TaskKind,
)
from casereview.cases.references import reset_counters, review_reference
from casereview.cases.services import (
    complete_task,
    consider_child,
    create_notification,
    other_children,
    record_decision,
    record_panel_recommendation,
    save_person,
)
from casereview.reviews.models import Review, StatusChange

from . import case_duties
from .boards import BoardContext
from .case_plans import CasePlan

# The 19.1 step as the case plans tell it: a strategy discussion, and each other child in
# the household seen and assessed as safe with protective adults.
SIBLING_ASSESSMENT = "Seen at home with a protective adult; no concerns for this child's safety."


def sibling_considered(board, notification, person, actor, when) -> ChildConsidered:
    """A sibling considered under 19.1, for the bulk writer (national scale)."""
    return ChildConsidered(
        board=board,
        notification=notification,
        person=person,
        assessment=RiskAssessment.NOT_AT_RISK,
        note=SIBLING_ASSESSMENT,
        action=SafeguardingAction.STRATEGY,
        action_on=timezone.localdate(when),
        recorded_by=actor,
        recorded_at=when,
    )


TASK_NOTES_RECORDS = (
    "Records secured and copied to the review file; originals locked.",
    "Electronic record restricted and paper file placed in the safe.",
    "Records secured; access limited to the named safeguarding lead.",
)


def write_via_services(plan: CasePlan, rng: random.Random) -> Notification:
    ctx = plan.ctx
    notification = create_notification(
        board=ctx.board,
        actor=plan.creator,
        context=SYSTEM,
        fields=plan.fields,
        child=plan.child,
        agencies=plan.agencies,
        key_dates=plan.key_dates,
    )
    # Received when the plan says, before anything else is recorded: the date rules refuse
    # steps and decisions dated before the notification.
    Notification.objects.filter(pk=notification.pk).update(received_at=plan.received_at)
    Task.objects.filter(notification=notification).update(due_at=plan.received_at)
    notification.received_at = plan.received_at
    for person in plan.family:
        save_person(
            Person(board=ctx.board, notification=notification, **person),
            actor=ctx.manager,
            context=SYSTEM,
            created=True,
        )
    by_agency = {a.pk: id(a) for a in plan.agencies}
    completed: dict = {}
    for task in notification.tasks.all():
        if task.kind == TaskKind.OTHER_CHILDREN:
            when, note = plan.other_children_done, plan.other_children_note
            actor = ctx.manager
        else:
            key = by_agency[task.agency_id]
            when, note = plan.records_done[key], rng.choice(TASK_NOTES_RECORDS)
            actor = ctx.authors.get(key, ctx.manager)
        if when is None:
            continue
        if task.kind == TaskKind.OTHER_CHILDREN:
            for child in other_children(notification):
                consider_child(
                    task,
                    actor=actor,
                    context=SYSTEM,
                    person=child,
                    assessment=RiskAssessment.NOT_AT_RISK,
                    note=SIBLING_ASSESSMENT,
                    action=SafeguardingAction.STRATEGY,
                    action_on=timezone.localdate(when),
                )
        complete_task(
            task, actor=actor, context=SYSTEM, done_on=timezone.localdate(when), note=note
        )
        completed[task.pk] = when
    if plan.recommendation:
        recommendation, reasons, _ = plan.recommendation
        record_panel_recommendation(
            notification,
            actor=ctx.panel_chair,
            context=SYSTEM,
            recommendation=recommendation,
            reasons=reasons,
        )
    if plan.decision:
        outcome, reasons, dissent, decided_on, _ = plan.decision
        record_decision(
            notification,
            actor=ctx.chair,
            context=SYSTEM,
            outcome=outcome,
            reasons=reasons,
            dissent=dissent,
            decided_on=decided_on,
            confirm_departure=plan.confirm_departure,
        )
    # Post-date the business timestamps the services stamped with now (audit events keep
    # theirs: they are append-only).
    for pk, when in completed.items():
        Task.objects.filter(pk=pk).update(completed_at=when)
    if plan.recommendation:
        PanelRecommendation.objects.filter(notification=notification).update(
            recorded_at=plan.recommendation[2]
        )
    if plan.decision:
        recorded = plan.decision[4]
        Decision.objects.filter(notification=notification).update(recorded_at=recorded)
        Review.objects.filter(notification=notification).update(opened_at=recorded)
        StatusChange.objects.filter(review__notification=notification).update(changed_at=recorded)
    case_duties.record(notification, plan)
    return notification


def renumber(ctx: BoardContext, pairs: list[tuple[Notification, str]]) -> None:
    """Give the notifications references of the year they were received (the service
    numbers them in the year of loading), and set the board's reference counters to match.
    Two passes keep the unique constraint happy."""
    for i, (notification, _) in enumerate(pairs):
        # Temporary references fit the 30-character column (PostgreSQL enforces it).
        Notification.objects.filter(pk=notification.pk).update(reference=f"~{i:06d}")
        Review.objects.filter(notification=notification).update(reference=f"~{i:06d}")
    for notification, ref in pairs:
        Notification.objects.filter(pk=notification.pk).update(reference=ref)
        Review.objects.filter(notification=notification).update(reference=review_reference(ref))
    reset_counters(ctx.board)
