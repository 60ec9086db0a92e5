"""The 19.2 obligations over the learning record (autodiscovered by the procedure
catalogue): lessons identified and agreed; each lesson acted on with an expected change;
lessons about particular communities (19.3) and disability (19.4) highlighted."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from casereview.procedure.registry import Evidence, case_ids, check, link

from .models import Action, Lesson, LessonCategory


def _where(case) -> str:
    review = getattr(case, "review", None)
    return link("learning:lessons", review.pk) if review is not None else ""


def _agreed(cases, **filters):
    return (
        Lesson.objects.filter(
            review__notification_id__in=case_ids(cases),
            withdrawn_at__isnull=True,
            agreed_at__isnull=False,
            **filters,
        )
        .order_by("agreed_at")
        .values_list("review__notification_id", "review_id", "agreed_at")
    )


def _first_agreed(cases, label: str, **filters) -> dict:
    found: dict = {}
    for case_id, review_id, at in _agreed(cases, **filters):
        found.setdefault(
            case_id, Evidence(timezone.localdate(at), label, link("learning:lessons", review_id))
        )
    return found


@check(
    "lessons_identified",
    "The panel has agreed the review's lessons (19.2)",
    where=_where,
)
def lessons_identified(cases) -> dict:
    return _first_agreed(cases, "Lessons agreed by the panel")


@check(
    "community_lessons_highlighted",
    "A lesson on working with particular communities is agreed and highlighted (19.3)",
    where=_where,
)
def community_lessons_highlighted(cases) -> dict:
    return _first_agreed(
        cases,
        "Lesson on working with particular communities",
        category=LessonCategory.COMMUNITIES,
    )


@check(
    "disability_lessons_highlighted",
    "A lesson on disabled children and parents is agreed and highlighted (19.4)",
    where=_where,
)
def disability_lessons_highlighted(cases) -> dict:
    return _first_agreed(
        cases,
        "Lesson on disabled children and parents",
        category=LessonCategory.DISABILITY,
    )


@check(
    "lessons_have_actions_and_change",
    "Every agreed lesson has a recommendation with an action and its expected change (19.2)",
    where=_where,
)
def lessons_have_actions_and_change(cases) -> dict:
    """Met when the review has agreed lessons and every one of them leads, through a live
    recommendation, to a live action (each action states its expected change)."""
    acted = Action.objects.filter(
        recommendation__lessons=OuterRef("pk"),
        recommendation__withdrawn_at__isnull=True,
        withdrawn_at__isnull=True,
    )
    rows = (
        Lesson.objects.filter(
            review__notification_id__in=case_ids(cases),
            withdrawn_at__isnull=True,
            agreed_at__isnull=False,
        )
        .annotate(acted=Exists(acted))
        .values_list("review__notification_id", "review_id", "acted")
    )
    reviews: dict = {}
    for case_id, review_id, is_acted in rows:
        ok, _ = reviews.get(case_id, (True, review_id))
        reviews[case_id] = (ok and is_acted, review_id)
    met = {case_id: review_id for case_id, (ok, review_id) in reviews.items() if ok}
    if not met:
        return {}
    latest: dict = {}
    for case_id, at in Action.objects.filter(
        review__notification_id__in=case_ids(cases), withdrawn_at__isnull=True
    ).values_list("review__notification_id", "created_at"):
        if case_id in met and (case_id not in latest or at > latest[case_id]):
            latest[case_id] = at
    return {
        case_id: Evidence(
            timezone.localdate(latest[case_id]) if case_id in latest else None,
            "Every agreed lesson has an action and its expected change",
            link("learning:actions", review_id),
        )
        for case_id, review_id in met.items()
    }
