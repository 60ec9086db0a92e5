"""Factories of national records and lessons for the tests of the overview report, recurring
issues, search and child deaths (synthetic: no case behind them)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from casereview.national.models import NationalLesson, NationalRecord

_keys = itertools.count(1)


def make_record(lessons: list[str | tuple[str, list[str]]] = (), **fields) -> NationalRecord:
    """A record with its lessons: each a text, or (text, theme codes)."""
    n = next(_keys)
    values = {
        "source_key": f"test-board/SCR-{n:05d}",
        "board_name": "Testshire SCB",
        "region": "north_east",
        "regime": "wt2018",
        "vocabulary_version": "2026.1",
        "incident_month": date(2025, 1, 1),
        "notified_month": date(2025, 1, 1),
        "decided_month": date(2025, 2, 1),
        "completed_month": date(2025, 9, 1),
        "published_month": date(2025, 10, 1),
        "age_band": "under_1",
        "sex": "female",
        "ethnicity_group": "W1",
        "disability": "no",
        "looked_after": "no",
        "plan_status": "none",
        "outcome": "death",
        "death_category": "severe_physical_assault",
        "recommendation_types": ["training"],
        "timeliness": {
            "decision_in_time": True,
            "completed_in_time": False,
            "published_on_time": True,
        },
        "submitted_via": "sign_off",
        "submitted_at": datetime(2025, 10, 1, tzinfo=UTC),
        "content_hash": f"{n:064d}",
    }
    values.update(fields)
    record = NationalRecord.objects.create(**values)
    for position, lesson in enumerate(lessons, start=1):
        text, themes = (lesson, []) if isinstance(lesson, str) else lesson
        NationalLesson.objects.create(
            record=record, position=position, text=text, category="practice", themes=themes
        )
    return record


def make_publication(world, summary: str, *, withdrawn: bool = False, title: str = "A review"):
    """A published report of a new review of board A, with its public summary."""
    from django.utils import timezone

    from casereview.publication.models import Publication, Rendering, Report, ReportVersion
    from conftest import review_of

    manager = world.user("board_manager")
    now = timezone.now()
    report = Report.objects.create(review=review_of(world), kind="executive_summary")
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        sections=[{"key": "draft", "title": "Draft", "text": "Unpublished draft wording zanzibar"}],
        created_by=manager,
        created_at=now,
    )
    rendering = Rendering.objects.create(
        version=version, format="pdf", status="done", requested_by=manager, requested_at=now
    )
    return Publication.objects.create(
        report=report,
        rendering=rendering,
        title=title,
        summary=summary,
        published_at=now,
        published_by=manager,
        keep_until=date(2029, 1, 1),
        withdrawn_at=now if withdrawn else None,
        withdrawn_reason="Published in error" if withdrawn else "",
    )
