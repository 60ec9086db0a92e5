"""Writes of the learning record: lessons, their themes, recommendations, the board's
response, actions, progress and verification. Each checks its dates and its move, writes in
one transaction and records one audit event."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.documents import services as documents
from casereview.lib.date_rules import check_dates
from casereview.reviews.dates import review_bounds
from casereview.reviews.models import Review

from . import vocabulary
from .dates import (
    ACTION_DATES,
    PROGRESS_DATES,
    RECOMMENDATION_DATES,
    RESPONSE_DATES,
    VERIFIED_AFTER_COMPLETION,
    VERIFIED_DATES,
)
from .models import (
    Action,
    ActionStatus,
    BoardResponse,
    Lesson,
    LessonCategory,
    Rag,
    Recommendation,
    RecommendationLevel,
    ResponseKind,
    ThemeTag,
    Verification,
)

CONFLICT = (
    "Someone else saved this action while you were editing. What is saved now is shown; "
    "your update is kept in the form below: check it, then save again."
)
LESSON_CONFLICT = (
    "Someone else changed this lesson while you were editing. Your text is kept below: "
    "check it against what is saved now, then save again."
)
NO_EVIDENCE = "Describe the evidence of impact: a change cannot be verified without it"


class Conflict(ValidationError):
    """The record changed since the form was read (optimistic locking)."""

    def __init__(self, message: str = CONFLICT):
        super().__init__(message, code="conflict")


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason"})
    return reason


def _bump(model, obj, lock_version: int, message: str, **fields) -> None:
    """Save `fields` only if nobody saved `obj` since `lock_version` was read."""
    updated = model.objects.filter(pk=obj.pk, lock_version=lock_version).update(
        lock_version=F("lock_version") + 1, **fields
    )
    if not updated:
        raise Conflict(message)
    obj.refresh_from_db()


# --- Lessons -----------------------------------------------------------------------------


def _national_record_follows(review: Review, *, actor, context: RequestContext) -> None:
    """The lessons and their themes are part of the review's national record: a change after
    the board's sign-off replaces the stored record (coding.after_change)."""
    from .coding import after_change

    after_change(review, actor=actor, context=context)


def _check_links(review: Review, episodes, entries) -> None:
    if any(e.review_id != review.pk for e in episodes) or any(
        e.review_id != review.pk for e in entries
    ):
        raise ValidationError("Link only this review's episodes and chronology entries")


def add_lesson(
    review: Review,
    *,
    actor,
    context: RequestContext,
    text: str,
    category: str,
    episodes=(),
    entries=(),
) -> Lesson:
    if category not in LessonCategory.values:
        raise ValidationError({"category": "Choose a category"})
    _check_links(review, episodes, entries)
    with transaction.atomic():
        lesson = Lesson.objects.create(
            review=review,
            text=text,
            category=category,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        lesson.episodes.set(episodes)
        lesson.entries.set(entries)
        record("lesson.add", lesson, actor=actor, context=context, detail={"category": category})
    return lesson


def edit_lesson(
    lesson: Lesson,
    *,
    actor,
    context: RequestContext,
    text: str,
    category: str,
    lock_version: int,
    episodes=(),
    entries=(),
) -> Lesson:
    if lesson.withdrawn_at:
        raise ValidationError("This lesson is withdrawn")
    _check_links(lesson.review, episodes, entries)
    with transaction.atomic():
        _bump(Lesson, lesson, lock_version, LESSON_CONFLICT, text=text, category=category)
        lesson.episodes.set(episodes)
        lesson.entries.set(entries)
        record("lesson.edit", lesson, actor=actor, context=context, detail={"category": category})
        _national_record_follows(lesson.review, actor=actor, context=context)
    return lesson


def withdraw_lesson(lesson: Lesson, *, actor, context: RequestContext, reason: str) -> Lesson:
    """Entered in error: kept with the reason, no longer counted."""
    reason = _require_reason(reason)
    if lesson.withdrawn_at:
        raise ValidationError("This lesson is already withdrawn")
    with transaction.atomic():
        lesson.withdrawn_at = timezone.now()
        lesson.withdrawn_reason = reason
        lesson.lock_version += 1
        lesson.save(update_fields=["withdrawn_at", "withdrawn_reason", "lock_version"])
        record("lesson.withdraw", lesson, actor=actor, context=context)
        _national_record_follows(lesson.review, actor=actor, context=context)
    return lesson


def agree_lessons(review: Review, *, actor, context: RequestContext) -> int:
    """The panel agrees the review's lessons; the referrer and the involved agencies' leads
    are told (learning/closing.py)."""
    from .closing import tell_lessons_agreed

    live = review.lessons.filter(withdrawn_at__isnull=True, agreed_at__isnull=True)
    with transaction.atomic():
        lessons = list(live)
        if not lessons and not review.lessons.filter(withdrawn_at__isnull=True).exists():
            raise ValidationError("Record at least one lesson first")
        now = timezone.now()
        for lesson in lessons:  # saves, so that compliance is kept current
            lesson.agreed_at = now
            lesson.save(update_fields=["agreed_at"])
        record("lesson.agree", review, actor=actor, context=context, detail={"count": len(lessons)})
        tell_lessons_agreed(review)
    return len(lessons)


def tag_lesson(
    lesson: Lesson,
    *,
    actor,
    context: RequestContext,
    code: str,
    span_start: int,
    span_end: int,
    confidence: Decimal | float = 1,
    assigned_via: str = "person",
    confirmed: bool = False,
) -> ThemeTag:
    if not vocabulary.is_code(code):
        raise ValidationError({"code": "Choose a theme of the national vocabulary"})
    if not 0 <= span_start <= span_end <= len(lesson.text):
        raise ValidationError({"span_start": "The evidence must be words of the lesson"})
    if not 0 <= Decimal(str(confidence)) <= 1:
        raise ValidationError({"confidence": "Confidence is between 0 and 1"})
    with transaction.atomic():
        tag, _ = ThemeTag.objects.update_or_create(
            lesson=lesson,
            code=code,
            defaults=dict(
                review=lesson.review,
                span_start=span_start,
                span_end=span_end,
                confidence=Decimal(str(confidence)),
                assigned_by=actor if assigned_via == "person" else None,
                assigned_via=assigned_via,
                confirmed=confirmed or assigned_via == "person",
                rejected=False,
            ),
        )
        record("lesson.tag", lesson, actor=actor, context=context, detail={"code": code})
        _national_record_follows(lesson.review, actor=actor, context=context)
    return tag


# --- Recommendations and the board's response ----------------------------------------


def add_recommendation(
    review: Review,
    *,
    actor,
    context: RequestContext,
    text: str,
    level: str,
    kind: str,
    made_on: date,
    agency=None,
    lessons=(),
    types=(),
) -> Recommendation:
    from .coding import after_change, recommendation_types

    types = recommendation_types(types)
    check_dates({"made_on": made_on}, RECOMMENDATION_DATES, review_bounds(review))
    if level == RecommendationLevel.AGENCY and agency is None:
        raise ValidationError({"agency": "Choose the agency the recommendation is made to"})
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({"agency": "Choose an agency of this board"})
    if any(lesson.review_id != review.pk for lesson in lessons):
        raise ValidationError({"lessons": "Link only this review's lessons"})
    with transaction.atomic():
        # Numbered in order within the review; the row lock keeps numbers unique.
        Review.objects.select_for_update().filter(pk=review.pk).first()
        number = (
            Recommendation.objects.filter(review=review)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
            or 0
        ) + 1
        rec = Recommendation.objects.create(
            review=review,
            number=number,
            text=text,
            level=level,
            kind=kind,
            agency=agency if level == RecommendationLevel.AGENCY else None,
            types=types,
            made_on=made_on,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        rec.lessons.set(lessons)
        record(
            "recommendation.add",
            rec,
            actor=actor,
            context=context,
            detail={"level": level, "kind": kind, "types": types},
        )
        if types:
            after_change(review, actor=actor, context=context)
    return rec


def respond(
    recommendation: Recommendation,
    *,
    actor,
    context: RequestContext,
    kind: str,
    reasons: str,
    responded_on: date,
) -> BoardResponse:
    reasons = (reasons or "").strip()
    if kind not in ResponseKind.values:
        raise ValidationError({"kind": "Choose the board's response"})
    if kind != ResponseKind.ACCEPTED and not reasons:
        raise ValidationError(
            {"reasons": "Give the reasons: the board accepts this in part or not at all"}
        )
    check_dates(
        {"responded_on": responded_on, "made_on": recommendation.made_on},
        RESPONSE_DATES,
        review_bounds(recommendation.review),
    )
    if BoardResponse.objects.filter(recommendation=recommendation).exists():
        # A response recorded wrongly is corrected with a reason (learning/corrections.py).
        raise ValidationError(
            {"kind": "The board has responded: correct its response, giving the reason"}
        )
    with transaction.atomic():
        BoardResponse.objects.create(
            recommendation=recommendation,
            review=recommendation.review,
            kind=kind,
            reasons=reasons,
            responded_on=responded_on,
            responded_by=actor,
        )
        response = BoardResponse.objects.get(recommendation=recommendation)
        record(
            "recommendation.respond",
            recommendation,
            actor=actor,
            context=context,
            detail={"kind": kind},
        )
    return response


# --- Actions ---------------------------------------------------------------------------


def add_action(
    recommendation: Recommendation,
    *,
    actor,
    context: RequestContext,
    owner_agency,
    owner: str,
    description: str,
    expected_change: str,
    measure: str,
    evidence_required: str,
    target_date: date,
) -> Action:
    review = recommendation.review
    if owner_agency.board_id != review.board_id:
        raise ValidationError({"owner_agency": "Choose an agency of this board"})
    check_dates(
        {"target_date": target_date, "made_on": recommendation.made_on},
        ACTION_DATES,
        review_bounds(review),
    )
    with transaction.atomic():
        action = Action.objects.create(
            review=review,
            recommendation=recommendation,
            owner_agency=owner_agency,
            owner=owner,
            description=description,
            expected_change=expected_change,
            measure=measure,
            evidence_required=evidence_required,
            target_date=target_date,
            created_by=actor,
            created_at=timezone.now(),
        )
        record(
            "action.add", action, actor=actor, context=context, detail={"agency": owner_agency.pk}
        )
    return action


UPDATABLE = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED)


def update_action(
    action: Action,
    *,
    actor,
    context: RequestContext,
    lock_version: int,
    status: str,
    rag: str,
    text: str,
    on: date,
    upload=None,
):
    """A progress update: the new status and RAG, what was done, and an attached file of
    evidence. Refused as a conflict if someone saved the action since it was read."""
    if action.status == ActionStatus.VERIFIED:
        raise ValidationError("The change is verified: this action is closed")
    if status not in UPDATABLE:
        raise ValidationError({"status": "Choose not started, in progress or completed"})
    if rag and rag not in Rag.values:
        raise ValidationError({"rag": "Choose red, amber or green"})
    if not (text or "").strip():
        raise ValidationError({"text": "Describe the progress"})
    check_dates(
        {"on": on, "made_on": action.recommendation.made_on},
        PROGRESS_DATES,
        review_bounds(action.review),
    )
    with transaction.atomic():
        _bump(
            Action,
            action,
            lock_version,
            CONFLICT,
            status=status,
            rag=rag,
            rag_set_by=actor if rag else None,
            completed_on=on if status == ActionStatus.COMPLETED else None,
        )
        update = action.updates.create(
            review=action.review,
            text=text.strip(),
            on=on,
            status=status,
            written_by=actor,
            written_at=timezone.now(),
        )
        if upload is not None:
            documents.store(
                board=action.review.board,
                owner=update,
                upload=upload,
                actor=actor,
                context=context,
            )
        record(
            "action.update",
            action,
            actor=actor,
            context=context,
            detail={"status": status, "rag": rag, "evidence": upload is not None},
        )
    return update


def attach_evidence(update, *, actor, context: RequestContext, upload):
    """Another file of evidence for a progress update already recorded (the API attaches
    files one request at a time). The same checks as a file given with the update
    (documents.store); refused while the action is verified (closed) or the update withdrawn."""
    action = update.action
    if action.status == ActionStatus.VERIFIED:
        raise ValidationError("The change is verified: this action is closed")
    if update.withdrawn_at is not None:
        raise ValidationError("This update is withdrawn: attach the evidence to another")
    with transaction.atomic():
        document = documents.store(
            board=action.review.board, owner=update, upload=upload, actor=actor, context=context
        )
        record(
            "action.update",
            action,
            actor=actor,
            context=context,
            detail={"evidence": True, "update": str(update.pk), "document": str(document.pk)},
        )
    return document


def verify(
    action: Action,
    *,
    actor,
    context: RequestContext,
    evidence_kind: str,
    evidence: str,
    verified_on: date,
    measure_before: str = "",
    measure_after: str = "",
    lock_version: int | None = None,
) -> Verification:
    """The board's verification that the expected change happened: refused without the
    evidence of impact, and for an action not yet completed."""
    evidence = (evidence or "").strip()
    problems = {}
    if not evidence:
        problems["evidence"] = NO_EVIDENCE
    if evidence_kind == "data_measure" and not (measure_before and measure_after):
        problems["measure_before"] = "Give the measure before and after the change"
    if problems:
        raise ValidationError(problems)
    if action.status != ActionStatus.COMPLETED:
        raise ValidationError("Only a completed action's change can be verified")
    check_dates(
        {"verified_on": verified_on, "made_on": action.recommendation.made_on},
        VERIFIED_DATES,
        review_bounds(action.review),
    )
    check_dates(
        {"verified_on": verified_on, "completed_on": action.completed_on},
        VERIFIED_AFTER_COMPLETION,
        review_bounds(action.review),
    )
    with transaction.atomic():
        _bump(
            Action,
            action,
            action.lock_version if lock_version is None else lock_version,
            CONFLICT,
            status=ActionStatus.VERIFIED,
            rag=Rag.GREEN,
            rag_set_by=actor,
            verified_on=verified_on,
        )
        verification = Verification.objects.create(
            review=action.review,
            action=action,
            evidence_kind=evidence_kind,
            evidence=evidence,
            measure_before=measure_before,
            measure_after=measure_after,
            verified_on=verified_on,
            verified_by=actor,
        )
        record(
            "action.verify",
            action,
            actor=actor,
            context=context,
            detail={"evidence_kind": evidence_kind},
        )
        still_open = (
            Action.objects.filter(review_id=action.review_id, withdrawn_at__isnull=True)
            .exclude(status=ActionStatus.VERIFIED)
            .exists()
        )
        if not still_open:
            from .closing import tell_changes_verified

            tell_changes_verified(action.review)
    return verification
