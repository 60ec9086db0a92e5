"""Corrections with a reason: the one mechanism every record of a case is amended through.

`amend()` applies new values to a record in a transaction, keeps the record as it was
before (a snapshot of its fields as JSON) beside the values after, who, when and why, in
an `Amendment`, and writes one audit event (`<record>.amended`, `...removed`, ...) whose
detail names the fields changed, never their values. Records that change in other ways
(a new version, a re-decision) apply their change themselves and call `keep()`.

Obligations read the records, which hold the current state; the amendments are history.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from casereview.accounts.models import Agency
from casereview.accounts.permissions import can, reaches_every_row
from casereview.audit.context import RequestContext
from casereview.audit.services import record

from .models import Amendment, AmendmentKind, Notification

REASON_REQUIRED = "Enter the reason for the correction"
NOTHING_CHANGED = "Nothing was changed: change a value, or go back"
# Fields that are bookkeeping, not facts: never compared or shown.
_SKIPPED = {"id", "board", "notification", "review", "lock_version"}


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The record's fields as JSON (a foreign key as its id), in the model's field order."""
    names = (
        list(fields)
        if fields is not None
        else [
            f.name
            for f in obj._meta.concrete_fields
            if f.name not in _SKIPPED and not f.primary_key
        ]
    )
    return {name: _json(obj._meta.get_field(name).value_from_object(obj)) for name in names}


def keep(
    obj: models.Model,
    *,
    notification: Notification,
    before: dict,
    after: dict,
    kind: str,
    reason: str,
    label: str,
    action: str,
    actor,
    context: RequestContext,
    read_action: str = "case.view",
) -> Amendment:
    """Store one amendment of `obj` (its change already applied, in the caller's
    transaction) and write its audit event. The reason is required."""
    if not (reason or "").strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    with transaction.atomic():
        amendment = Amendment.objects.create(
            board_id=notification.board_id,
            notification=notification,
            record_type=obj._meta.label_lower,
            record_id=str(obj.pk),
            record_label=label,
            read_action=read_action,
            kind=kind,
            before=_json(before),
            after=_json(after),
            reason=reason.strip(),
            amended_by=actor,
            amended_at=timezone.now(),
        )
        record(
            action,
            obj,
            actor=actor,
            context=context,
            board_id=notification.board_id,
            detail={
                "amendment": amendment.pk,
                "kind": kind,
                "fields": amendment.changed,
            },
        )
    return amendment


def amend(
    obj: models.Model,
    changes: dict,
    *,
    notification: Notification,
    reason: str,
    label: str,
    action: str,
    actor,
    context: RequestContext,
    kind: str = AmendmentKind.CORRECTED,
    read_action: str = "case.view",
    fields: Iterable[str] | None = None,
    extra: Callable[[], dict] | None = None,
    apply: Callable[[], None] | None = None,
    exclude_from_clean: Iterable[str] = (),
) -> Amendment:
    """Correct `obj` with `changes` (field → value) and keep what it was.

    `fields` limits the snapshot (default: every field of fact); `extra()` adds values that
    live outside the row (e.g. the agencies involved) to both snapshots, and `apply()`
    changes them. Refuses an empty reason and a correction that changes nothing."""
    if not (reason or "").strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    fields = list(fields) if fields is not None else None
    with transaction.atomic():
        # The row as stored (a model form may already have changed the instance it holds).
        row = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        before = {**snapshot(row, fields), **(extra() if extra else {})}
        for name, value in changes.items():
            setattr(row, name, value)
        row.full_clean(exclude=list(exclude_from_clean))
        row.save()
        if apply:
            apply()
        after = {**snapshot(row, fields), **(extra() if extra else {})}
        if after == before:
            raise ValidationError(NOTHING_CHANGED)
        return keep(
            row,
            notification=notification,
            before=before,
            after=after,
            kind=kind,
            reason=reason,
            label=label,
            action=action,
            actor=actor,
            context=context,
            read_action=read_action,
        )


# --- Reading the history --------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: str
    before: Any
    after: Any


def _label(record_type: str, name: str) -> str:
    try:
        verbose = apps.get_model(record_type)._meta.get_field(name).verbose_name
    except (LookupError, FieldDoesNotExist):
        verbose = name.replace("_", " ")
    return str(verbose)[:1].upper() + str(verbose)[1:]


def _related(record_type: str, name: str):
    """The model a field's stored ids point at (a foreign key, a many-to-many field such as
    a meeting's attendees, or the agencies involved)."""
    if name == "agencies":
        return Agency
    try:
        field = apps.get_model(record_type)._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return None
    related = field.many_to_one or field.one_to_one or field.many_to_many
    return field.related_model if related else None


def _choice(record_type: str, name: str, value: Any) -> Any:
    """A choice shown as its label ("At risk of harm", not "at_risk")."""
    try:
        field = apps.get_model(record_type)._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return value
    labels = {str(k): str(v) for k, v in (getattr(field, "flatchoices", None) or [])}
    return labels.get(str(value), value) if isinstance(value, str) else value


def _named(record_type: str, name: str, value: Any) -> Any:
    """Ids shown as what they name (an agency's name, a user's or a person's)."""
    model = _related(record_type, name)
    if model is None and value not in (None, "", []):
        return _choice(record_type, name, value)
    if model is None or value in (None, "", []):
        return value
    ids = value if isinstance(value, list) else [value]
    found = {str(o.pk): o for o in model._base_manager.filter(pk__in=ids)}
    names = [
        (found[str(i)].display_name() if hasattr(found[str(i)], "display_name") else found[str(i)])
        if str(i) in found
        else i
        for i in ids
    ]
    return [str(n) for n in names] if isinstance(value, list) else str(names[0])


def _shown(value: Any) -> Any:
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def changes_of(amendment: Amendment) -> list[Change]:
    return [
        Change(
            _label(amendment.record_type, name),
            _shown(_named(amendment.record_type, name, amendment.before.get(name))),
            _shown(_named(amendment.record_type, name, amendment.after.get(name))),
        )
        for name in amendment.changed
    ]


def history_for(user, notification: Notification, record_id: str | None = None):
    """The amendments of the case this user may read (each needs its record's read action on
    the case or its review), oldest first; with `record_id`, those of one record."""
    rows = notification.amendments.select_related("amended_by")
    if record_id:
        rows = rows.filter(record_id=record_id)
    review = getattr(notification, "review", None)
    allowed: dict[str, bool] = {}

    def may(action: str) -> bool:
        if action not in allowed:
            if action == "case.view":
                allowed[action] = can(user, action, notification)
            else:
                # A section of the review: only readers of all its rows (an agency author
                # reads only their agency's rows of a section, so not its history).
                allowed[action] = review is not None and reaches_every_row(user, action, review)
        return allowed[action]

    return [a for a in rows if may(a.read_action)]


def corrected_ids(notification: Notification, model: type[models.Model]) -> set[str]:
    """The ids of the records of this kind of the case that have been corrected."""
    return set(
        notification.amendments.filter(record_type=model._meta.label_lower).values_list(
            "record_id", flat=True
        )
    )


def amendment_ids(notification: Notification) -> list[int]:
    """Every amendment of the case (its audit event names it: detail["amendment"])."""
    return list(notification.amendments.values_list("pk", flat=True))


def versions(amendments: Iterable[Amendment], current: dict) -> list[dict]:
    """Every version of one record in order: each amendment's `before`, then `current`."""
    return [a.before for a in amendments] + [current]
