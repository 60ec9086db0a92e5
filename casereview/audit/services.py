"""record(): the one way an audit event is written."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from .context import RequestContext
from .models import AuditEvent, AuditHead, Outcome


def object_type_of(obj: Any) -> str:
    if isinstance(obj, type) and issubclass(obj, models.Model):
        return obj._meta.label_lower
    if isinstance(obj, models.Model):
        return obj._meta.label_lower
    return str(obj or "")


def record(
    action: str,
    obj: Any = None,
    outcome: str = Outcome.OK,
    *,
    actor: Any,
    context: RequestContext,
    object_id: Any = None,
    board_id: int | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction if there is one.

    `obj` is a model instance (type and id taken from it), a model class with `object_id`,
    or a plain label. `detail` must hold no personal data: ids, field names, states.
    `actor` is the acting user (None, or an anonymous user, for no one signed in).
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if object_id is None and isinstance(obj, models.Model):
        object_id = obj.pk
    if board_id is None and isinstance(obj, models.Model):
        board_id = getattr(obj, "board_id", None)
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            at=timezone.now(),
            actor_id=actor.pk if actor else None,
            actor_label=actor.get_username() if actor else "",
            board_id=board_id,
            action=action,
            object_type=object_type_of(obj),
            object_id="" if object_id is None else str(object_id),
            outcome=outcome,
            detail=detail or {},
            ip_address=context.ip,
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        head.last_hash = event.hash
        head.count += 1
        head.save(update_fields=["last_hash", "count"])
    context.recorded += 1
    return event


def mark_read(request: HttpRequest, obj: models.Model) -> None:
    """Note that this request reached `obj`; if it records nothing else, the audit
    middleware records one read of it when the response is ready."""
    request._audit_read = obj


def access_log(obj: models.Model):
    """Who has seen or changed this record, newest first."""
    return AuditEvent.objects.filter(
        object_type=object_type_of(obj), object_id=str(obj.pk)
    ).order_by("-at", "-id")
