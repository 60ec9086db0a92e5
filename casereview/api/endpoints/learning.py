"""The learning record: lessons, recommendations and actions (read), a recommendation's
types corrected (If-Match; learning.corrections.correct_recommendation, as the web's
correction page) and an action's progress update (If-Match on the action;
learning.services.update_action does the write)."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from ninja import Header, Query, Router

from casereview.accounts.access import get_for, list_for
from casereview.audit.context import context_of
from casereview.learning import corrections, downloads, services, themes
from casereview.learning.models import Action, Lesson, Recommendation
from casereview.reviews.lookup import review_for

from ..conditional import require_match
from ..paging import Page, PageParams
from ..representations import action_data, lesson_data, recommendation_data, theme_tag_data
from ..schemas import (
    ActionOut,
    LearningRecommendationOut,
    LessonOut,
    ProgressIn,
    RecommendationTypesIn,
    ThemeTagIn,
    ThemeTagOut,
)
from ..updates import locked, stale_is_412
from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    ExportParams,
    exported,
    listed,
    respond,
    wanted,
)

router = Router(tags=["learning"])

READ = "section.learning"

IfMatch = Header[
    str | None,
    {"alias": "If-Match", "description": "The ETag of the action read", "max_length": 2000},
]
RecommendationMatch = Header[
    str | None,
    {"alias": "If-Match", "description": "The ETag of the recommendation read", "max_length": 2000},
]


def _lessons():
    return Lesson.objects.prefetch_related("tags")


def _recommendations():
    return Recommendation.objects.select_related("agency", "response").prefetch_related("lessons")


def _actions():
    return Action.objects.select_related("owner_agency", "recommendation").prefetch_related(
        "updates"
    )


@router.get(
    "/reviews/{pk}/lessons",
    response={200: Page[LessonOut], **READ_ERRORS},
    url_name="lesson_list",
    summary="The review's lessons (withdrawn ones left out)",
)
def lesson_list(request, pk: UUID, page: Query[PageParams], out: Query[ExportParams]):
    review = review_for(request, pk, READ)
    rows = list_for(request, _lessons(), READ).filter(review=review, withdrawn_at__isnull=True)
    rows = rows.order_by("recorded_at", "id")
    if kind := wanted(out):
        return exported(request, Lesson, rows, kind, downloads.LESSONS, "lessons", review)
    return listed(request, Lesson, rows, page, lesson_data)


@router.get(
    "/reviews/{pk}/lessons/{item_pk}",
    response={200: LessonOut, **READ_ERRORS},
    url_name="lesson_detail",
)
def lesson_detail(request, pk: UUID, item_pk: UUID):
    review = review_for(request, pk, READ)
    return respond(
        request,
        lesson_data(get_for(request, _lessons().filter(review=review), item_pk, READ, scope=READ)),
    )


def _tags(lesson: Lesson) -> list[dict]:
    tags = lesson.tags.select_related("assigned_by").order_by("code")
    return [theme_tag_data(t, lesson.text) for t in tags]


@router.get(
    "/reviews/{pk}/lessons/{item_pk}/themes",
    response={200: list[ThemeTagOut], **READ_ERRORS},
    url_name="lesson_themes",
    summary="A lesson's themes: evidence, who assigned each (a person or a tagger), confidence",
)
def lesson_themes(request, pk: UUID, item_pk: UUID):
    review = review_for(request, pk, READ)
    lesson = get_for(request, Lesson.objects.filter(review=review), item_pk, READ, scope=READ)
    return respond(request, _tags(lesson))


@router.post(
    "/reviews/{pk}/lessons/{item_pk}/themes",
    response={201: list[ThemeTagOut], **WRITE_ERRORS},
    url_name="lesson_theme_add",
    summary="Tag a lesson with a theme, quoting the lesson's words that show it",
)
def lesson_theme_add(request, pk: UUID, item_pk: UUID, data: ThemeTagIn):
    review = review_for(request, pk, READ)
    lesson = get_for(
        request, Lesson.objects.filter(review=review), item_pk, "learning.write", scope=READ
    )
    themes.add_tag(
        lesson,
        actor=request.user,
        context=context_of(request),
        code=data.code,
        evidence=data.evidence,
    )
    return respond(request, _tags(lesson), 201)


@router.get(
    "/reviews/{pk}/recommendations",
    response={200: Page[LearningRecommendationOut], **READ_ERRORS},
    url_name="recommendation_list",
    summary="The review's recommendations and the board's response (withdrawn ones left out)",
)
def recommendation_list(request, pk: UUID, page: Query[PageParams], out: Query[ExportParams]):
    review = review_for(request, pk, READ)
    rows = list_for(request, _recommendations(), READ).filter(
        review=review, withdrawn_at__isnull=True
    )
    rows = rows.order_by("number", "id")
    if kind := wanted(out):
        table = downloads.RECOMMENDATIONS
        return exported(request, Recommendation, rows, kind, table, "recommendations", review)
    return listed(request, Recommendation, rows, page, recommendation_data)


@router.get(
    "/reviews/{pk}/recommendations/{item_pk}",
    response={200: LearningRecommendationOut, **READ_ERRORS},
    url_name="recommendation_detail",
)
def recommendation_detail(request, pk: UUID, item_pk: UUID):
    review = review_for(request, pk, READ)
    rec = get_for(request, _recommendations().filter(review=review), item_pk, READ, scope=READ)
    return respond(request, recommendation_data(rec))


@router.patch(
    "/reviews/{pk}/recommendations/{item_pk}",
    response={200: LearningRecommendationOut, **WRITE_ERRORS},
    url_name="recommendation_correct",
    summary="Correct a recommendation's types, with the reason (If-Match); after the board's "
    "sign-off the national record follows",
)
def recommendation_correct(
    request,
    pk: UUID,
    item_pk: UUID,
    data: RecommendationTypesIn,
    if_match: RecommendationMatch = None,
):
    review = review_for(request, pk, READ)
    rec = get_for(
        request, _recommendations().filter(review=review), item_pk, "learning.write", scope=READ
    )
    with transaction.atomic():
        current = locked(_recommendations(), rec.pk)
        require_match(if_match, recommendation_data(current))
        with stale_is_412():
            corrections.correct_recommendation(
                current,
                actor=request.user,
                context=context_of(request),
                lock_version=current.lock_version,
                reason=data.reason,
                text=current.text,
                level=current.level,
                kind=current.kind,
                made_on=current.made_on,
                agency=current.agency,
                lessons=list(current.lessons.all()),
                types=data.types,
            )
    return respond(request, recommendation_data(_recommendations().get(pk=rec.pk)))


@router.get(
    "/reviews/{pk}/actions",
    response={200: Page[ActionOut], **READ_ERRORS},
    url_name="action_list",
    summary="The review's actions and their progress (an agency author: their agency's)",
)
def action_list(request, pk: UUID, page: Query[PageParams], out: Query[ExportParams]):
    review = review_for(request, pk, READ)
    rows = list_for(request, _actions(), READ).filter(review=review, withdrawn_at__isnull=True)
    rows = rows.order_by("target_date", "id")
    if kind := wanted(out):
        return exported(request, Action, rows, kind, downloads.ACTIONS, "actions", review)
    return listed(request, Action, rows, page, action_data)


def _action(request, review, item_pk, action=READ) -> Action:
    return get_for(request, _actions().filter(review=review), item_pk, action, scope=READ)


@router.get(
    "/reviews/{pk}/actions/{item_pk}",
    response={200: ActionOut, **READ_ERRORS},
    url_name="action_detail",
)
def action_detail(request, pk: UUID, item_pk: UUID):
    review = review_for(request, pk, READ)
    return respond(request, action_data(_action(request, review, item_pk)))


@router.post(
    "/reviews/{pk}/actions/{item_pk}/progress",
    response={201: ActionOut, **WRITE_ERRORS},
    url_name="action_progress",
    summary="Report progress on an action: its status, RAG and what was done (If-Match)",
)
def action_progress(request, pk: UUID, item_pk: UUID, data: ProgressIn, if_match: IfMatch = None):
    review = review_for(request, pk, READ)
    action = _action(request, review, item_pk, "action.update")
    with transaction.atomic():
        current = locked(_actions(), action.pk)
        require_match(if_match, action_data(current))
        with stale_is_412():
            services.update_action(
                current,
                actor=request.user,
                context=context_of(request),
                lock_version=current.lock_version,
                status=data.status,
                rag=data.rag,
                text=data.text,
                on=data.on,
            )
    return respond(request, action_data(_action(request, review, item_pk)), 201)
