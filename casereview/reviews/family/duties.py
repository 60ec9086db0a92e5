"""The family duties of Rotherham 19.5, person by person.

The family is, first, everyone on the people register with parental responsibility, and
then each person the board has given a legitimate interest (an involvement recorded on that
basis, involved). Each of them must be told of the review and its purpose, of the process,
and of the timing and publication of the executive summary; one contact with any relative
is not enough. Where the panel records why someone is not to be contacted (whereabouts
unknown, in custody and the police advise against it, the child's interests), that reason
explains the gap: comply or explain.

The checks (reviews/checks.py) and the family page read the same functions, over the
current state of the register, the involvements, the contacts and the reasons."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from casereview.cases.models import Person, PersonKind
from casereview.procedure.registry import case_keys, ids_expression, shared
from casereview.procedure.rows import fetch, to_date, to_uuid

from ..batch_reviews import review_ids
from ..models import (
    ContactPurpose,
    FamilyContact,
    FamilyInvolvement,
    FamilyNotContacted,
    InvolvementBasis,
)

# The duties told per person, in the order they are usually met.
DUTIES: dict[str, str] = {
    ContactPurpose.TOLD_OF_REVIEW: "Told of the review and its purpose",
    ContactPurpose.PROCESS: "Told about the process",
    ContactPurpose.PUBLICATION: "Told of the timing and publication",
}


@dataclass
class Progress:
    """One duty of one case: how many of those owed it were told, and how many have a
    recorded reason for not being contacted."""

    owed: int = 0
    told: int = 0
    explained: int = 0
    last: date | None = None

    @property
    def met(self) -> bool:
        return self.owed > 0 and self.told + self.explained == self.owed

    def summary(self) -> str:
        """In numbers only: the compliance line names nobody."""
        text = f"{self.told} of {self.owed} told"
        if self.explained:
            text += f"; a reason not to contact is recorded for {self.explained}"
        return text


@dataclass
class CaseDuties:
    """The rows of one case that the duties read."""

    owed: set = field(default_factory=set)
    # person id -> purpose -> the first date they were told of it.
    told: dict = field(default_factory=dict)
    # person id -> the date the reason not to contact them was recorded.
    explained: dict = field(default_factory=dict)
    review_id: object = None

    def progress(self, purpose: str) -> Progress:
        p = Progress(owed=len(self.owed))
        dates: list[date] = []
        for person_id in self.owed:
            on = self.told.get(person_id, {}).get(purpose)
            if on is not None:
                p.told += 1
                dates.append(on)
            elif person_id in self.explained:
                p.explained += 1
                dates.append(self.explained[person_id])
        p.last = max(dates, default=None)
        return p


def _load(owed, reviews, case_key: Callable, person_key: Callable) -> dict:
    """The rows of the cases whose reviews are `reviews`, read through a plain cursor (a
    batch's register is tens of thousands of people). `owed` is (case, person) of the family
    members with parental responsibility the caller has read, keyed as it wants them (by_case
    adds them afterwards); `case_key` and `person_key` turn the ids of the rows read here, as
    the driver gives them, into those keys."""
    found: dict = {}

    def case(key) -> CaseDuties:
        if key not in found:
            found[key] = CaseDuties()
        return found[key]

    for key, person in owed:
        case(key).owed.add(person)
    for case_id, person_id, review_id in fetch(
        FamilyInvolvement.objects.filter(
            review_id__in=reviews,
            basis=InvolvementBasis.LEGITIMATE_INTEREST,
            involved=True,
            person__kind=PersonKind.FAMILY,
        ).values_list("review__notification_id", "person_id", "review_id")
    ):
        c = case(case_key(case_id))
        c.owed.add(person_key(person_id))
        c.review_id = to_uuid(review_id)
    contacts = FamilyContact.objects.filter(review_id__in=reviews).order_by("on")
    for case_id, person_id, on, purposes, review_id in fetch(
        contacts.values_list("review__notification_id", "person_id", "on", "purposes", "review_id")
    ):
        c = case(case_key(case_id))
        c.review_id = to_uuid(review_id)
        told = c.told.setdefault(person_key(person_id), {})
        for purpose in json.loads(purposes) if isinstance(purposes, str) else purposes:
            told.setdefault(purpose, to_date(on))
    for case_id, person_id, on, review_id in fetch(
        FamilyNotContacted.objects.filter(
            review_id__in=reviews, withdrawn_on__isnull=True
        ).values_list("review__notification_id", "person_id", "recorded_on", "review_id")
    ):
        c = case(case_key(case_id))
        c.review_id = to_uuid(review_id)
        c.explained[person_key(person_id)] = to_date(on)
    return found


def by_case(cases) -> dict:
    """{case id: CaseDuties} for the cases of a batch where someone was told or a reason not
    to contact them is recorded: no duty can be met in the others (loaded once per batch;
    the people are keyed by their ids as the database driver gives them)."""

    def load() -> dict:
        keys = case_keys(cases)
        found = _load((), review_ids(cases), keys.__getitem__, _as_given)
        heard = {key: rows for key, rows in found.items() if rows.told or rows.explained}
        # The parents owed the duties, of those cases only: at national scale a few of the
        # batch's ten thousand registers, instead of every parent of every case.
        for case_id, person_id in fetch(_parents(ids_expression(list(heard)))):
            heard[keys[case_id]].owed.add(person_id)
        return heard

    return shared(cases, "family_duties", load)


def _parents(ids):
    """The family members with parental responsibility of the cases `ids`."""
    return (
        Person.objects.filter(
            notification_id__in=ids, kind=PersonKind.FAMILY, parental_responsibility=True
        )
        .order_by()
        .values_list("notification_id", "pk")
    )


def _as_given(value):
    return value


def for_review(review) -> CaseDuties:
    case_id = review.notification_id
    owed = [(case_id, pk) for _, pk in _parents([case_id])]
    return _load(owed, [review.pk], lambda _: case_id, to_uuid).get(case_id, CaseDuties())
