"""Duties that come before a review, or without one, recorded on the notification: the
statutory notices (to the inspectorate, Ofsted, the Government Office, the national panel)
and the rapid review (WT2018). A decision of "no review" still leaves these owed, so they
cannot wait for a Review to exist. Also the review's timescale (ReviewPlan): the completion
date agreed with the Government Office (WT2006), a revised plan after an overrun (WT2010)
and the planned publication date (WT2018)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.dates import case_bounds
from casereview.cases.models import Notification
from casereview.lib.date_rules import check_dates

from .dates import OUTBOUND_DATES, RAPID_REVIEW_DATES
from .models import OutboundNotification, RapidReview, Review, ReviewPlan


def record_notice(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    recipient: str,
    purpose: str,
    sent_on: date,
    method: str,
    copy: str,
    reviewers: str = "",
) -> OutboundNotification:
    """A statutory notice sent about the case, with a copy of what was sent; recorded on
    the notification whether or not a review is open."""
    check_dates({"sent_on": sent_on}, OUTBOUND_DATES, case_bounds(notification))
    with transaction.atomic():
        sent = OutboundNotification.objects.create(
            board=notification.board,
            notification=notification,
            recipient=recipient,
            purpose=purpose,
            sent_on=sent_on,
            method=method,
            copy=copy,
            reviewers=reviewers.strip(),
        )
        detail = {"recipient": recipient, "names_reviewers": bool(sent.reviewers)}
        review = getattr(notification, "review", None)
        if review is not None:
            detail["review"] = str(review.pk)
        record("notification.outbound", sent, actor=actor, context=context, detail=detail)
    return sent


def record_rapid_review(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    completed_on: date,
    participants: str,
    findings: str,
    local_review_recommended: bool,
    recommendation_reasons: str,
) -> RapidReview:
    """The rapid review (WT2018 chapter 4): when it was completed, who took part, what it
    found and whether it recommends a local review."""
    check_dates({"completed_on": completed_on}, RAPID_REVIEW_DATES, case_bounds(notification))
    for field, value in (
        ("participants", participants),
        ("findings", findings),
        ("recommendation_reasons", recommendation_reasons),
    ):
        if not value.strip():
            raise ValidationError({field: "This cannot be left blank"})
    with transaction.atomic():
        Notification.objects.select_for_update().get(pk=notification.pk)
        if RapidReview.objects.filter(notification=notification).exists():
            raise ValidationError("The rapid review of this case is already recorded")
        rapid = RapidReview.objects.create(
            board=notification.board,
            notification=notification,
            completed_on=completed_on,
            participants=participants,
            findings=findings,
            local_review_recommended=local_review_recommended,
            recommendation_reasons=recommendation_reasons,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        record(
            "rapid_review.record",
            rapid,
            actor=actor,
            context=context,
            board_id=notification.board_id,
            detail={"local_review_recommended": local_review_recommended},
        )
    return rapid


def record_plan(
    review: Review,
    *,
    actor,
    context: RequestContext,
    completion_on: date,
    publication_on: date | None,
    agreed_with: str,
    reasons: str,
) -> ReviewPlan:
    """A new version of the review's timescale; the earlier versions are kept."""
    decided = review.decision.decided_on
    if completion_on < decided:
        raise ValidationError({"completion_on": "The review cannot be completed before it began"})
    if publication_on is not None and publication_on < completion_on:
        raise ValidationError(
            {"publication_on": "Publication cannot be planned before the review is completed"}
        )
    if not reasons.strip():
        raise ValidationError({"reasons": "Enter why this is the timescale"})
    with transaction.atomic():
        plan = ReviewPlan.objects.create(
            review=review,
            completion_on=completion_on,
            publication_on=publication_on,
            agreed_with=agreed_with.strip(),
            reasons=reasons,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        record(
            "review.plan",
            review,
            actor=actor,
            context=context,
            detail={"plan": str(plan.pk), "versions": review.plans.count()},
        )
    return plan
