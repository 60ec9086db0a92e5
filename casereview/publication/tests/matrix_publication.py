"""The identifier register's objects for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""


def _term(review, world):
    from casereview.publication.models import RegisterTerm

    term, _ = RegisterTerm.objects.get_or_create(
        review=review,
        kind="person",
        value="Kai Fictional",
        defaults={"role": "child", "added_by": world.outsider},
    )
    return {"item_pk": term.pk}


ITEMS = {
    "publication:term_correct": _term,
    "publication:term_remove": _term,
}
