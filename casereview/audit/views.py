"""The audit trail's pages: each board's log for its auditors, board managers and
administrators, and the security log of events that belong to no board (sign-in
failures, lockouts, refusals of nothing in particular) for auditors and administrators.
Both filter, page, and download as CSV; auditors can check the chain from either."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import export, integrity, lines, readers
from .checkpoints import CheckpointFileError
from .context import context_of
from .filters import AuditFilterForm
from .models import AuditEvent, Outcome
from .services import record

PAGE_SIZE = 50
LOGS = {
    "board": ("audit/log.html", "audit:log", "audit:export"),
    "security": ("audit/security.html", "audit:security", "audit:security_export"),
}


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


def _events(request, log: str):
    """The events of this log the user may read; refuses (and records it) otherwise."""
    if log == "security":
        if not readers.may_read_security_events(request.user):
            _refuse(request, "audit.security")
        return AuditEvent.objects.filter(board_id__isnull=True)
    board_ids = readers.boards_readable_by(request.user)
    if not board_ids:
        _refuse(request, "audit.view")
    return AuditEvent.objects.filter(board_id__in=board_ids)


def _filtered(request, events):
    actions = events.order_by().values_list("action", flat=True).distinct()
    form = AuditFilterForm(request.GET or None, actions=list(actions))
    return form, form.apply(events) if form.is_bound else events


def _detail(form, **detail) -> dict:
    # The names of the filters used, never their values (a person's name, say).
    if used := form.used():
        detail["filters"] = used
    return detail


def _page(request, log: str):
    template, _, export_url = LOGS[log]
    form, events = _filtered(request, _events(request, log))
    page = Paginator(events.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    # Read the rows now, so that the page shows the events as they were when it was counted,
    # not this read (recorded next) in place of the oldest of them.
    page.object_list = list(page.object_list)
    record(
        "audit.read",
        AuditEvent,
        detail=_detail(form, log=log, page=page.number),
        actor=request.user,
        context=context_of(request),
    )
    return render(
        request,
        template,
        {
            "page": page,
            "lines": lines.describe(page.object_list),
            "form": form,
            "export_url": export_url,
            "show_address": log == "security",
            "may_verify": readers.may_read_security_events(request.user),
            "elided": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        },
    )


def board_log(request):
    return _page(request, "board")


def security_log(request):
    return _page(request, "security")


def _export(request, log: str):
    form, events = _filtered(request, _events(request, log))
    if form.is_bound and not form.is_valid():
        return redirect(LOGS[log][1])
    events = events.order_by("id")
    detail = _detail(form, log=log, rows=events.count())
    record(
        "audit.export", AuditEvent, detail=detail, actor=request.user, context=context_of(request)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        export.csv_lines(events, show_address=log == "security"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{log}-{stamp}.csv"'
    return response


def board_export(request):
    return _export(request, "board")


def security_export(request):
    return _export(request, "security")


@require_POST
def verify(request):
    """Checks the whole chain and the signed checkpoints, as `casereview audit verify`."""
    if not readers.may_read_security_events(request.user):
        _refuse(request, "audit.security")
    try:
        result, count = integrity.verify_against_file(settings.AUDIT_CHECKPOINT_FILE)
    except (OSError, CheckpointFileError):
        record(
            "audit.verify",
            AuditEvent,
            Outcome.FAILED,
            detail={"file": "unreadable"},
            actor=request.user,
            context=context_of(request),
        )
        messages.error(request, "The checkpoint file cannot be read. Ask the service's operators.")
    else:
        intact = result.problem is None
        record(
            "audit.verify",
            AuditEvent,
            Outcome.OK if intact else Outcome.FAILED,
            detail={"checked": result.checked, "checkpoints": count, "intact": intact},
            actor=request.user,
            context=context_of(request),
        )
        if intact:
            messages.success(
                request,
                f"The audit chain is intact: {result.checked} events checked against "
                f"{count} signed checkpoint(s).",
            )
        else:
            messages.error(
                request,
                f"The audit chain is broken after {result.checked} good events: "
                f"{result.problem}. Tell the service's operators at once.",
            )
    back = request.POST.get("log")
    return redirect(LOGS.get(back, LOGS["board"])[1])
