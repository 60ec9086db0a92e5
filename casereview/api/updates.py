"""Updates made through the API: each checks If-Match against the record's current
representation under the row lock, then calls the domain service (which audits it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Model, QuerySet

from casereview.audit.context import RequestContext
from casereview.cases import corrections, services
from casereview.cases.models import Notification, PanelRecommendation
from casereview.learning import coding as incident
from casereview.learning.models import IncidentCoding
from casereview.learning.services import Conflict
from casereview.reviews.models import Review

from .conditional import require_match
from .problems import ApiProblem
from .representations import coding_data, notification_data, notifications, screening_data


@contextmanager
def stale_is_412() -> Iterator[None]:
    """A service's refusal of a stale lock_version answers as a failed If-Match would."""
    try:
        yield
    except Conflict as error:
        raise ApiProblem(412, error.messages[0]) from None


def locked[M: Model](rows: QuerySet[M], pk) -> M:
    """The record locked until the transaction ends, read again as the API shows it. The
    lock is taken on the plain row: with the representation's joins, FOR UPDATE would lock
    the joined rows too (and PostgreSQL refuses it across an outer join)."""
    rows.model.objects.select_for_update().filter(pk=pk).first()
    return rows.get(pk=pk)


def correct_notification(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    if_match: str | None,
    fields: dict,
    reason: str,
) -> None:
    with transaction.atomic():
        current = locked(notifications(), notification.pk)
        require_match(if_match, notification_data(current))
        corrections.correct_notification(
            current,
            actor=actor,
            context=context,
            fields=fields,
            agencies=[i.agency for i in current.involvements.select_related("agency")],
            reason=reason,
        )


def recommend(
    notification: Notification,
    *,
    actor,
    context: RequestContext,
    if_match: str | None,
    recommendation: str,
    reasons: str,
) -> None:
    """The panel's recommendation; changing one already recorded needs If-Match."""
    with transaction.atomic():
        current = locked(notifications(), notification.pk)
        if PanelRecommendation.objects.filter(notification=current).exists():
            require_match(if_match, screening_data(current))
        services.record_panel_recommendation(
            current, actor=actor, context=context, recommendation=recommendation, reasons=reasons
        )


def coded(review: Review) -> IncidentCoding | None:
    return (
        IncidentCoding.objects.select_related("recorded_by", "review").filter(review=review).first()
    )


def record_coding(
    review: Review,
    *,
    actor,
    context: RequestContext,
    if_match: str | None,
    death_category: str,
    harm_types: list[str],
    maltreatment: list[str],
    reason: str,
) -> None:
    """The incident coding, through the web form's service; replacing one already recorded
    needs If-Match. The first recording without it still refuses (412) to overwrite one
    recorded meanwhile: the service's version 0 means "none yet"."""
    with transaction.atomic():
        review = locked(Review.objects.select_related("notification", "board"), review.pk)
        current = coded(review)
        if current is not None or if_match:
            require_match(if_match, coding_data(review, current))
        with stale_is_412():
            incident.record_coding(
                review,
                actor=actor,
                context=context,
                death_category=death_category,
                harm_types=harm_types,
                maltreatment=maltreatment,
                lock_version=current.lock_version if current is not None else 0,
                reason=reason,
            )
