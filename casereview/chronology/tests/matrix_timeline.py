"""Objects of a review's integrated chronology for the access-control matrices: URL name ->
a function (review, world) that makes the object the URL names and returns the extra URL
kwargs."""

from datetime import date

from django.utils import timezone


def _entry(review):
    from casereview.chronology.models import ChronologyEntry
    from casereview.chronology.services import chronology_for

    agency = review.board.agencies.order_by("pk").first()
    found = ChronologyEntry.objects.filter(review=review, agency=agency).first()
    if found:
        return found
    return ChronologyEntry.objects.create(
        review=review,
        chronology=chronology_for(review, agency),
        agency=agency,
        occurred_from=date(2025, 3, 12),
        occurred_to=date(2025, 3, 12),
        precision="day",
        source="browser",
        source_ref="MATRIX-1",
        event="Home visit",
        entered_by=review.decision.decided_by,
        entered_at=timezone.now(),
    )


def _entry_item(review, world):
    return {"item_pk": _entry(review).pk}


def _conflict(review, world):
    from casereview.chronology.models import EventGroup

    group = EventGroup.objects.create(
        review=review, conflict=True, conflict_summary="Child seen: no (Health), yes (Police)"
    )
    return {"item_pk": group.pk}


def _episode(review, world):
    from casereview.chronology.models import KeyPracticeEpisode

    episode = KeyPracticeEpisode.objects.create(
        review=review,
        title="The first visits",
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 3, 31),
        marked_by=review.decision.decided_by,
        marked_at=timezone.now(),
    )
    episode.entries.add(_entry(review))
    return {"item_pk": episode.pk}


ITEMS: dict = {
    "chronology:entry_significance": _entry_item,
    "chronology:conflict": _conflict,
    "chronology:episode": _episode,
    "chronology:episode_withdraw": _episode,
}
