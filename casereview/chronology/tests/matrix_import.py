"""Objects of a review for the access matrices (tests/matrix.py): URL name -> a function
(review, world) that makes the object the URL names and returns the URL's kwargs."""


def _chronology(review, world):
    from casereview.chronology.services import chronology_for

    return chronology_for(review, review.board.agencies.order_by("name").first())


def _on_chronology(review, world):
    return {"review_id": review.pk, "chronology_id": _chronology(review, world).pk}


def _import(review, world):
    from casereview.chronology.importing.service import make_import

    chronology = _chronology(review, world)
    started = make_import(chronology, "chronology.csv")
    return {"review_id": review.pk, "chronology_id": chronology.pk, "import_id": started.pk}


ITEMS: dict = {
    "chronology:import": _on_chronology,
    "chronology:template": _on_chronology,
    "chronology:import_status": _import,
    "chronology:import_restart": _import,
}


def chronology_csv() -> bytes:
    """A one-row chronology file, as an agency would upload it."""
    return (
        b"Date,Event or contact,Child seen\r\n12/03/2025,Home visit by the health visitor,yes\r\n"
    )
