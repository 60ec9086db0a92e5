"""Correcting what was entered wrongly: recommendations and actions corrected with a reason
(optimistic locking) or withdrawn with a reason; the board's response corrected with a
reason; a progress update or a verification withdrawn with a reason. Nothing is deleted: a
withdrawn row is kept with its reason and leaves the lists and the 19.2 obligations, and
each correction's audit event keeps the values it replaced."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.lib.date_rules import check_dates
from casereview.reviews.dates import review_bounds
from casereview.reviews.lifecycle import reopen_for_monitoring

from .coding import after_change, recommendation_types
from .dates import (
    ACTION_CORRECTED_DATES,
    ACTION_SET_DATES,
    RECOMMENDATION_DATES,
    RESPONSE_DATES,
)
from .models import (
    Action,
    ActionStatus,
    BoardResponse,
    ProgressUpdate,
    Rag,
    Recommendation,
    RecommendationLevel,
    ResponseKind,
    Verification,
)
from .services import Conflict, _bump, _require_reason

RECOMMENDATION_CONFLICT = (
    "Someone else changed this recommendation while you were editing. What is saved now is "
    "shown; your correction is kept in the form: check it, then save again."
)
ACTION_CONFLICT = (
    "Someone else changed this action while you were editing. What is saved now is shown; "
    "your correction is kept in the form: check it, then save again."
)


def _changes(obj, fields: dict) -> dict:
    """The fields that change, each with its old and new value (kept in the audit log)."""
    out = {}
    for name, new in fields.items():
        old = getattr(obj, f"{name}_id" if hasattr(obj, f"{name}_id") else name)
        new_value = getattr(new, "pk", new)
        if old != new_value:
            out[name] = {"old": _plain(old), "new": _plain(new_value)}
    return out


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


# --- Recommendations ----------------------------------------------------------------------


def correct_recommendation(
    rec: Recommendation,
    *,
    actor,
    context: RequestContext,
    lock_version: int,
    reason: str,
    text: str,
    level: str,
    kind: str,
    made_on: date,
    agency=None,
    lessons=(),
    types=(),
) -> Recommendation:
    reason = _require_reason(reason)
    types = recommendation_types(types)
    if rec.withdrawn_at:
        raise ValidationError("This recommendation is withdrawn")
    review = rec.review
    check_dates({"made_on": made_on}, RECOMMENDATION_DATES, review_bounds(review))
    if level == RecommendationLevel.AGENCY and agency is None:
        raise ValidationError({"agency": "Choose the agency the recommendation is made to"})
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({"agency": "Choose an agency of this board"})
    if any(lesson.review_id != review.pk for lesson in lessons):
        raise ValidationError({"lessons": "Link only this review's lessons"})
    if problem := _dated_before(rec, made_on):
        raise ValidationError({"made_on": problem})
    fields = dict(
        text=text,
        level=level,
        kind=kind,
        made_on=made_on,
        agency=agency if level == RecommendationLevel.AGENCY else None,
        types=types,
    )
    changes = _changes(rec, fields)
    with transaction.atomic():
        _bump(Recommendation, rec, lock_version, RECOMMENDATION_CONFLICT, **fields)
        rec.lessons.set(lessons)
        record(
            "recommendation.correct",
            rec,
            actor=actor,
            context=context,
            detail={"reason": reason, "changes": changes},
        )
        if "types" in changes:
            after_change(review, actor=actor, context=context)
    return rec


def _dated_before(rec: Recommendation, made_on: date) -> str | None:
    """What already recorded about the recommendation would precede it if it were made on
    `made_on`: the board's response, an action's target date, progress or verification (each
    follows the recommendation: learning/dates.py). None when nothing does."""
    response = BoardResponse.objects.filter(recommendation=rec).first()
    if response is not None and response.responded_on < made_on:
        return "The board's response to this recommendation is dated before this date"
    live = rec.actions.filter(withdrawn_at__isnull=True)
    if live.filter(target_date__lt=made_on).exists():
        return "An action of this recommendation has a target date before this date"
    progress = ProgressUpdate.objects.filter(
        action__in=live, withdrawn_at__isnull=True, on__lt=made_on
    )
    verified = Verification.objects.filter(
        action__in=live, withdrawn_at__isnull=True, verified_on__lt=made_on
    )
    if progress.exists() or verified.exists():
        return "Progress on an action of this recommendation is dated before this date"
    return None


def withdraw_recommendation(
    rec: Recommendation, *, actor, context: RequestContext, reason: str
) -> Recommendation:
    """Entered in error. Its live actions must be withdrawn first: an action carries out a
    recommendation, and the board's tracker must not keep an orphan."""
    reason = _require_reason(reason)
    if rec.withdrawn_at:
        raise ValidationError("This recommendation is already withdrawn")
    if rec.actions.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(
            {"reason": "Withdraw this recommendation's actions first: they carry it out"}
        )
    with transaction.atomic():
        _bump(
            Recommendation,
            rec,
            rec.lock_version,
            RECOMMENDATION_CONFLICT,
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason,
        )
        record("recommendation.withdraw", rec, actor=actor, context=context)
        if rec.types:
            after_change(rec.review, actor=actor, context=context)
    return rec


def correct_response(
    response: BoardResponse,
    *,
    actor,
    context: RequestContext,
    reason: str,
    kind: str,
    reasons: str,
    responded_on: date,
) -> BoardResponse:
    """The board's response recorded wrongly, corrected with the reason for the correction
    (the old response is kept in the audit event)."""
    reason = _require_reason(reason)
    reasons = (reasons or "").strip()
    if kind not in ResponseKind.values:
        raise ValidationError({"kind": "Choose the board's response"})
    if kind != ResponseKind.ACCEPTED and not reasons:
        raise ValidationError(
            {"reasons": "Give the reasons: the board accepts this in part or not at all"}
        )
    rec = response.recommendation
    check_dates(
        {"responded_on": responded_on, "made_on": rec.made_on},
        RESPONSE_DATES,
        review_bounds(rec.review),
    )
    fields = dict(kind=kind, reasons=reasons, responded_on=responded_on)
    changes = _changes(response, fields)
    with transaction.atomic():
        BoardResponse.objects.filter(pk=response.pk).update(responded_by=actor, **fields)
        response.refresh_from_db()
        record(
            "recommendation.response_correct",
            rec,
            actor=actor,
            context=context,
            detail={"reason": reason, "changes": changes},
        )
    return response


# --- Actions ------------------------------------------------------------------------------


def correct_action(
    action: Action,
    *,
    actor,
    context: RequestContext,
    lock_version: int,
    reason: str,
    owner_agency,
    owner: str,
    description: str,
    expected_change: str,
    measure: str,
    evidence_required: str,
    target_date: date,
) -> Action:
    """What the action says, corrected; its progress is changed by progress updates only."""
    reason = _require_reason(reason)
    if action.withdrawn_at:
        raise ValidationError("This action is withdrawn")
    if action.status == ActionStatus.VERIFIED:
        raise ValidationError("The change is verified: withdraw the verification first")
    if owner_agency.board_id != action.review.board_id:
        raise ValidationError({"owner_agency": "Choose an agency of this board"})
    dates = {
        "target_date": target_date,
        "made_on": action.recommendation.made_on,
        "set_on": action.set_on,
    }
    check_dates(dates, ACTION_CORRECTED_DATES, review_bounds(action.review))
    check_dates(dates, ACTION_SET_DATES)
    fields = dict(
        owner_agency=owner_agency,
        owner=owner,
        description=description,
        expected_change=expected_change,
        measure=measure,
        evidence_required=evidence_required,
        target_date=target_date,
    )
    changes = _changes(action, fields)
    with transaction.atomic():
        _bump(Action, action, lock_version, ACTION_CONFLICT, **fields)
        record(
            "action.correct",
            action,
            actor=actor,
            context=context,
            detail={"reason": reason, "changes": changes},
        )
    return action


def withdraw_action(action: Action, *, actor, context: RequestContext, reason: str) -> Action:
    reason = _require_reason(reason)
    if action.withdrawn_at:
        raise ValidationError("This action is already withdrawn")
    with transaction.atomic():
        _bump(
            Action,
            action,
            action.lock_version,
            ACTION_CONFLICT,
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason,
        )
        record("action.withdraw", action, actor=actor, context=context)
    return action


def withdraw_update(
    update: ProgressUpdate, *, actor, context: RequestContext, reason: str
) -> ProgressUpdate:
    """A progress update entered in error: kept with the reason; the action's status goes
    back to what its latest remaining update says (not started without one)."""
    reason = _require_reason(reason)
    if update.withdrawn_at:
        raise ValidationError("This progress update is already withdrawn")
    action = update.action
    if action.status == ActionStatus.VERIFIED:
        raise ValidationError("The change is verified: withdraw the verification first")
    with transaction.atomic():
        update.withdrawn_at = timezone.now()
        update.withdrawn_reason = reason
        update.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        latest = (
            action.updates.filter(withdrawn_at__isnull=True).order_by("on", "written_at").last()
        )
        status = latest.status if latest else ActionStatus.NOT_STARTED
        _bump(
            Action,
            action,
            action.lock_version,
            ACTION_CONFLICT,
            status=status,
            completed_on=latest.on if latest and status == ActionStatus.COMPLETED else None,
        )
        record(
            "action.update_withdraw",
            action,
            actor=actor,
            context=context,
            detail={"update": str(update.pk), "status": status},
        )
    return update


def withdraw_verification(
    verification: Verification, *, actor, context: RequestContext, reason: str
) -> Verification:
    """The board's verification recorded in error: kept with the reason; the action goes
    back to completed (awaiting a verification with evidence). A closed review goes back to
    monitoring: it was closed on every change being verified (19.2, closing_rule.py)."""
    reason = _require_reason(reason)
    if verification.withdrawn_at:
        raise ValidationError("This verification is already withdrawn")
    action = verification.action
    with transaction.atomic():
        verification.withdrawn_at = timezone.now()
        verification.withdrawn_reason = reason
        verification.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        _bump(
            Action,
            action,
            action.lock_version,
            ACTION_CONFLICT,
            status=ActionStatus.COMPLETED,
            rag=Rag.GREEN,
            verified_on=None,
        )
        record(
            "action.verify_withdraw",
            action,
            actor=actor,
            context=context,
            detail={"verified_on": verification.verified_on.isoformat()},
        )
        reopen_for_monitoring(
            action.review,
            actor=actor,
            context=context,
            reason="Back to monitoring: the verification of an action's change was withdrawn "
            f"as recorded in error ({reason})",
        )
    return verification


__all__ = [
    "Conflict",
    "correct_action",
    "correct_recommendation",
    "correct_response",
    "withdraw_action",
    "withdraw_recommendation",
    "withdraw_update",
    "withdraw_verification",
]
