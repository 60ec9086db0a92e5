"""Importing an agency's chronology from a file: the upload page, the status page that
refreshes while the background task reads the file, and the XLSX template."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.documents.validation import XLSX
from casereview.lib.forms import submitted
from casereview.reviews.lookup import review_for

from .import_forms import ChronologyFileForm
from .importing.columns import COLUMNS
from .importing.service import restart_import, start_import
from .importing.template import template_for
from .models import AgencyChronology, ChronologyImport, ImportStatus
from .tasks import run_chronology_import

READ = "section.chronology"
WRITE = "chronology.write"
RUNNING = (ImportStatus.QUEUED, ImportStatus.RUNNING)
REFRESH_SECONDS = 3


def _chronology(request, review, chronology_id, action) -> AgencyChronology:
    return get_for(
        request,
        AgencyChronology.objects.filter(review=review).select_related("agency", "review__board"),
        chronology_id,
        action,
        scope=READ,
    )


def upload(request, review_id, chronology_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id, WRITE)
    form = ChronologyFileForm(request.POST or None, request.FILES or None)
    ok, started = submitted(
        request,
        form,
        lambda: start_import(
            chronology, form.cleaned_data["file"], actor=request.user, context=context_of(request)
        ),
    )
    if ok:
        run_chronology_import.enqueue(str(started.pk))
        return redirect(
            "chronology:import_status",
            review_id=review.pk,
            chronology_id=chronology.pk,
            import_id=started.pk,
        )
    earlier = (
        list_for(request, ChronologyImport, READ)
        .filter(chronology=chronology)
        .select_related("started_by")[:10]
    )
    return render(
        request,
        "chronology/import/upload.html",
        {
            "review": review,
            "chronology": chronology,
            "form": form,
            "columns": COLUMNS,
            "earlier": earlier,
        },
    )


def status(request, review_id, chronology_id, import_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id, READ)
    imported = get_for(
        request,
        ChronologyImport.objects.filter(chronology=chronology).select_related("started_by"),
        import_id,
        READ,
    )
    stalled = imported.stalled(timezone.now())
    running = imported.status in RUNNING and not stalled
    percent = None
    if running and imported.rows_total:
        percent = min(99, round(100 * imported.rows_read / imported.rows_total))
    return render(
        request,
        "chronology/import/status.html",
        {
            "review": review,
            "chronology": chronology,
            "imported": imported,
            "running": running,
            "saving": running and imported.rows_total and imported.rows_read >= imported.rows_total,
            "percent": percent,
            "refresh": REFRESH_SECONDS,
            "done": imported.status == ImportStatus.DONE,
            "refused": imported.status in (ImportStatus.REFUSED, ImportStatus.FAILED),
            "stalled": stalled,
            "may_restart": stalled
            and imported.document_id is not None
            and can(request.user, WRITE, chronology),
        },
    )


@require_POST
def restart(request, review_id, chronology_id, import_id):
    """Queue a stalled import again (its worker stopped; nothing of the file was saved)."""
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id, WRITE)
    imported = get_for(
        request, ChronologyImport.objects.filter(chronology=chronology), import_id, WRITE
    )
    try:
        restart_import(imported, actor=request.user, context=context_of(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        run_chronology_import.enqueue(str(imported.pk))
        messages.success(request, "The import has been started again")
    return redirect(
        "chronology:import_status",
        review_id=review.pk,
        chronology_id=chronology.pk,
        import_id=imported.pk,
    )


def template(request, review_id, chronology_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id, WRITE)
    name = slugify(f"chronology {chronology.agency.name} {review.reference}")
    return FileResponse(
        io.BytesIO(template_for(chronology.agency.name)),
        as_attachment=True,
        filename=f"{name}.xlsx",
        content_type=XLSX.content_type,
    )
