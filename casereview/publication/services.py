"""The identifier register's writes: built from the people register, added to, corrected
and removed with a reason (kept, audited)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.vocab import PersonKind
from casereview.reviews.models import Review

from .anonymiser.register import Term, parse_date
from .models import RegisterTerm, TermKind, TermSource, TermStatus

STALE = "Someone else changed this entry while you were editing it: check it and try again"


def person_role(person) -> str:
    """The role a person's pseudonym is made from ("Child A", "the mother")."""
    if person.kind == PersonKind.CHILD:
        return "child"
    if person.kind == PersonKind.OTHER_CHILD:
        return "sibling"
    return person.get_relationship_display().lower() if person.relationship else ""


def _aliases(text: str) -> str:
    return "\n".join(a.strip() for a in re.split(r"[,;\n]", text or "") if a.strip())


def _people_terms(person) -> list[dict]:
    """The register entries of one person of the people register."""
    role = person_role(person)
    name = f"{person.given_names} {person.family_name}".strip()
    found = [dict(kind=TermKind.PERSON, value=name, role=role, aliases=_aliases(person.aliases))]
    if person.date_of_birth:
        found.append(dict(kind=TermKind.DOB, value=person.date_of_birth.isoformat(), role=role))
    # One line: the anonymiser also matches its first part ("14 Heron Close").
    address = ", ".join(line.strip(" ,") for line in (person.address or "").splitlines())
    if address.strip(", "):
        found.append(dict(kind=TermKind.ADDRESS, value=address.strip(", "), role=role))
    if person.school:
        found.append(dict(kind=TermKind.SCHOOL, value=person.school, role=""))
    if person.gp_practice:
        found.append(dict(kind=TermKind.ORG, value=person.gp_practice, role=""))
    if person.nhs_number:
        found.append(dict(kind=TermKind.NHS_NUMBER, value=person.nhs_number, role=role))
    return found


def active(review: Review):
    return review.register_terms.filter(status=TermStatus.ACTIVE)


def terms_of(review: Review) -> list[Term]:
    """The anonymiser's register for this review: its terms in use."""
    return [t.as_term() for t in active(review).order_by("added_at")]


def build_from_people(review: Review, *, actor, context: RequestContext) -> int:
    """Add what the people register of the review's case holds and the register lacks;
    returns how many entries were added. Entries corrected or removed are not added back."""
    with transaction.atomic():
        # Corrected and removed entries count as known: a rebuild never brings them back.
        known = {(t.kind, t.value.casefold(), t.person_id) for t in review.register_terms.all()}
        added = 0
        for person in review.notification.people.order_by("kind", "family_name"):
            for fields in _people_terms(person):
                key = (fields["kind"], fields["value"].casefold(), person.pk)
                if key in known:
                    continue
                known.add(key)
                RegisterTerm.objects.create(
                    review=review,
                    source=TermSource.PEOPLE,
                    person_id=person.pk,
                    added_by=actor,
                    **fields,
                )
                added += 1
        record(
            "register.build",
            review,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "added": added},
        )
    return added


def _check(kind: str, value: str) -> None:
    if kind in (TermKind.DOB, TermKind.DATE):
        day = parse_date(value)
        if day is None:
            raise ValidationError({"value": "Enter the date like 2019-03-14 or 14/03/2019"})
        if day > timezone.localdate():
            raise ValidationError({"value": "The date must be today or in the past"})
    if kind in (TermKind.NHS_NUMBER, TermKind.PHONE) and not re.fullmatch(
        r"[\d +()-]{7,20}", value
    ):
        raise ValidationError({"value": "Enter the number's digits (spaces are fine)"})


def add_term(
    review: Review,
    *,
    actor,
    context: RequestContext,
    kind: str,
    value: str,
    role: str,
    aliases: str,
) -> RegisterTerm:
    _check(kind, value)
    with transaction.atomic():
        term = RegisterTerm.objects.create(
            review=review,
            kind=kind,
            value=value.strip(),
            role=role.strip().lower(),
            aliases=_aliases(aliases),
            source=TermSource.HAND,
            added_by=actor,
        )
        record(
            "register.add",
            term,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "kind": kind},
        )
    return term


CLOSED = "This entry has already been corrected or removed"


def _close(term: RegisterTerm, lock_version: int, *, actor, status: str, reason: str) -> None:
    if term.status != TermStatus.ACTIVE:
        raise ValidationError(CLOSED)
    updated = RegisterTerm.objects.filter(
        pk=term.pk, lock_version=lock_version, status=TermStatus.ACTIVE
    ).update(
        status=status,
        reason=reason,
        changed_by=actor,
        changed_at=timezone.now(),
        lock_version=lock_version + 1,
    )
    if not updated:
        raise ValidationError(STALE)


def correct_term(
    term: RegisterTerm,
    *,
    actor,
    context: RequestContext,
    value: str,
    role: str,
    aliases: str,
    reason: str,
    lock_version: int,
) -> RegisterTerm:
    """A corrected entry: the old one kept (corrected, with the reason), a new one in use."""
    _check(term.kind, value)
    with transaction.atomic():
        _close(term, lock_version, actor=actor, status=TermStatus.CORRECTED, reason=reason)
        new = RegisterTerm.objects.create(
            review=term.review,
            kind=term.kind,
            value=value.strip(),
            role=role.strip().lower(),
            aliases=_aliases(aliases),
            source=term.source,
            person_id=term.person_id,
            added_by=actor,
        )
        RegisterTerm.objects.filter(pk=term.pk).update(replaced_by=new)
        record(
            "register.correct",
            term,
            actor=actor,
            context=context,
            board_id=term.review.board_id,
            detail={"review": str(term.review_id), "kind": term.kind, "replaced_by": str(new.pk)},
        )
    return new


def remove_term(
    term: RegisterTerm, *, actor, context: RequestContext, reason: str, lock_version: int
) -> None:
    """Out of use (kept, with the reason): the anonymiser no longer replaces it."""
    with transaction.atomic():
        _close(term, lock_version, actor=actor, status=TermStatus.REMOVED, reason=reason)
        record(
            "register.remove",
            term,
            actor=actor,
            context=context,
            board_id=term.review.board_id,
            detail={"review": str(term.review_id), "kind": term.kind},
        )
