"""The family's part in a review (Rotherham 19.3, 19.5): who is involved and how, the
child's involvement, the log of contacts, and letters in the preferred language. Each
write checks its input and records one audit event, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.models import Person, PersonKind
from casereview.cases.vocab import Language
from casereview.lib.date_rules import check_dates

from ..dates import CHILD_INVOLVEMENT_DATES, CONTACT_DATES, review_bounds
from ..models import (
    ChildInvolvement,
    ContactPurpose,
    FamilyContact,
    FamilyInvolvement,
    InvolvementBasis,
    Review,
)
from . import letters


def family_people(review: Review):
    """Everyone in the case's people register who is family (for contacts)."""
    return Person.objects.filter(notification_id=review.notification_id, kind=PersonKind.FAMILY)


def family_members(review: Review):
    """The family for the review: parental responsibility first, then a legitimate
    interest (19.5)."""
    return family_people(review).filter(
        Q(parental_responsibility=True) | Q(legitimate_interest=True)
    )


def language_name(code: str) -> str:
    try:
        return Language(code).label
    except ValueError:
        return code


@dataclass
class Member:
    person: Person
    involvement: FamilyInvolvement | None
    contacts: int


def members_with_involvement(review: Review) -> list[Member]:
    people = list(family_members(review).order_by("-parental_responsibility", "family_name"))
    involvements = {i.person_id: i for i in review.family.all()}
    counts: dict = {}
    for person_id in review.family_contacts.values_list("person_id", flat=True):
        counts[person_id] = counts.get(person_id, 0) + 1
    return [Member(p, involvements.get(p.pk), counts.get(p.pk, 0)) for p in people]


def record_involvement(
    review: Review,
    person: Person,
    *,
    actor,
    context: RequestContext,
    basis: str,
    involved: bool,
    extent: str,
    board_reason: str,
    views_of_parents: str,
) -> FamilyInvolvement:
    """A family member's involvement. For someone with a legitimate interest the board's
    reason and the views of those with parental responsibility are both required (19.5)."""
    if person.notification_id != review.notification_id or person.kind != PersonKind.FAMILY:
        raise ValidationError("This person is not in the family of this review's case")
    errors: dict = {}
    if basis == InvolvementBasis.PARENTAL_RESPONSIBILITY and not person.parental_responsibility:
        errors["basis"] = (
            "The people register does not record parental responsibility for "
            f"{person.full_name}; correct the register first"
        )
    if basis == InvolvementBasis.LEGITIMATE_INTEREST:
        if not person.legitimate_interest:
            errors["basis"] = (
                "The people register does not record a legitimate interest for "
                f"{person.full_name}; correct the register first"
            )
        if not board_reason:
            errors["board_reason"] = (
                "Enter why the board believes involving them is in the child's best interests"
            )
        if not views_of_parents:
            errors["views_of_parents"] = "Enter the views of those with parental responsibility"
    if involved and not extent:
        errors["extent"] = "Enter the extent of their involvement"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        involvement, created = FamilyInvolvement.objects.update_or_create(
            review=review,
            person=person,
            defaults={
                "basis": basis,
                "involved": involved,
                "extent": extent,
                "board_reason": board_reason,
                "views_of_parents": views_of_parents,
            },
        )
        record(
            "family.involvement.create" if created else "family.involvement.update",
            involvement,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"basis": basis, "involved": involved},
        )
    return involvement


def record_child_involvement(
    review: Review,
    *,
    actor,
    context: RequestContext,
    involved: bool,
    how: str,
    reason_not: str,
    recorded_on: date,
) -> ChildInvolvement:
    """Whether the child is involved according to age and development, and how, or why not."""
    if involved and not how:
        raise ValidationError({"how": "Enter how the child is involved"})
    if not involved and not reason_not:
        raise ValidationError({"reason_not": "Enter why the child is not involved"})
    check_dates({"recorded_on": recorded_on}, CHILD_INVOLVEMENT_DATES, review_bounds(review))
    with transaction.atomic():
        child, created = ChildInvolvement.objects.update_or_create(
            review=review,
            defaults={
                "involved": involved,
                "how": how if involved else "",
                "reason_not": "" if involved else reason_not,
                "recorded_on": recorded_on,
            },
        )
        record(
            "family.child_involvement.create" if created else "family.child_involvement.update",
            child,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"involved": involved},
        )
    return child


def record_contact(
    review: Review,
    *,
    actor,
    context: RequestContext,
    person: Person,
    on: date,
    method: str,
    language: str,
    interpreter: bool,
    purposes: list[str],
    note: str,
) -> FamilyContact:
    if person.notification_id != review.notification_id or person.kind != PersonKind.FAMILY:
        raise ValidationError({"person": "Choose a family member of this review's case"})
    check_dates({"on": on}, CONTACT_DATES, review_bounds(review))
    unknown = set(purposes) - set(ContactPurpose.values)
    if unknown:
        raise ValidationError({"purposes": "Select only the purposes listed"})
    with transaction.atomic():
        contact = FamilyContact(
            review=review,
            person=person,
            on=on,
            method=method,
            language=language,
            interpreter=interpreter,
            purposes=[p for p in ContactPurpose.values if p in purposes],
            note=note,
        )
        contact.full_clean()
        contact.save()
        record(
            "family.contact.create",
            contact,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={
                "method": method,
                "purposes": contact.purposes,
                "preferred_language": in_preferred_language(contact, person),
            },
        )
    return contact


def in_preferred_language(contact: FamilyContact, person: Person) -> bool:
    """As the check `preferred_language_used` reads it (19.3)."""
    return contact.language == person.preferred_language or contact.interpreter


@dataclass
class LoggedContact:
    contact: FamilyContact
    purposes: list[str]
    preferred_ok: bool
    preferred_name: str
    language_name: str


def contact_log(review: Review) -> list[LoggedContact]:
    labels = dict(ContactPurpose.choices)
    rows = review.family_contacts.select_related("person").order_by("-on", "-id")
    return [
        LoggedContact(
            c,
            [labels.get(p, p) for p in c.purposes],
            in_preferred_language(c, c.person),
            language_name(c.person.preferred_language),
            language_name(c.language),
        )
        for c in rows
    ]


# --- Letters ---------------------------------------------------------------------------


@dataclass
class LetterOutcome:
    """A letter in the person's preferred language, or why there is none."""

    person: Person
    template: str
    language: str
    language_name: str
    letter: letters.Letter | None

    @property
    def missing_message(self) -> str:
        return f"No {self.language_name} translation: arrange translation or an interpreter"


def letter_values(review: Review, person: Person, sender) -> dict:
    child = review.notification.child
    first_name = child.given_names.split()[0] if child and child.given_names.strip() else ""
    return {
        "addressee": person.full_name,
        "child_first_name": first_name,
        "board": review.board.name,
        "reference": review.reference,
        "sender_name": sender.get_full_name() or sender.get_username(),
        # The job title as recorded; no English wording is added to a translated letter.
        "sender_role": getattr(sender, "job_title", "") or review.board.name,
        "sender_contact": sender.email,
    }


def letter_for(review: Review, person: Person, template: str, *, sender) -> LetterOutcome:
    """The letter `template` in the person's preferred language. Where that language has no
    translation the outcome has no letter, never an English one (19.3)."""
    language = person.preferred_language
    try:
        letter = letters.render(
            template, language, on=timezone.localdate(), **letter_values(review, person, sender)
        )
    except letters.NoTranslation:
        return LetterOutcome(person, template, language, language_name(language), None)
    name = language_name(language) if language in Language.values else letter.language_name
    return LetterOutcome(person, template, language, name, letter)


def record_letter_export(
    review: Review, outcome: LetterOutcome, *, actor, context: RequestContext
) -> None:
    """Producing a letter takes the family's details out of the service on paper: one
    "export" event (no contact is recorded; the user records it when the letter is sent)."""
    record(
        "export",
        outcome.person,
        actor=actor,
        context=context,
        board_id=review.board_id,
        detail={
            "what": "family.letter",
            "template": outcome.template,
            "language": outcome.language,
            "review": str(review.pk),
        },
    )


def letter_languages(people) -> dict:
    """For each family member, whether their preferred language has letters (by person id)."""
    found = {}
    for person in people:
        found[person.pk] = all(
            letters.available(person.preferred_language, t) for t in letters.TEMPLATES
        )
    return found
