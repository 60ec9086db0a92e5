"""Starting and running an import. The run reads the file twice, streaming both times: the
first pass checks every row and writes its progress to the ChronologyImport row as it goes
(short autocommitted updates, so the status page can read them); only when no row is bad
does the second pass insert the entries in batches inside one transaction. Peak memory does
not depend on the file's size (only on the number of bad rows reported)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import SYSTEM, RequestContext
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.documents import services as documents
from casereview.documents.validation import CSV, XLSX
from casereview.reviews.dates import review_bounds

from .. import summary
from ..models import AgencyChronology, ChronologyEntry, ChronologyImport, EntrySource, ImportStatus
from ..services import period_under_review
from .columns import HeaderProblem, match_headers
from .readers import is_blank, rows_of
from .rows import RowChecker

log = logging.getLogger(__name__)
BATCH = 1000
PROGRESS_EVERY = 500
SKIPPED_LISTED = 200
UNREADABLE = (
    "The file could not be read as a spreadsheet: save it again as CSV or Excel (XLSX) "
    "from the template and upload it again"
)

NOT_STALLED = (
    "This import is not stalled: it is still running or has finished. Refresh the page to see"
    " its progress."
)

Progress = Callable[[str, int, int | None], None]


def start_import(
    chronology: AgencyChronology, upload, *, actor, context: RequestContext
) -> ChronologyImport:
    """Keep the file through the documents module (its checks; CSV or XLSX only) and make
    the import, queued; the caller enqueues the task once this has committed."""
    with transaction.atomic():
        document = documents.store(
            board=chronology.review.board,
            owner=chronology,
            upload=upload,
            actor=actor,
            context=context,
            only=(CSV, XLSX),
            windows_text=True,
        )
        started = ChronologyImport.objects.create(
            review=chronology.review,
            chronology=chronology,
            agency=chronology.agency,
            document=document,
            original_name=document.original_name,
            started_by=actor,
            started_at=timezone.now(),
        )
        record(
            "chronology.import.start",
            started,
            actor=actor,
            context=context,
            detail={"chronology": str(chronology.pk), "type": document.extension},
        )
    return started


def restart_import(
    imported: ChronologyImport, *, actor, context: RequestContext
) -> ChronologyImport:
    """Queue a stalled import again (its file is kept; nothing of it was saved). The caller
    enqueues the task once this has committed. Refused unless it is still stalled."""
    with transaction.atomic():
        locked = ChronologyImport.objects.select_for_update().get(pk=imported.pk)
        if not locked.stalled(timezone.now()) or locked.document_id is None:
            raise ValidationError(NOT_STALLED)
        ChronologyImport.objects.filter(pk=locked.pk).update(
            status=ImportStatus.QUEUED, rows_read=0, progress_at=None
        )
        record("chronology.import.restart", locked, actor=actor, context=context)
    imported.refresh_from_db()
    return imported


def make_import(chronology: AgencyChronology, name: str, *, actor=None) -> ChronologyImport:
    """An import of a file read from disk (the command): no stored document."""
    return ChronologyImport.objects.create(
        review=chronology.review,
        chronology=chronology,
        agency=chronology.agency,
        original_name=name[:255],
        started_by=actor,
        started_at=timezone.now(),
    )


def _estimate(path: Path, extension: str) -> int | None:
    """About how many rows the file has (for the progress bar), without reading it whole."""
    if extension == "xlsx":
        from openpyxl import load_workbook

        with path.open("rb") as handle:
            workbook = load_workbook(handle, read_only=True)
            try:
                return workbook.active.max_row
            finally:
                workbook.close()
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            lines += chunk.count(b"\n")
    return lines


class _Refused(Exception):
    def __init__(self, errors: list[dict]):
        self.errors = errors


def _rows(path: Path, extension: str, checker_for):
    """(number, values) of the data rows after matching the header; blank rows dropped."""
    rows = rows_of(path, extension)
    for number, values in rows:
        if is_blank(values):
            continue
        try:
            checker = checker_for(match_headers(values))
        except HeaderProblem as problem:
            raise _Refused([{"row": number, "column": "", "reason": str(problem)}]) from None
        break
    else:
        raise _Refused([{"row": 1, "column": "", "reason": "The file has no rows"}])
    for number, values in rows:
        if not is_blank(values):
            yield checker, number, values


def run_import(
    started: ChronologyImport,
    path: Path | None = None,
    *,
    context: RequestContext = SYSTEM,
    progress: Progress | None = None,
) -> ChronologyImport:
    """Check then (when every row is good) insert; the import row records the outcome."""
    imported = ChronologyImport.objects.select_related("review", "chronology__agency").get(
        pk=started.pk
    )
    if imported.status != ImportStatus.QUEUED:
        return imported
    if path is None:
        path = documents.path_of(imported.document)
    extension = (
        "xlsx"
        if path.suffix.lower() == ".xlsx"
        or (imported.document and imported.document.extension == "xlsx")
        else "csv"
    )
    today = timezone.localdate()
    period = period_under_review(imported.review)
    agency_name = imported.chronology.agency.name
    born = review_bounds(imported.review).date_of_birth

    def checker_for(positions):
        return RowChecker(agency_name, today, period, positions, born)

    def report(stage: str, done: int, total: int | None) -> None:
        if progress:
            progress(stage, done, total)

    try:
        total = _estimate(path, extension)
        ChronologyImport.objects.filter(pk=imported.pk).update(
            status=ImportStatus.RUNNING, rows_total=total, progress_at=timezone.now()
        )
        errors, read = _check(imported, path, extension, checker_for, total, report)
        if errors:
            return _finish(imported, ImportStatus.REFUSED, rows_read=read, errors=errors)
        with transaction.atomic():
            counts = _insert(imported, path, extension, checker_for, read, report)
            return _finish(imported, ImportStatus.DONE, rows_read=read, **counts)
    except _Refused as refused:
        return _finish(imported, ImportStatus.REFUSED, errors=refused.errors)
    except Exception as error:  # any unreadable file ends the import as failed
        log.warning("chronology import %s unreadable: %s", imported.pk, type(error).__name__)
        return _finish(
            imported,
            ImportStatus.FAILED,
            errors=[{"row": None, "column": "", "reason": UNREADABLE}],
        )


def _check(imported, path, extension, checker_for, total, report) -> tuple[list[dict], int]:
    errors: list[dict] = []
    read = 0
    for checker, number, values in _rows(path, extension, checker_for):
        _, problems = checker.check(number, values)
        errors.extend(problems)
        read += 1
        if read % PROGRESS_EVERY == 0:
            ChronologyImport.objects.filter(pk=imported.pk).update(
                rows_read=read, progress_at=timezone.now()
            )
            report("check", read, total)
    ChronologyImport.objects.filter(pk=imported.pk).update(
        rows_read=read, rows_total=read, progress_at=timezone.now()
    )
    report("check", read, read)
    return errors, read


def _insert(imported, path, extension, checker_for, total, report) -> dict:
    counts = {"created_count": 0, "skipped_count": 0, "context_count": 0, "skipped": []}
    now = timezone.now()
    # Inside the saving transaction: the import's row stays locked while this task lives, so
    # a restart of a stalled import (restart_import) waits for it instead of running twice.
    ChronologyImport.objects.filter(pk=imported.pk).update(progress_at=now)
    batch: list[tuple[int, dict]] = []

    def flush() -> None:
        refs = {fields["source_ref"] for _, fields in batch if fields["source_ref"]}
        known = set(
            ChronologyEntry.objects.filter(
                chronology=imported.chronology, source_ref__in=refs, withdrawn_at__isnull=True
            ).values_list("source_ref", flat=True)
        )
        entries = []
        for number, fields in batch:
            ref = fields["source_ref"]
            if ref and ref in known:
                counts["skipped_count"] += 1
                if len(counts["skipped"]) < SKIPPED_LISTED:
                    counts["skipped"].append({"row": number, "source_ref": ref})
                continue
            known.add(ref)
            counts["context_count"] += fields["is_context"]
            entries.append(
                ChronologyEntry(
                    review_id=imported.review_id,
                    chronology_id=imported.chronology_id,
                    agency_id=imported.agency_id,
                    source=EntrySource.IMPORT,
                    imported_by_id=imported.pk,
                    source_row=number,
                    entered_by_id=imported.started_by_id,
                    entered_at=now,
                    **fields,
                )
            )
        ChronologyEntry.objects.bulk_create(entries, batch_size=BATCH)
        if entries:
            summary.mark_changed(imported.review_id)
        counts["created_count"] += len(entries)
        batch.clear()

    done = 0
    for checker, number, values in _rows(path, extension, checker_for):
        fields, _ = checker.check(number, values)
        batch.append((number, fields))
        done += 1
        if len(batch) >= BATCH:
            flush()
            report("save", done, total)
    flush()
    report("save", done, total)
    return counts


def _finish(imported: ChronologyImport, status: str, **fields) -> ChronologyImport:
    """The outcome on the import row, with the import's one audit event."""
    fields = {"status": status, "finished_at": timezone.now(), **fields}
    with transaction.atomic():
        ChronologyImport.objects.filter(pk=imported.pk).update(**fields)
        imported.refresh_from_db()
        record(
            "chronology.import",
            imported,
            Outcome.FAILED if status == ImportStatus.FAILED else Outcome.OK,
            actor=imported.started_by,
            context=SYSTEM,
            detail={
                "status": status,
                "rows": imported.rows_read,
                "created": imported.created_count,
                "skipped": imported.skipped_count,
                "context": imported.context_count,
                "errors": len(imported.errors),
            },
        )
    return imported
