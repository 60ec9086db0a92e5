"""The procedure's anchors and checks over the review record, and the checks whose data
the review workflow, learning, publication and national learning will record."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from casereview.procedure.registry import Evidence, anchor, awaiting, check

from .models import Review, ReviewStatus

COMPLETED = (
    ReviewStatus.BOARD_SIGN_OFF,
    ReviewStatus.PUBLISHED,
    ReviewStatus.MONITORING,
    ReviewStatus.CLOSED,
)
PUBLISHED = (ReviewStatus.PUBLISHED, ReviewStatus.MONITORING, ReviewStatus.CLOSED)


def _reviews(cases):
    return Review.objects.filter(notification_id__in=[c.pk for c in cases])


@anchor("review_opened", "the review being opened")
def review_opened(cases) -> dict:
    return {
        n: timezone.localdate(at)
        for n, at in _reviews(cases).values_list("notification_id", "opened_at")
    }


@check(
    "review_opened",
    "A Serious Case Review is open for the case",
    where=lambda case: reverse("cases:decision", args=[case.pk]),
)
def review_opened_check(cases) -> dict:
    return {
        n: Evidence(
            timezone.localdate(at), f"Review {ref} opened", reverse("reviews:detail", args=[pk])
        )
        for n, at, ref, pk in _reviews(cases).values_list(
            "notification_id", "opened_at", "reference", "pk"
        )
    }


def _reached(cases, statuses, label: str) -> dict:
    """Evidence for reviews whose history shows they reached one of `statuses`."""
    found: dict = {}
    rows = (
        _reviews(cases)
        .filter(status_changes__to_status__in=statuses)
        .values_list("notification_id", "pk", "status_changes__changed_at")
        .order_by("status_changes__changed_at")
    )
    for notification_id, review_id, at in rows:
        found.setdefault(
            notification_id,
            Evidence(timezone.localdate(at), label, reverse("reviews:detail", args=[review_id])),
        )
    return found


@check("review_completed", "The review reached board sign-off")
def review_completed(cases) -> dict:
    return _reached(cases, COMPLETED, "Overview report signed off")


@check("executive_summary_published", "The review reached publication")
def executive_summary_published(cases) -> dict:
    return _reached(cases, PUBLISHED, "Executive summary published")


awaiting(
    [
        "pct_informed_sha",
        "inspectorate_notified",
        "government_office_notified",
        "national_panel_notified",
        "ofsted_notified",
        "panel_appointed",
        "independent_chair_appointed",
        "terms_of_reference_agreed",
        "independent_expert_race",
        "independent_expert_disability",
        "community_link_decided",
        "cultural_sensitivity_considered",
        "disability_judgement_made",
        "family_informed_of_review",
        "family_involvement_agreed",
        "family_involvement_reviewed",
        "child_involvement_recorded",
        "legitimate_interest_views_taken",
        "family_informed_of_process",
        "family_informed_of_publication",
        "preferred_language_used",
        "staff_support_in_place",
        "staff_debriefed",
        "agency_reports_requested",
        "agency_reports_received",
        "agency_reports_accepted",
        "rapid_review_completed",
        "overview_sent_to_ofsted",
        "national_panel_informed_of_no_review",
        "panel_told_before_publication",
    ],
    "the review workflow",
)
awaiting(
    [
        "lessons_identified",
        "lessons_have_actions_and_change",
        "community_lessons_highlighted",
        "disability_lessons_highlighted",
    ],
    "learning (lessons, recommendations and actions)",
)
awaiting(["themes_submitted"], "national learning")
