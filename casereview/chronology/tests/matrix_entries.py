"""Objects of a review's agency chronology for the access-control matrices: URL name -> a
function (review, world) that makes the object the URL names and returns the URL kwargs."""

from datetime import date

from django.utils import timezone


def _chronology(review, world):
    from casereview.chronology.services import chronology_for

    return chronology_for(review, review.notification.agencies.order_by("name").first())


def _review(review, world):
    return {"review_id": review.pk}


def _agency(review, world):
    return {"review_id": review.pk, "chronology_id": _chronology(review, world).pk}


def _entry(review, world):
    from casereview.chronology.models import ChronologyEntry

    chronology = _chronology(review, world)
    entry = ChronologyEntry.objects.filter(chronology=chronology).first()
    if entry is None:
        entry = ChronologyEntry.objects.create(
            review=review,
            chronology=chronology,
            agency=chronology.agency,
            occurred_from=date(2025, 6, 3),
            occurred_to=date(2025, 6, 3),
            precision="day",
            source_ref="MATRIX-1",
            event="Home visit",
            source="browser",
            entered_by=review.notification.created_by,
            entered_at=timezone.now(),
        )
    return {"review_id": review.pk, "chronology_id": chronology.pk, "entry_id": entry.pk}


ITEMS = {
    "chronology:agencies": _review,
    "chronology:agency": _agency,
    "chronology:entry_add": _agency,
    "chronology:submit": _entry,  # an entry to submit
    "chronology:reopen": _agency,
    "chronology:entry_edit": _entry,
    "chronology:entry_withdraw": _entry,
}


def entry_body(lock_version: int = 0) -> dict:
    """What the entry form sends: no source reference, so that it may be sent again."""
    return {
        "lock_version": lock_version,
        "precision": "day",
        "occurred_from_day": "3",
        "occurred_from_month": "6",
        "occurred_from_year": "2025",
        "source_ref": "",
        "event": "Home visit",
        "child_seen": "unknown",
    }
