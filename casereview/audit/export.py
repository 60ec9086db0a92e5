"""The audit log as CSV, streamed in batches (each batch's lines in two queries)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.utils import timezone

from . import lines
from .models import AuditEvent

BATCH = 500
HEADER = ["When", "Username", "What happened", "Action", "Record type", "Record id",
          "Case reference", "Outcome"]  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def rows(events, *, show_address: bool) -> Iterator[list[str]]:
    yield HEADER + (["Address"] if show_address else [])
    batch: list[AuditEvent] = []
    for event in events.iterator(chunk_size=BATCH):
        batch.append(event)
        if len(batch) == BATCH:
            yield from _lines(batch, show_address)
            batch = []
    yield from _lines(batch, show_address)


def _lines(batch: list[AuditEvent], show_address: bool) -> Iterator[list[str]]:
    for line in lines.describe(batch):
        e = line.event
        row = [
            timezone.localtime(e.at).isoformat(timespec="seconds"),
            e.actor_label,
            line.text,
            e.action,
            e.object_type,
            e.object_id,
            line.reference,
            e.get_outcome_display(),
        ]
        if show_address:
            row.append(e.ip_address or "")
        yield [safe_cell(cell) for cell in row]


def csv_lines(events, *, show_address: bool) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows(events, show_address=show_address):
        yield writer.writerow(row)
