"""Asking for an overview report: the run row, the audit event, the background task."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from casereview.audit.services import record as audit

from .models import OverviewReportRun
from .report import Period


def request_report(p: Period, *, actor, context) -> OverviewReportRun:
    from .report_tasks import build_overview_report

    with transaction.atomic():
        run = OverviewReportRun.objects.create(
            period_from=p.start, period_to=p.end, requested_by=actor, requested_at=timezone.now()
        )
        audit(
            "overview_report.request",
            run,
            actor=actor,
            context=context,
            detail={"from": p.start.isoformat(), "to": p.end.isoformat()},
        )
    build_overview_report.enqueue(str(run.pk))
    run.refresh_from_db()
    return run
