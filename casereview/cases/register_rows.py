"""The batch's people registers, counted once for every predicate and check about people.

The people predicates (cases/checks.py), the other children not yet considered and the
looked-after child each read the register of every case of the batch: each read walked the
same tens of thousands of rows at national scale, and the predicates then went through the
rows one by one in Python. One grouped read counts, per case, what any of them asks.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import Count, Exists, Max, OuterRef, Q

from casereview.procedure.registry import case_ids, case_keys, shared
from casereview.procedure.rows import fetch

from .models import ChildConsidered, Person, PersonKind, other_children_q
from .vocab import PARENT_RELATIONSHIPS, Disability


class CaseRegister(NamedTuple):
    """What one case's people register holds, as the predicates ask it (a tuple: a batch
    holds ten thousand). `case_id` is as the database driver gives it (the hex text of the
    UUID on SQLite), `notification_id` is the case's own pk."""

    notification_id: Any
    case_id: Any
    # The child's ethnicity; None when the register has no child.
    child_ethnicity: str | None
    # The child is looked after (0 or 1).
    child_looked_after: int
    # The child and the parents (vocab.counts_as_parent) recorded as disabled, and those
    # recorded as "not known".
    disabled: int
    disability_not_known: int
    legitimate_interest: int
    # Other children (other_children_q) with no consideration recorded for them yet.
    unconsidered: int


def _child_or_parent() -> Q:
    """`child_or_parent` of a register row (the child, or vocab.counts_as_parent) as a query
    condition."""
    return Q(kind=PersonKind.CHILD) | (
        Q(kind=PersonKind.FAMILY)
        & (Q(relationship__in=list(PARENT_RELATIONSHIPS)) | Q(parental_responsibility=True))
    )


def registers(cases) -> list[CaseRegister]:
    """Per case of the batch with anyone on its register, what the people predicates ask,
    counted in the database once per batch."""

    def load() -> list[CaseRegister]:
        keys = case_keys(cases)
        considered = ChildConsidered.objects.filter(
            notification_id=OuterRef("notification_id"), person_id=OuterRef("pk")
        )
        child = Q(kind=PersonKind.CHILD)
        rows = (
            Person.objects.filter(notification_id__in=case_ids(cases))
            .order_by()
            .values("notification_id")
            .annotate(
                # A register holds one child at most (a unique index).
                child_ethnicity=Max("ethnicity", filter=child),
                child_looked_after=Count("pk", filter=child & Q(looked_after=True)),
                disabled=Count("pk", filter=Q(disability=Disability.YES) & _child_or_parent()),
                disability_not_known=Count(
                    "pk", filter=Q(disability=Disability.NOT_KNOWN) & _child_or_parent()
                ),
                legitimate_interest=Count("pk", filter=Q(legitimate_interest=True)),
                unconsidered=Count("pk", filter=Q(other_children_q(), ~Exists(considered))),
            )
            .values_list(
                "notification_id",
                "child_ethnicity",
                "child_looked_after",
                "disabled",
                "disability_not_known",
                "legitimate_interest",
                "unconsidered",
            )
        )
        return [CaseRegister(keys[row[0]], *row) for row in fetch(rows)]

    return shared(cases, "registers", load)
