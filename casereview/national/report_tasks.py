"""The overview report built in the background (django.tasks), its progress on its run."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from .models import OverviewReportRun, RunStatus
from .report import Period, as_data, build
from .report_pdf import render


def run_report(run: OverviewReportRun) -> OverviewReportRun:
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status"])

    def progress(done: int, total: int) -> None:
        OverviewReportRun.objects.filter(pk=run.pk).update(steps_done=done, steps_total=total + 1)

    try:
        overview = build(Period(run.period_from, run.period_to), progress)
        run.pdf = render(overview, timezone.localdate(run.requested_at))
        run.tables = as_data(overview)
        run.status = RunStatus.DONE
    except Exception as error:  # the run page shows it; the worker goes on
        run.status = RunStatus.FAILED
        run.error = type(error).__name__
    run.refresh_from_db(fields=["steps_total"])
    run.steps_done = run.steps_total
    run.finished_at = timezone.now()
    run.save()
    return run


@task()
def build_overview_report(run_id: str) -> str:
    return run_report(OverviewReportRun.objects.get(pk=run_id)).status
