"""The audit trail's pages: each board's log for its auditors, board managers and
administrators, and the security log of events that belong to no board (sign-in
failures, lockouts, refusals of nothing in particular) for auditors and administrators."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from casereview.audit.context import context_of

from . import readers
from .models import AuditEvent, Outcome
from .services import record

PAGE_SIZE = 50


def _refuse(request, action: str):
    record(
        "deny",
        AuditEvent,
        Outcome.DENIED,
        detail={"action": action},
        actor=request.user,
        context=context_of(request),
    )
    raise PermissionDenied


def _page(request, events, template: str, log: str, **context):
    page = Paginator(events.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    # Read the rows now, so that the page shows the events as they were when it was counted,
    # not this read (recorded next) in place of the oldest of them.
    page.object_list = list(page.object_list)
    record(
        "audit.read",
        AuditEvent,
        detail={"log": log, "page": page.number},
        actor=request.user,
        context=context_of(request),
    )
    return render(request, template, {"page": page, **context})


def board_log(request):
    board_ids = readers.boards_readable_by(request.user)
    if not board_ids:
        _refuse(request, "audit.view")
    events = AuditEvent.objects.filter(board_id__in=board_ids)
    return _page(request, events, "audit/log.html", "board")


def security_log(request):
    if not readers.may_read_security_events(request.user):
        _refuse(request, "audit.security")
    events = AuditEvent.objects.filter(board_id__isnull=True)
    return _page(request, events, "audit/security.html", "security", show_address=True)
