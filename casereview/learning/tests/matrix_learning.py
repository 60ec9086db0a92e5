"""Objects of a review's learning for the access-control matrices: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from datetime import date

from django.utils import timezone

MADE_ON = date(2026, 3, 15)


def _someone(review):
    return review.notification.created_by


def _lesson(review, world):
    from casereview.learning.models import Lesson

    lesson, _ = Lesson.objects.get_or_create(
        review=review,
        text="Matrix lesson",
        defaults={
            "category": "inter_agency",
            "recorded_by": _someone(review),
            "recorded_at": timezone.now(),
        },
    )
    return {"item_pk": lesson.pk}


def recommendation(review):
    from casereview.learning.models import Recommendation

    rec, _ = Recommendation.objects.get_or_create(
        review=review,
        number=1,
        defaults={
            "text": "Matrix recommendation",
            "level": "board",
            "made_on": MADE_ON,
            "recorded_by": _someone(review),
            "recorded_at": timezone.now(),
        },
    )
    return rec


def _recommendation(review, world):
    return {"item_pk": recommendation(review).pk}


def _action(status):
    def make(review, world):
        from casereview.learning.models import Action

        action = Action.objects.create(
            review=review,
            recommendation=recommendation(review),
            owner_agency=review.board.agencies.order_by("name").first(),
            owner="Matrix officer",
            description="Matrix action",
            expected_change="A change",
            measure="A measure",
            evidence_required="An audit",
            target_date=date(2026, 9, 1),
            status=status,
            created_by=_someone(review),
            created_at=timezone.now(),
        )
        return {"item_pk": action.pk}

    return make


ITEMS: dict = {
    "learning:lesson": _lesson,
    "learning:lesson_withdraw": _lesson,
    "learning:recommendation_respond": _recommendation,
    "learning:action": _action("not_started"),
    "learning:action_verify": _action("completed"),
}
