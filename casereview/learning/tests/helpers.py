"""Shared by the learning tests: a review's lesson, recommendation and action made through
the services, and the learning pages' URLs."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.learning import services
from casereview.learning.models import LessonCategory, RecommendationKind, RecommendationLevel

TODAY = timezone.localdate()
MADE_ON = date(2026, 4, 1)


def lesson_of(
    world, review, category=LessonCategory.INTER_AGENCY, text="Referrals were not followed up"
):
    return services.add_lesson(
        review, actor=world.user("panel_chair"), context=SYSTEM, text=text, category=category
    )


def recommendation_of(world, review, lessons=(), **overrides):
    fields = (
        dict(
            text="Audit how referrals are followed up",
            level=RecommendationLevel.BOARD,
            kind=RecommendationKind.SMART,
            made_on=MADE_ON,
            lessons=lessons,
        )
        | overrides
    )
    return services.add_recommendation(
        review, actor=world.user("panel_chair"), context=SYSTEM, **fields
    )


def action_of(world, recommendation, agency=None, target_date=None):
    return services.add_action(
        recommendation,
        actor=world.user("board_manager"),
        context=SYSTEM,
        owner_agency=agency or world.police,
        owner="Detective Chief Inspector, public protection",
        description="Audit 50 referrals a quarter",
        expected_change="Every referral is followed up within 5 working days",
        measure="Share of referrals followed up in time",
        evidence_required="The quarterly audit",
        target_date=target_date or TODAY + timedelta(days=90),
    )


def acted_review(world, review, category=LessonCategory.INTER_AGENCY):
    """A lesson with a recommendation and an action (not yet agreed)."""
    lesson = lesson_of(world, review, category)
    rec = recommendation_of(world, review, lessons=[lesson])
    return lesson, rec, action_of(world, rec)
