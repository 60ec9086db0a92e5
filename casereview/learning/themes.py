"""Theme tags on a lesson: a person adds one with the words of the lesson that show it (the
quote must be found in the lesson), and confirms or rejects a tagger's suggestions
(learning/suggestions.py). Confirmed tags are what the national tagger trains on beside its
shipped set (casereview/national/themes/classifier.py, `with_confirmed`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.amendments import amend

from . import suggestions, vocabulary
from .coding import after_change
from .models import Lesson, ThemeTag
from .services import tag_lesson


def span_of(lesson: Lesson, quote: str) -> tuple[int, int]:
    """Where the quoted words are in the lesson (spacing and case as typed may differ)."""
    quote = " ".join((quote or "").split())
    if not quote:
        raise ValidationError({"evidence": "Quote the words of the lesson that show the theme"})
    text = lesson.text
    start = text.find(quote)
    if start < 0:
        start = text.lower().find(quote.lower())
    if start < 0:
        raise ValidationError(
            {"evidence": "These words are not in the lesson: quote them exactly as written"}
        )
    return start, start + len(quote)


def add_tag(
    lesson: Lesson, *, actor, context: RequestContext, code: str, evidence: str
) -> ThemeTag:
    if lesson.withdrawn_at:
        raise ValidationError("This lesson is withdrawn")
    if not vocabulary.is_code(code):
        raise ValidationError({"code": "Choose a theme of the national vocabulary"})
    existing = lesson.tags.filter(code=code, rejected=False).first()
    if existing is not None and existing.assigned_via == "person":
        raise ValidationError({"code": "This theme is already on the lesson"})
    start, end = span_of(lesson, evidence)
    return tag_lesson(
        lesson, actor=actor, context=context, code=code, span_start=start, span_end=end
    )


def pending(lesson: Lesson) -> list[suggestions.Suggested]:
    """The registered taggers' suggestions not yet on the lesson (nor rejected)."""
    decided = set(lesson.tags.values_list("code", flat=True))
    return [s for s in suggestions.suggest(lesson.text) if s.code not in decided]


def decide(
    lesson: Lesson,
    *,
    actor,
    context: RequestContext,
    code: str,
    confirm: bool,
    reason: str = "",
) -> ThemeTag:
    """Confirm or reject a tagger's suggestion: a stored one, or one the taggers make now
    (recomputed here, never taken from the form). A decision made in error is changed with a
    reason (`reason`): a correction that keeps the decision as it was (`lesson.tag_correct`)."""
    if lesson.withdrawn_at:
        raise ValidationError("This lesson is withdrawn")
    with transaction.atomic():
        tag = lesson.tags.select_for_update().filter(code=code).first()
        if tag is None:
            made = next((s for s in pending(lesson) if s.code == code), None)
            if made is None:
                raise ValidationError({"code": "No tagger suggests this theme now"})
            tag = ThemeTag.objects.create(
                review=lesson.review,
                lesson=lesson,
                code=code,
                span_start=made.span_start,
                span_end=made.span_end,
                confidence=round(made.confidence, 3),
                assigned_via=made.via[:60],
            )
        elif tag.confirmed or tag.rejected:
            return _change(
                lesson, tag, actor=actor, context=context, confirm=confirm, reason=reason
            )
        tag.confirmed, tag.rejected, tag.decided_by = confirm, not confirm, actor
        tag.save(update_fields=["confirmed", "rejected", "decided_by"])
        record(
            "lesson.tag_confirm" if confirm else "lesson.tag_reject",
            lesson,
            actor=actor,
            context=context,
            detail={"code": code, "via": tag.assigned_via, "confidence": str(tag.confidence)},
        )
        after_change(lesson.review, actor=actor, context=context)
    return tag


def _change(lesson, tag: ThemeTag, *, actor, context, confirm: bool, reason: str) -> ThemeTag:
    """A decided theme, decided the other way: a correction with its reason
    (cases/amendments.py keeps the decision as it was; the audit event names the fields, not
    the reason). Confirmed themes go to the national record and teach the tagger, so one
    confirmed in error must be able to leave them."""
    if tag.confirmed == confirm:
        raise ValidationError(
            {"code": f"This theme is already {'confirmed' if confirm else 'rejected'}"}
        )
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": "This theme is already decided: give the reason to change the decision"}
        )
    amend(
        tag,
        {"confirmed": confirm, "rejected": not confirm, "decided_by": actor},
        notification=lesson.review.notification,
        reason=reason,
        label=f"A national theme of a lesson ({tag.code})",
        action="lesson.tag_correct",
        read_action="section.learning",
        actor=actor,
        context=context,
        fields=["code", "confirmed", "rejected", "decided_by"],
    )
    tag.refresh_from_db()
    after_change(lesson.review, actor=actor, context=context)
    return tag
