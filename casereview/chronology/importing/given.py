"""Importing an agency's chronology from entries given as data (the API) rather than a file:
the same row checks as the file import, all or nothing, entries already imported (same
source reference) skipped, one ChronologyImport row for provenance and one audit event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record

from .. import summary
from ..models import AgencyChronology, ChronologyEntry, EntrySource, ImportStatus
from ..services import period_under_review
from .columns import COLUMNS
from .rows import RowChecker
from .service import make_import

# The keys an entry may give, in the file's column order (no agency: it is the chronology's).
KEYS = tuple(c.key for c in COLUMNS if c.key != "agency")
POSITIONS = {key: at for at, key in enumerate(KEYS)}
TITLE_KEYS = {c.title: c.key for c in COLUMNS}
NAME = "Entries given through the API"


class EntriesRefused(Exception):
    """Every problem of the entries given: [{"index": 3, "field": "date", "reason": ...}]."""

    def __init__(self, problems: list[dict]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def check_entries(chronology: AgencyChronology, given: list[dict]) -> list[dict]:
    """The entries' fields as the file import reads them; EntriesRefused lists every bad one."""
    checker = RowChecker(
        chronology.agency.name,
        timezone.localdate(),
        period_under_review(chronology.review),
        POSITIONS,
    )
    checked, problems = [], []
    for index, entry in enumerate(given):
        fields, errors = checker.check(index, [entry.get(key) for key in KEYS])
        problems.extend(
            {"index": index, "field": TITLE_KEYS.get(e["column"], ""), "reason": e["reason"]}
            for e in errors
        )
        checked.append(fields)
    if problems:
        raise EntriesRefused(problems)
    return checked


def import_entries(
    chronology: AgencyChronology, given: list[dict], *, actor, context: RequestContext
) -> dict:
    """Create the entries not imported before (matched by source reference). Returns the
    counts and the indexes skipped; raises EntriesRefused with nothing written."""
    checked = check_entries(chronology, given)
    now = timezone.now()
    with transaction.atomic():
        AgencyChronology.objects.select_for_update().filter(pk=chronology.pk).first()
        started = make_import(chronology, NAME, actor=actor)
        refs = {f["source_ref"] for f in checked if f["source_ref"]}
        known = set(
            ChronologyEntry.objects.filter(
                chronology=chronology, source_ref__in=refs, withdrawn_at__isnull=True
            ).values_list("source_ref", flat=True)
        )
        entries, skipped = [], []
        for index, fields in enumerate(checked):
            ref = fields["source_ref"]
            if ref and ref in known:
                skipped.append({"index": index, "source_ref": ref})
                continue
            known.add(ref)
            entries.append(
                ChronologyEntry(
                    review_id=chronology.review_id,
                    chronology=chronology,
                    agency_id=chronology.agency_id,
                    source=EntrySource.IMPORT,
                    imported_by=started,
                    source_row=index,
                    entered_by=actor,
                    entered_at=now,
                    **fields,
                )
            )
        ChronologyEntry.objects.bulk_create(entries)
        if entries:
            summary.mark_changed(started.review_id)
        counts = {
            "created": len(entries),
            "skipped": len(skipped),
            "context": sum(e.is_context for e in entries),
        }
        type(started).objects.filter(pk=started.pk).update(
            status=ImportStatus.DONE,
            finished_at=timezone.now(),
            rows_read=len(checked),
            rows_total=len(checked),
            created_count=counts["created"],
            skipped_count=counts["skipped"],
            context_count=counts["context"],
            skipped=skipped[:200],
        )
        record(
            "chronology.import",
            started,
            actor=actor,
            context=context,
            detail={"status": ImportStatus.DONE, "rows": len(checked), "api": True, **counts},
        )
    return {**counts, "import": str(started.pk), "skipped_entries": skipped}
