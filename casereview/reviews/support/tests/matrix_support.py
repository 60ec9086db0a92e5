"""Objects of another board's review for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from datetime import date

from casereview.reviews.models import (
    Appointment,
    ExpertAdvice,
    ParallelProcess,
    PartnerBoard,
    Professional,
)


def _appointment(review, world) -> Appointment:
    appointment, _ = Appointment.objects.get_or_create(
        review=review,
        user=world.outsider,
        role="independent_expert",
        defaults={
            "kind": "race_culture",
            "appointed_on": date(2026, 3, 11),
            "ended_on": date(2026, 3, 12),
        },
    )
    return appointment


def _expert(review, world) -> dict:
    return {"item_pk": _appointment(review, world).pk}


def _live_appointment(review, world) -> dict:
    """An appointment not yet ended, of a user made for it (to be ended)."""
    from casereview.accounts.models import Membership, User

    user, _ = User.objects.get_or_create(username=f"matrix_expert_{review.board_id}")
    Membership.objects.get_or_create(user=user, board=review.board, role="independent_expert")
    appointment = Appointment.objects.create(
        review=review,
        user=user,
        role="independent_expert",
        kind="disability",
        appointed_on=date(2026, 3, 11),
    )
    return {"item_pk": appointment.pk}


def _partner(review, world) -> dict:
    from casereview.accounts.models import Board

    board, _ = Board.objects.get_or_create(
        slug="northfell", defaults={"name": "Northfell SCB", "area": "Northfell"}
    )
    item, _ = PartnerBoard.objects.get_or_create(
        review=review, board=board, defaults={"reason": "The child lived there"}
    )
    return {"item_pk": item.pk}


def _advice(review, world) -> dict:
    appointment = _appointment(review, world)
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
    "reviews:expert_sections": _expert,
    "reviews:partner_sections": _partner,
    "reviews:partner_remove": _partner,
    "reviews:appointment_end": _live_appointment,
    "reviews:expert_advice_considered": _advice,
    "reviews:professional_edit": _professional,
    "reviews:parallel_edit": _process,
}
