"""Closing the loop (issue 12, item 5): when a review's lessons are agreed, the referrer's
agency and every involved agency are told, through their leads (the agency authors of each
agency); the e-mail carries the review's reference, the count of lessons by category and a
link, never a name or the lessons' text (which may identify the family)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from casereview.accounts import mail
from casereview.accounts.roles import Role
from casereview.procedure import citations
from casereview.reviews.models import Review

from .models import HIGHLIGHTED, LessonCategory

mail.KINDS.setdefault(
    "lessons_agreed",
    mail.Kind(
        "The review's lessons are agreed",
        f"{Role.AGENCY_AUTHOR.label}s of the referring agency and of each involved agency",
        "the panel agrees a review's lessons",
    ),
)


def agencies_told(review: Review) -> list[int]:
    n = review.notification
    ids = set(n.involvements.values_list("agency_id", flat=True))
    if n.referrer_agency_id:
        ids.add(n.referrer_agency_id)
    return sorted(ids)


def tell_lessons_agreed(review: Review) -> None:
    live = review.lessons.filter(withdrawn_at__isnull=True)
    labels = citations.for_case(review).choices(LessonCategory.choices, HIGHLIGHTED)
    counts = {label: live.filter(category=value).count() for value, label in labels}
    summary = [f"{label}: {n}" for label, n in counts.items() if n]
    for agency_id in agencies_told(review):
        mail.tell(
            "lessons_agreed",
            board_id=review.board_id,
            obj=review,
            reference=review.reference,
            link=reverse("learning:lessons", args=[review.pk]),
            role=Role.AGENCY_AUTHOR,
            agency_id=agency_id,
            extra={"summary": summary},
        )


mail.KINDS.setdefault(
    "no_review_decided",
    mail.Kind(
        "The board decided not to hold a serious case review",
        f"{Role.AGENCY_AUTHOR.label}s of the referring agency, with the chair's reasons",
        "the board chair decides a case needs no serious case review",
    ),
)


def tell_referrer_of_decision(sender, instance, created: bool, raw: bool = False, **kwargs):
    """post_save of the chair's Decision: when a case is decided against a review (no review,
    or another learning process), the referring agency's leads are told why: the chair's
    reasons with every name of the case's people register taken out."""
    from casereview.cases.models import DecisionOutcome

    if raw or not created or instance.outcome == DecisionOutcome.HOLD_REVIEW:
        return
    _tell_referrer("no_review_decided", instance)


def _tell_referrer(kind: str, decision, **extra) -> None:
    """E-mail the referring agency's leads the decision, its date and the chair's reasons
    with every name of the case's people register taken out (none without an agency)."""
    from casereview.cases.name_masking import without_names

    case = decision.notification
    if not case.referrer_agency_id:
        return
    mail.tell(
        kind,
        board_id=decision.board_id,
        obj=decision,
        reference=case.reference,
        link="",
        role=Role.AGENCY_AUTHOR,
        agency_id=case.referrer_agency_id,
        extra={
            "outcome": decision.get_outcome_display(),
            "reasons": without_names(decision.reasons, case),
            "decided_on": decision.decided_on,
            **extra,
        },
    )


mail.KINDS.setdefault(
    "decision_changed",
    mail.Kind(
        "The board changed its decision on a case your agency referred",
        f"{Role.AGENCY_AUTHOR.label}s of the referring agency, with the chair's reasons",
        "the board chair decides again on a case decided against a review, or decides a "
        "review is not needed after all",
    ),
)


def tell_referrer_of_new_decision(sender, decision, before: dict, **kwargs):
    """cases.signals.decided_again: the referrer's leads were told of a decision against a
    review, or are told of one now; when the chair decides again (a new outcome, new reasons
    or a new date), they are told what the decision now is and what it replaces. A decision
    to hold a review that stays one tells no one (the review's own requests follow)."""
    from casereview.cases.models import DecisionOutcome

    if DecisionOutcome.HOLD_REVIEW == decision.outcome == before["outcome"]:
        return
    now = (decision.outcome, decision.reasons, decision.decided_on.isoformat())
    if now == (before["outcome"], before["reasons"], before["decided_on"]):
        return
    _tell_referrer(
        "decision_changed",
        decision,
        earlier=DecisionOutcome(before["outcome"]).label,
        earlier_on=date.fromisoformat(before["decided_on"]),
    )


mail.KINDS.setdefault(
    "changes_verified",
    mail.Kind(
        "What changed after the review",
        f"{Role.AGENCY_AUTHOR.label}s of the referring agency and of each involved agency",
        "the board verifies the change of the review's last open action",
    ),
)


def tell_changes_verified(review: Review) -> None:
    """When every action of the review has its change verified: what changed, as the
    expected changes (written by the panel about practice, never about the family) and the
    measures before and after."""
    from .models import Verification

    rows = (
        Verification.objects.filter(
            review=review, action__withdrawn_at__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("action")
        .order_by("verified_on")
    )
    changes = [
        f"{v.action.expected_change}"
        + (f" (before {v.measure_before}, after {v.measure_after})" if v.measure_before else "")
        for v in rows
    ]
    for agency_id in agencies_told(review):
        mail.tell(
            "changes_verified",
            board_id=review.board_id,
            obj=review,
            reference=review.reference,
            link=reverse("learning:actions", args=[review.pk]),
            role=Role.AGENCY_AUTHOR,
            agency_id=agency_id,
            extra={"changes": changes},
        )
