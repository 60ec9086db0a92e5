"""The 19.2 obligations over the learning record (autodiscovered by the procedure
catalogue): lessons identified and agreed; each lesson acted on with an expected change;
lessons about particular communities (19.3) and disability (19.4) highlighted."""

from __future__ import annotations

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from casereview.procedure.registry import Evidence, case_keys, check, link, shared
from casereview.procedure.rows import fetch, to_localdate, to_uuid
from casereview.reviews.batch_reviews import review_ids

from .models import Action, Lesson, LessonCategory


def _where(case) -> str:
    review = getattr(case, "review", None)
    return link("learning:lessons", review.pk) if review is not None else ""


def _lessons(cases) -> dict:
    """{case: (review id, first agreed, first agreed on communities, first agreed on
    disability, agreed lessons with no live action, the latest live action)} from the
    review's agreed lessons (withdrawn ones left out): one grouped row per case, and one per
    review for the actions, read once per batch for the four checks, instead of every lesson
    and every action."""

    def load() -> dict:
        acted = Action.objects.filter(
            recommendation__lessons=OuterRef("pk"),
            recommendation__withdrawn_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        rows = (
            Lesson.objects.filter(
                review_id__in=review_ids(cases),
                withdrawn_at__isnull=True,
                agreed_at__isnull=False,
            )
            .order_by()
            .values("review__notification_id", "review_id")
            .annotate(
                first=Min("agreed_at"),
                communities=Min("agreed_at", filter=Q(category=LessonCategory.COMMUNITIES)),
                disability=Min("agreed_at", filter=Q(category=LessonCategory.DISABILITY)),
                unacted=Count("pk", filter=~Q(Exists(acted))),
            )
            .values_list(
                "review__notification_id",
                "review_id",
                "first",
                "communities",
                "disability",
                "unacted",
            )
        )
        latest = dict(
            fetch(
                Action.objects.filter(review_id__in=review_ids(cases), withdrawn_at__isnull=True)
                .order_by()
                .values("review_id")
                .annotate(at=Max("created_at"))
                .values_list("review_id", "at")
            )
        )
        keys = case_keys(cases)
        return {
            keys[row[0]]: (to_uuid(row[1]), *row[2:], latest.get(row[1])) for row in fetch(rows)
        }

    return shared(cases, "agreed_lessons", load)


def _first_agreed(cases, label: str, column: int) -> dict:
    zone = timezone.get_current_timezone()
    return {
        case_id: Evidence(to_localdate(row[column], zone), label, link("learning:lessons", row[0]))
        for case_id, row in _lessons(cases).items()
        if row[column] is not None
    }


@check(
    "lessons_identified",
    "The panel has agreed the review's lessons (19.2)",
    where=_where,
)
def lessons_identified(cases) -> dict:
    return _first_agreed(cases, "Lessons agreed by the panel", 1)


@check(
    "community_lessons_highlighted",
    "A lesson on working with particular communities is agreed and highlighted (19.3)",
    where=_where,
)
def community_lessons_highlighted(cases) -> dict:
    return _first_agreed(cases, "Lesson on working with particular communities", 2)


@check(
    "disability_lessons_highlighted",
    "A lesson on disabled children and parents is agreed and highlighted (19.4)",
    where=_where,
)
def disability_lessons_highlighted(cases) -> dict:
    return _first_agreed(cases, "Lesson on disabled children and parents", 3)


@check(
    "lessons_have_actions_and_change",
    "Every agreed lesson has a recommendation with an action and its expected change (19.2)",
    where=_where,
)
def lessons_have_actions_and_change(cases) -> dict:
    """Met when the review has agreed lessons and every one of them leads, through a live
    recommendation, to a live action (each action states its expected change)."""
    zone = timezone.get_current_timezone()
    return {
        case_id: Evidence(
            to_localdate(latest, zone),
            "Every agreed lesson has an action and its expected change",
            link("learning:actions", review_id),
        )
        for case_id, (review_id, *_, unacted, latest) in _lessons(cases).items()
        if not unacted
    }
