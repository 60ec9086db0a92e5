"""The reviews of a batch of cases, read once for every predicate and check of the batch.

The review tables are read by review id: a batch of ten thousand open cases has a few
thousand reviews, and filtering through every case id looked each of them up in the reviews
first, for every query.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from casereview.procedure.registry import batch_ids_expression, case_ids, case_keys, shared
from casereview.procedure.rows import fetch, to_localdate, to_uuid

from .models import Review


def opened(cases) -> dict:
    """{case: (the local date its review was opened, the review's reference, its id)}."""

    def load() -> dict:
        keys, zone = case_keys(cases), timezone.get_current_timezone()
        rows = Review.objects.filter(notification_id__in=case_ids(cases)).values_list(
            "notification_id", "opened_at", "reference", "pk"
        )
        return {
            keys[case_id]: (to_localdate(at, zone), ref, to_uuid(pk))
            for case_id, at, ref, pk in fetch(rows)
        }

    return shared(cases, "reviews_opened", load)


def review_ids(cases) -> Any:
    """The batch's reviews' ids as one query parameter, for `review_id__in=`."""
    return shared(
        cases,
        "review_ids",
        lambda: batch_ids_expression([pk for _, _, pk in opened(cases).values()]),
    )
