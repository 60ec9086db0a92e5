"""Audit events written by the support pages, for the area's tests."""

from casereview.audit.models import AuditEvent


def last_event():
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_since(last):
    return list(AuditEvent.objects.filter(pk__gt=last).values_list("action", flat=True))
