"""The 19.2 obligations turn met from real learning data, and compliance kept current knows
the learning tables."""

from casereview.audit.context import SYSTEM
from casereview.learning import services
from casereview.learning.models import LessonCategory
from casereview.procedure.registry import AWAITING, CHECKS
from casereview.reviews import kept
from casereview.reviews.models import KeptCase
from conftest import review_of, status_of

from .helpers import acted_review, action_of, lesson_of, recommendation_of

NAMES = (
    "lessons_identified",
    "lessons_have_actions_and_change",
    "community_lessons_highlighted",
    "disability_lessons_highlighted",
)


def _met(name, review) -> bool:
    return review.notification_id in CHECKS[name].fn([review.notification])


def test_the_learning_obligations_are_no_longer_awaiting():
    assert not set(NAMES) & set(AWAITING)


def test_lessons_identified_turns_met_when_the_panel_agrees_them(world):
    review = review_of(world)
    assert status_of(review, "lessons_identified") != "met"
    lesson_of(world, review)
    assert status_of(review, "lessons_identified") != "met"  # recorded, not yet agreed
    services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)
    assert status_of(review, "lessons_identified") == "met"


def test_each_agreed_lesson_needs_an_action_with_its_expected_change(world):
    review = review_of(world)
    acted_review(world, review)
    other = lesson_of(world, review, text="Supervision did not challenge the plan")
    services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)
    assert not _met("lessons_have_actions_and_change", review)
    rec = recommendation_of(world, review, lessons=[other])
    assert not _met("lessons_have_actions_and_change", review)
    action_of(world, rec)
    assert _met("lessons_have_actions_and_change", review)


def test_community_and_disability_lessons_turn_met_when_highlighted_and_agreed(world):
    review = review_of(world)
    lesson_of(world, review, LessonCategory.COMMUNITIES)
    services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)
    assert _met("community_lessons_highlighted", review)
    assert not _met("disability_lessons_highlighted", review)
    withdrawn = lesson_of(world, review, LessonCategory.DISABILITY)
    services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)
    assert _met("disability_lessons_highlighted", review)
    services.withdraw_lesson(
        withdrawn, actor=world.user("panel_chair"), context=SYSTEM, reason="Wrong review"
    )
    assert not _met("disability_lessons_highlighted", review)


def test_a_learning_write_marks_the_case_stale(world):
    review = review_of(world)
    kept.refresh_cases([review.notification_id])
    assert KeptCase.objects.get(case_id=review.notification_id).stale is False
    from django.db import transaction

    with transaction.atomic():
        lesson_of(world, review)
        assert KeptCase.objects.get(case_id=review.notification_id).stale is True


def test_linking_a_lesson_to_a_recommendation_marks_the_case_stale(world):
    review = review_of(world)
    lesson = lesson_of(world, review)
    rec = recommendation_of(world, review)
    kept.refresh_cases([review.notification_id])
    from django.db import transaction

    with transaction.atomic():
        rec.lessons.add(lesson)
        assert KeptCase.objects.get(case_id=review.notification_id).stale is True
