"""Background tasks of the chronology (Django's tasks API; the database backend of
django-tasks-db in production, run by `python -m casereview db_worker`)."""

from __future__ import annotations

from django.tasks import task

from .importing.service import run_import
from .models import ChronologyImport


@task()
def run_chronology_import(import_id: str) -> str:
    """Read one uploaded chronology file; the outcome is on the ChronologyImport row."""
    started = ChronologyImport.objects.get(pk=import_id)
    return run_import(started).status
