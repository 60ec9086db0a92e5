"""What the top of the compliance page and the duties page say: where the review is (its
stage as a step indicator) and the next things to do (the earliest open obligations, overdue
first, then by due date), each with its deadline, who does it and where it is recorded.

Plain functions of the engine's results: no queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casereview.accounts.roles import Role
from casereview.procedure.engine import Result

from .models import ReviewStatus
from .timeline import timeline

# The stages a review passes through, in order (closing it is the end, not a step to show).
STEPS: tuple[ReviewStatus, ...] = tuple(s for s in ReviewStatus if s != ReviewStatus.CLOSED)


@dataclass(frozen=True, slots=True)
class Step:
    label: str
    state: str  # "done", "current" or "to_do"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def steps(status: str) -> list[Step]:
    """The review's stages with the one it is at marked current, those before done (a closed
    review has done every step)."""
    if status == ReviewStatus.CLOSED:
        return [Step(s.label, "done") for s in STEPS]
    at = next((i for i, s in enumerate(STEPS) if s == status), 0)
    return [
        Step(s.label, "done" if i < at else "current" if i == at else "to_do")
        for i, s in enumerate(STEPS)
    ]


@dataclass(frozen=True, slots=True)
class NextStep:
    result: Result
    who: str
    where: str  # the page where it is recorded, else its line on this page

    @property
    def due(self) -> date | None:
        return self.result.due

    @property
    def status(self) -> str:
        return self.result.status


def who_does(responsible: str) -> str:
    """The role the regime makes responsible, as people call it."""
    try:
        return Role(responsible).label
    except ValueError:
        return responsible.replace("_", " ").capitalize()


def urgency(result: Result) -> tuple[bool, bool, date]:
    """Overdue first, then by due date; lines without a date (paused, not started) last."""
    return (result.status != "overdue", result.due is None, result.due or date.max)


def next_steps(results: Iterable[Result], case, limit: int = 3) -> list[NextStep]:
    """The `limit` earliest open obligations of `results` (ties kept in the regime's order)."""
    open_ = sorted((r for r in results if r.is_open), key=urgency)
    return [
        NextStep(
            r,
            who_does(r.obligation.responsible),
            r.where(case) or f"#obligation-{r.obligation.id}",
        )
        for r in open_[:limit]
    ]


def open_count(results: Iterable[Result]) -> int:
    return sum(1 for r in results if r.is_open)


def what_next(results: list[Result], case, review, today: date) -> dict:
    """The top of the compliance and duties pages: the review's stages (none without a
    review), the next three things to do, how many lines are open, and the timeline."""
    return {
        "steps": steps(review.status) if review is not None else [],
        "next_steps": next_steps(results, case),
        "open_count": open_count(results),
        "timeline": timeline(results, today),
    }
