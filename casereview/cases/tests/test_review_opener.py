"""The decision to hold a review calls the one opener the reviews app registers."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from casereview.audit.context import SYSTEM
from casereview.cases import review_opener
from casereview.cases.models import Decision
from casereview.cases.references import review_reference
from casereview.cases.services import record_decision, record_panel_recommendation


def _hold_review(notification, chair):
    record_panel_recommendation(
        notification, actor=chair, context=SYSTEM, recommendation="review_required", reasons="r"
    )
    return record_decision(
        notification,
        actor=chair,
        context=SYSTEM,
        outcome="hold_review",
        reasons="r",
        dissent="",
        decided_on=date(2026, 3, 10),
    )


def test_the_registered_opener_opens_the_review_inside_the_decision(world, notification):
    decision = _hold_review(notification, world.user("board_chair"))
    assert decision.review.reference == review_reference(notification.reference)


def test_a_decision_with_no_opener_registered_fails_and_saves_nothing(
    world, notification, monkeypatch
):
    monkeypatch.setattr(review_opener, "_opener", None)
    with pytest.raises(ImproperlyConfigured, match="No review opener is registered"):
        _hold_review(notification, world.user("board_chair"))
    assert not Decision.objects.exists()
