"""Entries of an agency's chronology made directly (bulk), for the integrated chronology's
tests: the import and the entry pages are tested elsewhere."""

from __future__ import annotations

from datetime import date, time

from django.utils import timezone

from casereview.chronology.models import ChronologyEntry, DatePrecision
from casereview.chronology.services import chronology_for


def entry(review, agency, on: date, event: str, *, user, **fields) -> ChronologyEntry:
    return entries(review, agency, [dict(on=on, event=event, **fields)], user=user)[0]


def entries(review, agency, rows: list[dict], *, user) -> list[ChronologyEntry]:
    """One entry per row: `on` (a day) or `occurred_from`/`occurred_to` with `precision`,
    `event`, and any other field of ChronologyEntry."""
    chronology = chronology_for(review, agency)
    made = []
    for n, row in enumerate(rows, start=1):
        row = dict(row)
        on = row.pop("on", None)
        made.append(
            ChronologyEntry(
                review=review,
                chronology=chronology,
                agency=agency,
                occurred_from=row.pop("occurred_from", on),
                occurred_to=row.pop("occurred_to", on),
                precision=row.pop("precision", DatePrecision.DAY),
                source=row.pop("source", "browser"),
                source_ref=row.pop("source_ref", f"{agency.pk}-{n}-{on or ''}"),
                entered_by=user,
                entered_at=timezone.now(),
                **row,
            )
        )
    return ChronologyEntry.objects.bulk_create(made)


AT_NINE = time(9, 0)
