"""Background tasks of the chronology (Django's tasks API; the database backend of
django-tasks-db in production, run by `python -m casereview db_worker`)."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from casereview.audit.context import SYSTEM
from casereview.reviews.models import Review

from . import summary
from .importing.service import run_import
from .merge import rebuild
from .models import ChronologyImport, ImportStatus


@task()
def run_chronology_import(import_id: str) -> str:
    """Read one uploaded chronology file; the outcome is on the ChronologyImport row."""
    started = ChronologyImport.objects.get(pk=import_id)
    finished = run_import(started)
    if finished.status == ImportStatus.DONE and finished.created_count:
        rebuild(finished.review, actor=None, context=SYSTEM)
    return finished.status


@task()
def rebuild_integrated(review_id: str) -> int:
    """Merge the review's entries again (groups, conflicts) after an import or an edit; the
    panel's notes on groups that still exist are kept (merge.rebuild)."""
    review = Review.objects.get(pk=review_id)
    return len(rebuild(review, actor=None, context=SYSTEM).groups)


def schedule_rebuild(review_id) -> None:
    """Call in the transaction that wrote the entries: marks the timeline's kept summary
    stale, and once the transaction commits, merges again in the background (a 5,000-entry
    review takes seconds, too long to make the person who saved an entry wait)."""
    summary.mark_changed(review_id)
    transaction.on_commit(lambda: rebuild_integrated.enqueue(str(review_id)))
