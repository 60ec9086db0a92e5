"""Objects of another board's review for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.audit.context import SYSTEM
from casereview.cases.models import Person, PersonKind
from casereview.documents.tests.corpus import office
from casereview.reviews.family import translations


def _parent(review, world) -> dict:
    person = Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Morgan",
        family_name="Matrixparent",
        relationship="mother",
        parental_responsibility=True,
        preferred_language="cy",
    )
    return {"item_pk": person.pk}


def _contact(review, world) -> dict:
    from datetime import date

    from casereview.reviews.models import FamilyContact

    person = Person.objects.get(pk=_parent(review, world)["item_pk"])
    contact = FamilyContact.objects.create(
        review=review,
        person=person,
        on=date(2026, 3, 18),
        method="letter",
        language="cy",
        purposes=["told_of_review"],
    )
    return {"item_pk": contact.pk}


def _letter(review, world) -> dict:
    return {**_parent(review, world), "template": "told_of_review"}


def _translation(review, world) -> dict:
    """A Polish translation of the board's first letter, waiting for approval."""
    translation = translations.upload(
        review.board,
        actor=review.notification.created_by,
        context=SYSTEM,
        language="pl",
        template="told_of_review",
        upload=SimpleUploadedFile("list.docx", office()),
    )
    return {"item_pk": translation.pk}


ITEMS: dict = {
    "reviews:letter_english": lambda review, world: {"template": "told_of_review"},
    "reviews:letter_translation": _translation,
    "reviews:letter_translation_file": _translation,
    "reviews:family_involvement": _parent,
    "reviews:family_not_contacted": _parent,
    "reviews:family_letter": _letter,
    "reviews:family_contact_correct": _contact,
    "reviews:family_contact_withdraw": _contact,
    "reviews:family_letter_download": _letter,
}
