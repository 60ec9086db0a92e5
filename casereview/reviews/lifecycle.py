"""The review's stages and the moves between them. Each move is checked, writes a
status-change row and one audit event, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record

from .models import ReportStatus, Review, ReviewStatus, StatusChange, TermsStatus

S = ReviewStatus


@dataclass(frozen=True)
class Move:
    to: str
    label: str
    role_action: str = "review.manage"


# Forward moves, and the moves back a panel or board may make (returning a draft).
MOVES: dict[str, tuple[Move, ...]] = {
    S.DECIDED: (Move(S.SCOPING, "Start scoping"),),
    S.SCOPING: (Move(S.AGENCY_REPORTS, "Ask agencies for their reports"),),
    S.AGENCY_REPORTS: (
        Move(S.OVERVIEW_DRAFTING, "Start the overview report"),
        Move(S.SCOPING, "Back to scoping"),
    ),
    # Once the overview report is drafted in the system, its sign-offs make these moves
    # (publication/report_signoff.py) and a move rule refuses them by hand without one.
    S.OVERVIEW_DRAFTING: (Move(S.PANEL_SIGN_OFF, "The panel signs off the overview"),),
    S.PANEL_SIGN_OFF: (
        Move(S.BOARD_SIGN_OFF, "The board signs off the overview (the review is complete)"),
        Move(S.OVERVIEW_DRAFTING, "The panel returns the overview"),
    ),
    S.BOARD_SIGN_OFF: (
        Move(S.PUBLISHED, "Published", "review.publish"),
        Move(S.PANEL_SIGN_OFF, "The board's sign-off is withdrawn"),
        Move(S.OVERVIEW_DRAFTING, "The board returns the overview"),
    ),
    S.PUBLISHED: (Move(S.MONITORING, "Monitor the action plan"),),
    S.MONITORING: (Move(S.CLOSED, "Close the review"),),
    S.CLOSED: (),
}


# Functions (review, to, by_hand) -> [reasons] that higher apps register (the publication
# app: the sign-off moves need the report's sign-off, and publishing goes through its gate,
# so a move to "published" by hand is refused); this module imports no higher app.
# `by_hand` is True for the review page's stage buttons, False for the services' own moves.
MOVE_RULES: list[Callable[[Review, str, bool], list[str]]] = []


def register_move_rule(rule: Callable[[Review, str, bool], list[str]]) -> None:
    if rule not in MOVE_RULES:
        MOVE_RULES.append(rule)


def blockers(review: Review, to: str, *, by_hand: bool = False) -> list[str]:
    """Why the review cannot move to `to` now (empty when it can)."""
    if to not in {m.to for m in MOVES[review.status]}:
        return [f"A review cannot move from {review.get_status_display()} to {S(to).label}"]
    reasons = []
    if to == S.AGENCY_REPORTS and not review.terms.filter(status=TermsStatus.AGREED).exists():
        reasons.append("Agree the terms of reference first")
    if to == S.OVERVIEW_DRAFTING and review.status == S.AGENCY_REPORTS:
        waiting = review.agency_reports.exclude(status=ReportStatus.ACCEPTED)
        if not review.agency_reports.exists():
            reasons.append("Request the agencies' reports first")
        elif waiting.exists():
            names = ", ".join(r.agency.name for r in waiting.select_related("agency"))
            reasons.append(f"The panel has not accepted every agency report: {names}")
    if to == S.PUBLISHED:
        holds = review.parallel.filter(holds_publication=True, concluded_on__isnull=True)
        for process in holds:
            reasons.append(
                f"Publication waits for the {process.get_kind_display().lower()} to conclude"
            )
    for rule in MOVE_RULES:
        reasons += rule(review, to, by_hand)
    return reasons


def move(
    review: Review,
    *,
    to: str,
    actor,
    context: RequestContext,
    reason: str = "",
    by_hand: bool = False,
) -> StatusChange:
    problems = blockers(review, to, by_hand=by_hand)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.status != review.status:
            raise ValidationError("Someone else moved this review meanwhile; look again")
        change = StatusChange.objects.create(
            review=review,
            from_status=review.status,
            to_status=to,
            reason=reason,
            changed_by=actor,
            changed_at=timezone.now(),
        )
        review.status = to
        review.save(update_fields=["status"])
        record(
            "review.move",
            review,
            actor=actor,
            context=context,
            detail={"from": change.from_status, "to": to},
        )
    return change


def reopen_for_monitoring(review: Review, *, actor, context: RequestContext, reason: str) -> bool:
    """A closed review goes back to monitoring when what its closing rested on is undone (a
    verified change withdrawn as recorded in error): the board follows the action again until
    the change is shown. Not a move a person makes; one status-change row and one audit event,
    inside the caller's transaction. False when the review was not closed."""
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.status != ReviewStatus.CLOSED:
        return False
    StatusChange.objects.create(
        review=locked,
        from_status=locked.status,
        to_status=ReviewStatus.MONITORING,
        reason=reason,
        changed_by=actor,
        changed_at=timezone.now(),
    )
    locked.status = ReviewStatus.MONITORING
    locked.save(update_fields=["status"])
    review.status = locked.status
    record(
        "review.move",
        locked,
        actor=actor,
        context=context,
        detail={"from": ReviewStatus.CLOSED, "to": ReviewStatus.MONITORING, "reopened": True},
    )
    return True
