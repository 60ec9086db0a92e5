"""With the database backend of production, an upload only queues the import; the worker
(`casereview db_worker`) runs it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from casereview.chronology.models import ChronologyEntry, ChronologyImport, ImportStatus
from casereview.chronology.services import chronology_for
from conftest import review_of

from .helpers import csv_bytes, rows, upload


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes its database connections after its batch, as in production: the test
# runs outside a transaction so that this is what happens on PostgreSQL too.
@pytest.mark.django_db(transaction=True)
def test_the_upload_queues_and_the_worker_imports(world, client_for, database_tasks):
    review = review_of(world)
    chronology = chronology_for(review, world.police)
    client = client_for(world.user("agency_author"))
    kwargs = {"review_id": review.pk, "chronology_id": chronology.pk}
    response = client.post(
        reverse("chronology:import", kwargs=kwargs), {"file": upload(csv_bytes(rows(3, "")))}
    )
    imported = ChronologyImport.objects.get()
    assert imported.status == ImportStatus.QUEUED
    page = client.get(response["Location"]).text
    assert "Waiting to start" in page and 'http-equiv="refresh"' in page
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")
    imported.refresh_from_db()
    assert imported.status == ImportStatus.DONE
    assert ChronologyEntry.objects.filter(chronology=chronology).count() == 3
