"""Shared set-up for the family tests (no tests here): a decided review and its people
register."""

from __future__ import annotations

from casereview.cases.models import Person, PersonKind
from casereview.procedure.engine import evaluate
from conftest import make_notification
from tests.test_access_matrix import with_review


def review_of(world, **child):
    n = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police], child=child
    )
    return with_review(n, world.user("board_chair")).review


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
