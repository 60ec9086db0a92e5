"""Objects of another board's review for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from casereview.cases.models import Person, PersonKind


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


def _letter(review, world) -> dict:
    return {**_parent(review, world), "template": "told_of_review"}


ITEMS: dict = {
    "reviews:family_involvement": _parent,
    "reviews:family_not_contacted": _parent,
    "reviews:family_letter": _letter,
    "reviews:family_letter_download": _letter,
}
