"""Shared set-up for the family tests (no tests here): a decided review and its people
register."""

from __future__ import annotations

from casereview.cases.models import Person, PersonKind
from casereview.procedure.engine import evaluate


def person(review, **fields) -> Person:
    values = {
        "board": review.board,
        "notification": review.notification,
        "kind": PersonKind.FAMILY,
        "given_names": "Sam",
        "family_name": "Parent",
        "relationship": "mother",
        "parental_responsibility": True,
        "preferred_language": "en",
    }
    values.update(fields)
    return Person.objects.create(**values)


def status(review, obligation_id: str) -> str:
    results = {r.obligation.id: r for r in evaluate(review)}
    return results[obligation_id].status
