"""The case page's obligation lines (registered in cases/obligation_lines.py): the kept
lines when they are current, otherwise a fresh evaluation.

Read only: a GET of the case page never stores lines. A case behind (just marked stale, not
open so never kept, or not yet worked out today) is evaluated, as the page did before; its
kept lines are brought up to date by the write's own refresh, the nightly task or the
dashboards. Storing from the case page as well would add one more writer of the same rows
beside those, for no gain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from casereview.procedure.engine import Result, evaluate_many

from . import kept
from .models import KeptCase


def case_lines(cases: Iterable[Any]) -> dict[Any, list[Result]]:
    today = timezone.localdate()
    cases = list(cases)
    fresh = set(
        KeptCase.objects.filter(
            case_id__in=[c.pk for c in cases], stale=False, computed_on=today
        ).values_list("case_id", "regime_version")
    )
    if cases and all((c.pk, c.regime_version) in fresh for c in cases):
        return kept.current(cases, today)
    return evaluate_many(cases, today)
