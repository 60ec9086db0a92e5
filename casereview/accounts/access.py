"""Access helpers: the only way a view reaches case data.

`get_for()` answers 404 to users who cannot see the object at all and 403 to those who
can see it but may not do the action; both are recorded as denials in the audit trail,
under the board of the object (when it exists) so that its auditors see them.
Writes are recorded by the service that makes them; a request that reaches case data and
writes nothing is recorded as one read by `casereview.audit.middleware` when it ends.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import mark_read, record

from .permissions import can, can_at_all


def _visible(model_or_qs: type[Model] | QuerySet, user, scope: str = "case.view") -> QuerySet:
    qs = model_or_qs if isinstance(model_or_qs, QuerySet) else model_or_qs.objects.all()
    return qs.visible_to(user, scope)


def get_for(
    request: HttpRequest,
    model_or_qs: type[Model] | QuerySet,
    pk: Any,
    action: str = "case.view",
    *,
    scope: str = "case.view",
) -> Any:
    """Fetch one object for this request's user, or deny (404/403) with an audit event.

    `scope` is the action that makes the object visible at all (404 otherwise); `action`
    is what the user wants to do with it (403 if not theirs)."""
    qs = _visible(model_or_qs, request.user, scope)
    model = qs.model
    try:
        obj = qs.filter(pk=pk).first()
    except (ValueError, ValidationError):
        obj = None
    if obj is None:
        board_id = board_of(model, pk)
        record(
            "deny",
            model,
            Outcome.NOT_FOUND,
            object_id=_safe_id(pk),
            board_id=board_id,
            actor=request.user,
            context=context_of(request),
        )
        raise Http404
    if action != scope and not can(request.user, action, obj):
        record(
            "deny",
            obj,
            Outcome.DENIED,
            detail={"action": action},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied
    mark_read(request, obj)
    return obj


def require(request: HttpRequest, action: str, obj: Any, *alternatives: str) -> None:
    """Refuse (403, audited) unless the user may do `action`, or one of `alternatives`, on
    `obj` (already visible)."""
    actions = (action, *alternatives)
    if not any(can(request.user, a, obj) for a in actions):
        record(
            "deny",
            obj,
            Outcome.DENIED,
            detail={"action": "|".join(actions)},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied


def require_at_all(request: HttpRequest, action: str, *alternatives: str, on: Any) -> None:
    """Refuse (403, audited) unless one of the user's grants gives `action`, or one of
    `alternatives`, at all (`can_at_all`): for pages of no board's object. `on` is what the
    refusal is recorded against (a model class or a label)."""
    actions = (action, *alternatives)
    if not any(can_at_all(request.user, a) for a in actions):
        record(
            "deny",
            on,
            Outcome.DENIED,
            detail={"action": "|".join(actions)},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied


def list_for(
    request: HttpRequest, model_or_qs: type[Model] | QuerySet, scope: str = "case.view"
) -> QuerySet:
    """The rows of a list page; the page records one read event for the list itself."""
    return _visible(model_or_qs, request.user, scope)


def board_of(model: type[Model], pk: Any) -> int | None:
    """The board of the object a refused request tried to reach, if it exists at all, so
    that the refusal shows in that board's audit log. The user still gets a plain 404."""
    lookup = getattr(model, "board_lookup", "board_id")
    if lookup is None:  # the national store: no board
        return None
    try:
        return model._base_manager.filter(pk=pk).values_list(lookup, flat=True).first()
    except (ValueError, ValidationError):
        return None


def _safe_id(pk: Any) -> str:
    try:
        return str(uuid.UUID(str(pk)))
    except ValueError:
        return str(pk)[:36] if str(pk).isdigit() else "invalid"
