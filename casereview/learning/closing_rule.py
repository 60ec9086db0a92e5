"""A review is closed only when its action plan is done (Rotherham 19.2: each lesson says
"how it will be acted upon, and what is expected to change as a result"): every action not
withdrawn has its change verified by the board, with evidence of its impact. Registered with
the review's lifecycle (reviews imports no learning)."""

from __future__ import annotations

from casereview.procedure import citations
from casereview.reviews.models import Review, ReviewStatus

from .models import Action, ActionStatus


def open_actions(review: Review):
    """The review's actions that still wait for their verified change."""
    return Action.objects.filter(review=review, withdrawn_at__isnull=True).exclude(
        status=ActionStatus.VERIFIED
    )


def move_rule(review: Review, to: str, by_hand: bool = False) -> list[str]:
    if to != ReviewStatus.CLOSED:
        return []
    waiting = list(
        open_actions(review)
        .order_by("owner_agency__name")
        .values_list("owner_agency__name", flat=True)
        .distinct()
    )
    if not waiting:
        return []
    cite = citations.for_case(review)["lessons"]
    return [
        f"Every action needs its change verified by the board, or to be withdrawn, before the "
        f"review is closed ({cite}): actions of {', '.join(waiting)} are still open"
    ]
