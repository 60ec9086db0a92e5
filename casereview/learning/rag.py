"""The rule that suggests an action's RAG rating; a person sets the rating itself.

Green: the change is achieved (completed or verified). Red: unacceptable progress (past its
target date and not completed, or within SOON days of it and not started). Amber otherwise."""

from __future__ import annotations

from datetime import date, timedelta

from .models import ActionStatus, Rag

SOON = timedelta(days=30)
DONE = (ActionStatus.COMPLETED, ActionStatus.VERIFIED)


def is_overdue(status: str, target_date: date, today: date) -> bool:
    return status not in DONE and target_date < today


def suggest(status: str, target_date: date, today: date) -> str:
    if status in DONE:
        return Rag.GREEN
    if target_date < today:
        return Rag.RED
    if status == ActionStatus.NOT_STARTED and target_date - today <= SOON:
        return Rag.RED
    return Rag.AMBER
