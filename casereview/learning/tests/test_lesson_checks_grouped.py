"""The 19.2 lesson checks read one grouped row per case: on reviews built to hit each edge
(a lesson with no action, an action or a recommendation withdrawn, a withdrawn or unagreed
lesson, an agreement just after midnight in summer time) they give the evidence the
lesson-by-lesson reading gave, alone and in a batch."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.learning import services
from casereview.learning.models import Action, LessonCategory, Recommendation
from casereview.procedure.registry import CHECKS, Batch, Evidence, link
from conftest import review_of

from .helpers import action_of, lesson_of, recommendation_of

pytestmark = pytest.mark.django_db

NAMES = (
    "lessons_identified",
    "lessons_have_actions_and_change",
    "community_lessons_highlighted",
    "disability_lessons_highlighted",
)
# 23:30 UTC on 1 June is 00:30 on 2 June in London: the evidence is dated 2 June.
AGREED = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
ACTED = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


def found(*reviews) -> dict:
    """{check: {case: Evidence}} over the reviews' cases, as one batch."""
    batch = Batch([r.notification for r in reviews])
    return {name: CHECKS[name].fn(batch) for name in NAMES}


def agree(world, review, at=AGREED):
    with time_machine.travel(at, tick=False):
        services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)


def act(world, recommendation, at=ACTED):
    with time_machine.travel(at, tick=False):
        return action_of(world, recommendation)


def lessons_page(review) -> str:
    return link("learning:lessons", review.pk)


def test_every_agreed_lesson_needs_a_live_action_through_a_live_recommendation(world):
    review = review_of(world)
    first = lesson_of(world, review)
    second = lesson_of(world, review, text="Supervision did not challenge the plan")
    act(world, recommendation_of(world, review, lessons=[first]))
    withdrawn = act(world, recommendation_of(world, review, lessons=[second]), at=LATER)
    Action.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    agree(world, review)
    assert review.notification_id not in found(review)["lessons_have_actions_and_change"]

    # A live action under a withdrawn recommendation does not count either.
    dropped = recommendation_of(world, review, lessons=[second])
    act(world, dropped, at=LATER)
    Recommendation.objects.filter(pk=dropped.pk).update(withdrawn_at=timezone.now())
    assert review.notification_id not in found(review)["lessons_have_actions_and_change"]

    act(world, recommendation_of(world, review, lessons=[second]), at=ACTED)
    # Dated by the review's latest live action: the one under the withdrawn recommendation
    # (1 July) counts for the date, the withdrawn action (1 July) does not.
    assert found(review)["lessons_have_actions_and_change"] == {
        review.notification_id: Evidence(
            date(2026, 7, 1),
            "Every agreed lesson has an action and its expected change",
            link("learning:actions", review.pk),
        )
    }


def test_withdrawn_and_unagreed_lessons_are_not_counted(world):
    review = review_of(world)
    acted = lesson_of(world, review)
    act(world, recommendation_of(world, review, lessons=[acted]))
    gone = lesson_of(world, review, LessonCategory.DISABILITY, text="Wrong review")
    agree(world, review)
    assert review.notification_id not in found(review)["lessons_have_actions_and_change"]
    services.withdraw_lesson(
        gone, actor=world.user("panel_chair"), context=SYSTEM, reason="Wrong review"
    )
    lesson_of(world, review, text="Recorded after the agreement, no action yet")
    result = found(review)
    assert result["lessons_have_actions_and_change"][review.notification_id].on == date(2026, 6, 10)
    assert review.notification_id not in result["disability_lessons_highlighted"]


def test_the_first_agreement_of_each_kind_dates_the_lessons(world):
    review = review_of(world)
    lesson_of(world, review)
    agree(world, review)
    lesson_of(world, review, LessonCategory.COMMUNITIES)
    agree(world, review, at=LATER)
    unacted = review_of(world)
    lesson_of(world, unacted, LessonCategory.DISABILITY)
    agree(world, unacted, at=LATER)
    nothing = review_of(world)
    lesson_of(world, nothing)  # recorded, never agreed

    result = found(review, unacted, nothing)
    case, other = review.notification_id, unacted.notification_id
    assert result["lessons_identified"] == {
        case: Evidence(date(2026, 6, 2), "Lessons agreed by the panel", lessons_page(review)),
        other: Evidence(date(2026, 7, 1), "Lessons agreed by the panel", lessons_page(unacted)),
    }
    assert result["community_lessons_highlighted"] == {
        case: Evidence(
            date(2026, 7, 1),
            "Lesson on working with particular communities",
            lessons_page(review),
        )
    }
    assert result["disability_lessons_highlighted"] == {
        other: Evidence(
            date(2026, 7, 1), "Lesson on disabled children and parents", lessons_page(unacted)
        )
    }
    assert result["lessons_have_actions_and_change"] == {}
    # The same answers one case at a time, outside a batch.
    for name in NAMES:
        alone = CHECKS[name].fn([review.notification])
        assert alone == {k: v for k, v in result[name].items() if k == case}
