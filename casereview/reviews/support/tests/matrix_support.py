"""Objects of another board's review for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from datetime import date

from casereview.reviews.models import (
    Appointment,
    ExpertAdvice,
    ParallelProcess,
    Professional,
)


def _advice(review, world) -> dict:
    appointment = Appointment.objects.create(
        review=review,
        user=world.outsider,
        role="independent_expert",
        kind="race_culture",
        appointed_on=date(2026, 3, 11),
        ended_on=date(2026, 3, 12),
    )
    item = ExpertAdvice.objects.create(
        review=review,
        appointment=appointment,
        about="Terms of reference",
        advice="Synthetic advice.",
        given_on=date(2026, 3, 12),
    )
    return {"item_pk": item.pk}


def _professional(review, world) -> dict:
    item = Professional.objects.create(
        review=review, agency=review.board.agencies.first(), role="Social worker"
    )
    return {"item_pk": item.pk}


def _process(review, world) -> dict:
    item = ParallelProcess.objects.create(review=review, kind="inquest")
    return {"item_pk": item.pk}


ITEMS: dict = {
    "reviews:expert_advice_considered": _advice,
    "reviews:professional_edit": _professional,
    "reviews:parallel_edit": _process,
}
