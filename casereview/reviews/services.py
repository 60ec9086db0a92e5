from __future__ import annotations

from django.utils import timezone

from casereview.cases.models import Decision

from .models import Review, ReviewStatus, StatusChange


def open_review_for_decision(sender, *, decision: Decision, actor, **kwargs) -> Review:
    """Open the Review when the chair decides to hold one (called in the decision's
    transaction; the decision's audit event names the review)."""
    notification = decision.notification
    board = notification.board
    now = timezone.now()
    review = Review.objects.create(
        board=board,
        notification=notification,
        decision=decision,
        reference=notification.reference.replace("-N", "-R", 1),
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
