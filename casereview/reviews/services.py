from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import RETENTION_MONTHS_MAX
from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.models import Decision
from casereview.cases.references import review_reference
from casereview.procedure import catalogue

from .models import Review, ReviewStatus, StatusChange


def open_review_for_decision(decision: Decision, *, actor) -> Review:
    """Open the Review when the chair decides to hold one: registered as the review opener
    in `ReviewsConfig.ready()` and called in the decision's transaction (the decision's
    audit event names the review)."""
    notification = decision.notification
    board = notification.board
    now = timezone.now()
    review = Review.objects.create(
        board=board,
        notification=notification,
        decision=decision,
        reference=review_reference(notification.reference),
        regime=notification.regime,
        regime_version=notification.regime_version,
        opened_at=now,
    )
    StatusChange.objects.create(
        review=review,
        to_status=ReviewStatus.DECIDED,
        reason="The board chair decided to hold a serious case review",
        changed_by=actor,
        changed_at=now,
    )
    return review


def set_default_regime(board, *, actor, context: RequestContext, default_regime: str) -> None:
    """The procedure that cases started from now on run under."""
    catalogue.current(default_regime)  # refuses an unknown regime
    with transaction.atomic():
        previous = board.default_regime
        board.default_regime = default_regime
        board.save(update_fields=["default_regime"])
        record(
            "board.default_regime",
            board,
            actor=actor,
            context=context,
            board_id=board.pk,
            detail={"from": previous, "to": default_regime},
        )


LETTERHEAD_FIELDS = ("address", "phone", "email")


def set_letterhead(board, *, actor, context: RequestContext, **values: str) -> None:
    """The address and contact details printed on the board's documents."""
    with transaction.atomic():
        changed = [f for f in LETTERHEAD_FIELDS if getattr(board, f) != values[f]]
        for field in LETTERHEAD_FIELDS:
            setattr(board, field, values[field])
        board.save(update_fields=list(LETTERHEAD_FIELDS))
        record(
            "board.letterhead",
            board,
            actor=actor,
            context=context,
            board_id=board.pk,
            detail={"changed": changed},
        )


def set_retention(board, *, actor, context: RequestContext, publication_retention_months: int):
    """The board's retention policy for published reports: months on the public page at
    least, where the regime sets no minimum (publication/rules.py). Publications already
    made keep the date they were given."""
    if not 1 <= publication_retention_months <= RETENTION_MONTHS_MAX:
        raise ValidationError(
            {
                "publication_retention_months": "Enter a number of months from 1 to "
                f"{RETENTION_MONTHS_MAX}"
            }
        )
    with transaction.atomic():
        previous = board.publication_retention_months
        board.publication_retention_months = publication_retention_months
        board.save(update_fields=["publication_retention_months"])
        record(
            "board.retention",
            board,
            actor=actor,
            context=context,
            board_id=board.pk,
            detail={"from": previous, "to": publication_retention_months},
        )


def set_logo(board, *, actor, context: RequestContext, upload):
    """The board's logo: a PNG or JPEG upload, vetted like every upload (one event)."""
    from casereview.documents.services import store

    from .printed import LOGO_KINDS

    return store(
        board=board, owner=board, upload=upload, actor=actor, context=context, only=LOGO_KINDS
    )
