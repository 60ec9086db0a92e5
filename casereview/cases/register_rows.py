"""The batch's people registers, read once for every predicate and check that counts people.

The people predicates (cases/checks.py), the other children not yet considered and the
looked-after child each read the register of every case of the batch: each read walked the
same tens of thousands of rows at national scale. One read of the rows any of them counts,
through a plain cursor, serves them all.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When

from casereview.procedure.registry import case_ids, case_keys, shared
from casereview.procedure.rows import fetch

from .models import ChildConsidered, Person, PersonKind, other_children_q
from .vocab import Disability, counts_as_parent


class RegisterRow(NamedTuple):
    """A row of a people register as the batch's checks read it (a tuple: a batch holds tens
    of thousands). `case_id` and `person_id` are as the database driver gives them (the
    hex text of the UUID on SQLite), `notification_id` is the case's own pk."""

    notification_id: Any
    case_id: Any
    person_id: Any
    kind: str
    ethnicity: str
    disability: str
    relationship: str
    parental_responsibility: bool
    legitimate_interest: bool
    looked_after: bool
    # An other child (other_children_q) with no consideration recorded for them yet.
    unconsidered: bool

    @property
    def child_or_parent(self) -> bool:
        """The child, or a parent or carer with parental responsibility (19.4)."""
        return self.kind == PersonKind.CHILD or counts_as_parent(
            self.kind, self.relationship, self.parental_responsibility
        )

    @property
    def counted(self) -> bool:
        """One the people predicates can count: the child, a family member who is or may be
        disabled, or someone with a legitimate interest."""
        return bool(
            self.kind == PersonKind.CHILD
            or (self.kind == PersonKind.FAMILY and self.disability in _DISABLED_OR_NOT_KNOWN)
            or self.legitimate_interest
        )


_DISABLED_OR_NOT_KNOWN = (Disability.YES, Disability.NOT_KNOWN)


def _wanted() -> Q:
    """The rows any reader counts (see `RegisterRow`); the rest of the register is not read."""
    return (
        Q(kind=PersonKind.CHILD)
        | Q(kind=PersonKind.FAMILY, disability__in=list(_DISABLED_OR_NOT_KNOWN))
        | Q(legitimate_interest=True)
        | other_children_q()
    )


def register(cases) -> list[RegisterRow]:
    """The rows of the batch's people registers that any predicate or check reads, once."""

    def load() -> list[RegisterRow]:
        keys = case_keys(cases)
        considered = ChildConsidered.objects.filter(
            notification_id=OuterRef("notification_id"), person_id=OuterRef("pk")
        )
        rows = (
            Person.objects.filter(_wanted(), notification_id__in=case_ids(cases))
            .order_by()
            .annotate(
                # Asked of the other children only (the database stops at the first test).
                unconsidered=Case(
                    When(Q(other_children_q(), ~Exists(considered)), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .values_list(
                "notification_id",
                "pk",
                "kind",
                "ethnicity",
                "disability",
                "relationship",
                "parental_responsibility",
                "legitimate_interest",
                "looked_after",
                "unconsidered",
            )
        )
        # SQLite gives the booleans as 0 and 1: the readers only test them.
        return [RegisterRow(keys[row[0]], *row) for row in fetch(rows)]

    return shared(cases, "register", load)
