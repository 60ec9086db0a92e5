"""Updates made through the API: each checks If-Match against the record's current
representation under the row lock, then calls the domain service (which audits it)."""

from __future__ import annotations

from django.db import transaction

from casereview.audit.context import RequestContext
from casereview.cases import corrections, services
from casereview.cases.models import Notification, PanelRecommendation

from .conditional import require_match
from .representations import notification_data, notifications, screening_data


def _locked(notification: Notification) -> Notification:
    Notification.objects.select_for_update().filter(pk=notification.pk).first()
    return notifications().get(pk=notification.pk)


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
        current = _locked(notification)
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
        current = _locked(notification)
        if PanelRecommendation.objects.filter(notification=current).exists():
            require_match(if_match, screening_data(current))
        services.record_panel_recommendation(
            current, actor=actor, context=context, recommendation=recommendation, reasons=reasons
        )
