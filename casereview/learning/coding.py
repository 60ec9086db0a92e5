"""The review's coding for the national record (DOMAIN.md §5): its incident coding (death
category, non-fatal harm types, maltreatment types) and its recommendations' types, codes of
the national vocabulary. The panel records them on the learning pages; the national record
built at the board's sign-off carries them (national/records.py `coding_of`).

A change after the board's sign-off is a correction: it needs a reason, its audit event
keeps the old and new values, and `coding_corrected` is sent inside the same transaction so
that the national store takes the board's latest word with it (or neither is saved)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.reviews.models import Review, ReviewStatus

from . import vocabulary as vocab
from .models import IncidentCoding
from .services import Conflict
from .signals import coding_corrected

S = ReviewStatus
# The board has signed the review off (publication/report_signoff.py moves it there).
SIGNED_OFF = frozenset({S.BOARD_SIGN_OFF, S.PUBLISHED, S.MONITORING, S.CLOSED})
# The rule's source as users read it: the national vocabulary's incident axes (DOMAIN.md §5;
# file names stay off the pages, tests/test_what_users_read.py).
SOURCE = f"the national vocabulary {vocab.VERSION}, incident"
DEATH_ONLY = (
    f"A death category is recorded only when the child died; this review's incident is "
    f"serious harm: record its non-fatal harm types instead ({SOURCE})"
)
HARM_ONLY = (
    f"Non-fatal harm types are recorded only when the child did not die; this review's "
    f"incident is a death: record its death category instead ({SOURCE})"
)
CODING_CONFLICT = (
    "Someone else changed the coding while you were editing. What is saved now is shown; "
    "your choices are kept in the form: check them, then save again."
)


def signed_off(review: Review) -> bool:
    return review.status in SIGNED_OFF


def died(review: Review) -> bool:
    return review.notification.outcome == "death"


def codes_of(values: Iterable[str], axis: str, field: str, what: str) -> list[str]:
    """`values` as codes of `axis`, once each, in the vocabulary's order; any other value is
    refused on `field`."""
    given = [v for v in (values or ()) if v]
    unknown = sorted({v for v in given if not vocab.is_code(v, axis=axis)})
    if unknown:
        wrong = "; ".join(_not_one(code) for code in unknown)
        raise ValidationError({field: f"Choose {what} of the national vocabulary ({wrong})"})
    return [code for code in vocab.codes(axis, current=False) if code in set(given)]


def _not_one(code: str) -> str:
    """Why `code` is refused, naming the axes it belongs to when it is a code of another
    (a script that put a death category among the maltreatment types)."""
    elsewhere = [axis for axis in vocab.AXES if vocab.is_code(code, axis=axis)]
    if elsewhere:
        return f"{code} is not one: it is a code of {', '.join(elsewhere)}"
    return f"{code} is not one"


def terms_of(coding: IncidentCoding | None) -> dict:
    """The coding's codes as terms of the vocabulary (code and label), field by field; a
    review with no coding yet has none."""

    def term(code: str, axis: str) -> vocab.Term:
        return vocab.BY_AXIS[axis].get(code) or vocab.Term(code, code, axis)

    if coding is None:
        return {"death_category": None, "harm_types": [], "maltreatment": []}
    return {
        "death_category": term(coding.death_category, vocab.DEATH_CATEGORY)
        if coding.death_category
        else None,
        "harm_types": [term(c, vocab.NON_FATAL_HARM) for c in coding.harm_types],
        "maltreatment": [term(c, vocab.MALTREATMENT) for c in coding.maltreatment],
    }


def recommendation_types(values: Iterable[str]) -> list[str]:
    return codes_of(values, vocab.RECOMMENDATION_TYPE, "types", "recommendation types")


def _check(review: Review, death_category: str, harm_types, maltreatment) -> dict:
    """The coding's fields as codes, or every field's problem at once."""
    problems: dict[str, str] = {}
    fields: dict = {}
    for name, values, axis, what in (
        ("death_category", [death_category], vocab.DEATH_CATEGORY, "a death category"),
        ("harm_types", harm_types, vocab.NON_FATAL_HARM, "harm types"),
        ("maltreatment", maltreatment, vocab.MALTREATMENT, "maltreatment types"),
    ):
        try:
            fields[name] = codes_of(values, axis, name, what)
        except ValidationError as error:
            problems.update({k: v[0] for k, v in error.message_dict.items()})
    if problems:
        raise ValidationError(problems)
    fields["death_category"] = (fields["death_category"] or [""])[0]
    if fields["death_category"] and not died(review):
        problems["death_category"] = DEATH_ONLY
    if fields["harm_types"] and died(review):
        problems["harm_types"] = HARM_ONLY
    if problems:
        raise ValidationError(problems)
    return fields


def coding_for(review: Review) -> IncidentCoding | None:
    return IncidentCoding.objects.filter(review=review).first()


def _reason(review: Review, reason: str) -> str:
    reason = (reason or "").strip()
    if signed_off(review) and not reason:
        raise ValidationError(
            {"reason": "The board has signed this review off: give the reason for the correction"}
        )
    return reason


def after_change(review: Review, *, actor, context: RequestContext) -> None:
    """A change to what the review's national record carries (the incident's coding, a
    recommendation's types, the lessons and their confirmed themes) is saved: after the
    board's sign-off, the national store takes it too (inside the caller's transaction)."""
    if signed_off(review):
        coding_corrected.send(sender=Review, review=review, actor=actor, context=context)


def record_coding(
    review: Review,
    *,
    actor,
    context: RequestContext,
    death_category: str = "",
    harm_types: Iterable[str] = (),
    maltreatment: Iterable[str] = (),
    lock_version: int | None = None,
    reason: str = "",
) -> IncidentCoding:
    """Record or correct the review's incident coding. Audited `coding.record` the first
    time and `coding.correct` after, each with the old and new values of what changed;
    nothing is written when nothing changes."""
    fields = _check(review, death_category, harm_types, maltreatment)
    with transaction.atomic():
        # The review's row lock serialises the first recording (one coding per review), and
        # its status then says whether this is a correction after the board's sign-off.
        review = Review.objects.select_for_update().select_related("board").get(pk=review.pk)
        reason = _reason(review, reason)
        coding = IncidentCoding.objects.filter(review=review).first()
        # Version 0 is "no coding yet": a first recording saves version 1, so that two
        # people recording the first coding at once do not overwrite each other silently.
        saved_version = coding.lock_version if coding is not None else 0
        if lock_version is not None and saved_version != lock_version:
            raise Conflict(CODING_CONFLICT)
        old = {name: getattr(coding, name) if coding else type(v)() for name, v in fields.items()}
        changes = {
            name: {"old": old[name], "new": new} for name, new in fields.items() if old[name] != new
        }
        if coding is not None and not changes:
            return coding
        if coding is None:
            coding = IncidentCoding(review=review)
        for name, value in fields.items():
            setattr(coding, name, value)
        coding.recorded_by = actor
        coding.recorded_at = timezone.now()
        coding.lock_version = saved_version + 1
        coding.save()
        detail: dict = {"changes": changes}
        if signed_off(review):
            detail.update(after_sign_off=True, reason=reason)
        elif reason:  # not needed before the sign-off, but kept when given (API callers)
            detail["reason"] = reason
        action = "coding.record" if not any(old.values()) else "coding.correct"
        record(action, coding, actor=actor, context=context, detail=detail)
        after_change(review, actor=actor, context=context)
    return coding
