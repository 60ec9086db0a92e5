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

from ..dates import (
    CHILD_INVOLVEMENT_DATES,
    CONTACT_DATES,
    NOT_CONTACTED_DATES,
    review_bounds,
)
from ..models import (
    ChildInvolvement,
    ChildQuestion,
    ContactPurpose,
    FamilyContact,
    FamilyInvolvement,
    FamilyNotContacted,
    InvolvementBasis,
    LetterTranslation,
    NoContactReason,
    Review,
)
from . import child as child_rules
from . import duties, letters, translations


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


def preferred_language_name(code: str) -> str:
    """A person's preferred language in words, or "" when it is not known: "Not known" is
    no language to write in or to hold a contact against (record it first, 19.3)."""
    return "" if code == Language.NOT_KNOWN else language_name(code)


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
    question: str,
) -> ChildInvolvement:
    """The answer to the question the child's age and whether the child died ask
    (child.py): how a child who died is represented; whether a young child is heard through
    an advocate, or an older child offered the chance to contribute, and how, or why not."""
    expected = child_rules.question_of(review.notification, recorded_on)
    if question != expected:
        raise ValidationError(
            {
                "recorded_on": "On that date the child's age asks a different question: "
                "open this page again and answer the question it shows"
            }
        )
    if expected == ChildQuestion.REPRESENTED:
        involved, reason_not = True, ""
        if not how:
            raise ValidationError(
                {"how": "Enter how the child's lived experience and voice are represented"}
            )
    if involved and not how:
        raise ValidationError({"how": "Enter how the child is heard or contributes"})
    if not involved and not reason_not:
        raise ValidationError({"reason_not": "Enter why not"})
    check_dates({"recorded_on": recorded_on}, CHILD_INVOLVEMENT_DATES, review_bounds(review))
    with transaction.atomic():
        record_, created = ChildInvolvement.objects.update_or_create(
            review=review,
            defaults={
                "involved": involved,
                "how": how if involved else "",
                "reason_not": "" if involved else reason_not,
                "recorded_on": recorded_on,
                "question": expected,
            },
        )
        record(
            "family.child_involvement.create" if created else "family.child_involvement.update",
            record_,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"involved": involved, "question": expected},
        )
    return record_


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
            preferred_language_name(c.person.preferred_language),
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
    # The board's approved translation (an uploaded file), where the service has no letter.
    translation: LetterTranslation | None = None

    @property
    def missing_message(self) -> str:
        return missing_message(self.language_name)


def missing_message(language_name: str) -> str:
    """What to do when a letter has no approved translation: plain words, no file names."""
    if not language_name:
        return (
            "Their preferred language is not recorded. Record it in the people register "
            "before writing to them."
        )
    return (
        f"There is no approved {language_name} letter yet. Download the English letter, have "
        "it translated, then upload the translation for approval on the board's letter "
        "translations page."
    )


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
        "board_contact": board_contact(review.board),
    }


def board_contact(board) -> str:
    """The board's address, telephone and e-mail from its settings, one a line (no words
    of English added: the letter may be in another language)."""
    lines = [line.strip() for line in board.address.splitlines() if line.strip()]
    return "\n".join([*lines, *(v for v in (board.phone, board.email) if v)])


def letter_for(review: Review, person: Person, template: str, *, sender) -> LetterOutcome:
    """The letter `template` in the person's preferred language. Where that language has no
    translation the outcome has no letter, never an English one (19.3)."""
    language = person.preferred_language
    try:
        letter = letters.render(
            template,
            language,
            on=timezone.localdate(),
            outcome=review.notification.outcome,
            **letter_values(review, person, sender),
        )
    except letters.NoTranslation:
        found = translations.approved(review.board_id, language, template) if language else None
        return LetterOutcome(
            person, template, language, preferred_language_name(language), None, translation=found
        )
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


def letter_languages(board_id: int, people) -> dict:
    """For each family member (by id), whether every letter is available in their
    preferred language: the service's own, or the board's approved translation."""
    board_has = translations.approved_languages(board_id)
    found = {}
    for person in people:
        language = person.preferred_language
        found[person.pk] = bool(language) and all(
            letters.available(language, t) or (language, t) in board_has for t in letters.TEMPLATES
        )
    return found


# --- Not contacted (19.5: comply or explain) -------------------------------------------------


def not_contacted(review: Review, person: Person) -> FamilyNotContacted | None:
    """The reason in force for not contacting `person`, if the panel recorded one."""
    return review.family_not_contacted.filter(person=person, withdrawn_on__isnull=True).first()


def record_not_contacted(
    review: Review,
    person: Person,
    *,
    actor,
    context: RequestContext,
    reason: str,
    detail: str,
    recorded_on: date,
) -> FamilyNotContacted:
    """Why `person` is not to be told of the review. A reason already in force is
    withdrawn (kept, dated) and the new one recorded; one audit event, no names."""
    if person.notification_id != review.notification_id or person.kind != PersonKind.FAMILY:
        raise ValidationError({"reason": "Choose a family member of this review's case"})
    if reason not in NoContactReason.values:
        raise ValidationError({"reason": "Select why they are not to be contacted"})
    if not detail:
        raise ValidationError({"detail": "Enter the panel's explanation"})
    check_dates({"recorded_on": recorded_on}, NOT_CONTACTED_DATES, review_bounds(review))
    with transaction.atomic():
        earlier = not_contacted(review, person)
        if earlier is not None:
            earlier.withdrawn_on = recorded_on
            earlier.save(update_fields=["withdrawn_on"])
        row = FamilyNotContacted(
            review=review,
            person=person,
            reason=reason,
            detail=detail,
            recorded_on=recorded_on,
            recorded_by=actor,
        )
        row.full_clean()
        row.save()
        record(
            "family.not_contacted.create" if earlier is None else "family.not_contacted.update",
            row,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"reason": reason, "replaces": str(earlier.pk) if earlier else ""},
        )
    return row


def withdraw_not_contacted(
    review: Review, person: Person, *, actor, context: RequestContext
) -> FamilyNotContacted | None:
    """The reason no longer holds (their whereabouts became known, the police's advice
    changed): the person is owed the duties again. The row is kept, dated."""
    with transaction.atomic():
        row = not_contacted(review, person)
        if row is None:
            return None
        row.withdrawn_on = timezone.localdate()
        row.save(update_fields=["withdrawn_on"])
        record(
            "family.not_contacted.withdraw",
            row,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"reason": row.reason},
        )
    return row


@dataclass
class PersonDuties:
    """One family member's line of the family page: owed the duties, told of which, and
    the reason in force for not contacting them."""

    owed: bool
    told: list[tuple[str, date | None]]
    reason: FamilyNotContacted | None


def duties_by_person(review: Review, people) -> dict:
    rows = duties.for_review(review)
    labels = list(duties.DUTIES.items())
    reasons = {
        r.person_id: r for r in review.family_not_contacted.filter(withdrawn_on__isnull=True)
    }
    return {
        p.pk: PersonDuties(
            p.pk in rows.owed,
            [(label, rows.told.get(p.pk, {}).get(purpose)) for purpose, label in labels],
            reasons.get(p.pk),
        )
        for p in people
    }
