"""Simultaneous submissions of the chair's decision: one decides, the others are told who
decided and when, and none fails."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from casereview.audit.context import SYSTEM
from casereview.cases import views
from casereview.cases.models import Decision, Notification
from casereview.cases.services import record_decision, record_panel_recommendation
from casereview.reviews.models import Review
from conftest import decide, recommend, verified_client


def _decide(notification, chair, outcome="hold_review"):
    return record_decision(
        notification,
        actor=chair,
        context=SYSTEM,
        outcome=outcome,
        reasons="The criteria in 19.1 are met.",
        dissent="",
        decided_on=date(2026, 3, 12),
    )


def test_a_decision_made_meanwhile_is_found_under_the_lock(world, notification):
    """The page read the notification before another submission decided: the check inside
    the lock refuses the second decision with a message instead of a constraint error."""
    chair = world.user("board_chair")
    record_panel_recommendation(
        notification,
        actor=chair,
        context=SYSTEM,
        recommendation="review_required",
        reasons="r",
    )
    stale = Notification.objects.get(pk=notification.pk)
    _decide(notification, chair)
    with pytest.raises(ValidationError) as refused:
        _decide(stale, chair, outcome="no_review")
    message = refused.value.messages[0]
    assert "already been recorded" in message
    assert "hold a serious case review, by Test Board_Chair on " in message
    assert Decision.objects.get().outcome == "hold_review"
    assert Review.objects.count() == 1


def test_a_recommendation_after_the_decision_leaves_the_case_decided(world, notification):
    chair = world.user("board_chair")
    record_panel_recommendation(
        notification,
        actor=chair,
        context=SYSTEM,
        recommendation="review_required",
        reasons="r",
    )
    stale = Notification.objects.get(pk=notification.pk)
    _decide(notification, chair)
    with pytest.raises(ValidationError, match="already decided"):
        record_panel_recommendation(
            stale,
            actor=chair,
            context=SYSTEM,
            recommendation="no_review",
            reasons="late",
        )
    assert Notification.objects.get(pk=notification.pk).status == "decided"


def test_the_losing_submission_is_shown_the_decision_on_the_page(world, notification, monkeypatch):
    recommend(world, notification)
    chair = world.user("board_chair")
    real = views.services.record_decision

    def another_submission_first(stale, **fields):
        real(Notification.objects.get(pk=stale.pk), **{**fields, "context": SYSTEM})
        return real(stale, **fields)

    monkeypatch.setattr(views.services, "record_decision", another_submission_first)
    response = decide(verified_client(chair), notification, outcome="no_review")
    assert response.status_code == 200
    assert "already been recorded for this notification: no review, by Test Board_Chair" in (
        response.text
    )
    assert notification.child.family_name not in response.text
    assert Decision.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one write transaction at a time (immediate "
    "transactions), so the submissions cannot overlap; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_four_simultaneous_decisions_give_one_decision_and_three_messages(world, notification):
    recommend(world, notification)
    clients = [verified_client(world.user("board_chair")) for _ in range(4)]
    for client in clients:
        client.raise_request_exception = False
    start = threading.Barrier(len(clients))
    statuses: list[int] = []
    pages: list[str] = []

    def submit(client):
        try:
            start.wait()
            response = decide(client, notification)
            statuses.append(response.status_code)
            pages.append(response.text if response.status_code == 200 else "")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 200, 302]
    assert all("already been recorded" in page for page in pages if page)
    assert Decision.objects.count() == 1
    assert Review.objects.count() == 1
