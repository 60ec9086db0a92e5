"""Shared set-up for the family tests: people of the review's register."""

from __future__ import annotations

from casereview.cases.models import Person, PersonKind


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
