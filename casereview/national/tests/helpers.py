"""Records for the national tests (not a test module)."""

from __future__ import annotations

from datetime import date
from itertools import count

from django.utils import timezone

from casereview.national import revision
from casereview.national.models import NationalLesson, NationalRecord

_serial = count(1)


def make_record(board_code: str = "eastbrook", lessons=(), **fields) -> NationalRecord:
    """A national record written directly (the store's rules are tested on their own)."""
    n = next(_serial)
    values = dict(
        source_key=f"{board_code}/T{n:05d}",
        board_code=board_code,
        board_name=f"{board_code.title()} SCB",
        region="london",
        regime="wt2018",
        vocabulary_version="2026.1",
        incident_month=date(2024, 5, 1),
        notified_month=date(2024, 5, 1),
        decided_month=date(2024, 6, 1),
        completed_month=date(2025, 3, 1),
        age_band="under_1",
        sex="female",
        ethnicity_group="W1",
        disability="no",
        looked_after="no",
        plan_status="none",
        outcome="death",
        timeliness={},
        submitted_via="api",
        submitted_at=timezone.now(),
        content_hash=f"h{n}",
    )
    values.update(fields)
    record = NationalRecord.objects.create(**values)
    for i, (text, themes) in enumerate(lessons, 1):
        NationalLesson.objects.create(
            record=record, position=i, text=text, category="practice", themes=list(themes)
        )
    revision.bump()  # as every write to the store does (records.store)
    return record


def make_records(n: int, **fields) -> list[NationalRecord]:
    return [make_record(**fields) for _ in range(n)]
