"""The board's audit trail for auditors, board managers and administrators."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from casereview.audit.models import AuditEvent, Outcome
from casereview.audit.services import record

from .permissions import ACTIONS, boards_where


def board_log(request):
    board_ids = boards_where(request.user, ACTIONS["audit.view"])
    if not board_ids:
        record(request, "deny", AuditEvent, Outcome.DENIED, detail={"action": "audit.view"})
        raise PermissionDenied
    events = AuditEvent.objects.filter(board_id__in=board_ids).order_by("-id")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    record(request, "audit.read", AuditEvent, detail={"page": page.number})
    return render(request, "audit/log.html", {"page": page})
