"""WT2018: a child who died in custody or detention is notified to the national Panel and
has a rapid review even when abuse or neglect is not known or suspected (the regime's
`died_in_custody` criterion; the obligations apply on `abuse_or_neglect | died_in_custody`)."""

from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Board
from casereview.cases.screening import screen_notification
from casereview.procedure.engine import evaluate
from casereview.reviews.models import OutboundNotification, Recipient
from conftest import make_notification, verified_client

DUTIES = ("national_panel_notified", "rapid_review")


def _results(notification) -> dict:
    return {r.obligation.id: r for r in evaluate(notification)}


def _under_wt2018(world, **fields):
    Board.objects.filter(pk=world.board.pk).update(default_regime="wt2018")
    world.board.refresh_from_db()
    return make_notification(world.board, world.user("board_manager"), received_at=None, **fields)


def test_a_death_in_custody_is_notified_and_rapidly_reviewed_without_abuse(world):
    n = _under_wt2018(world, abuse_neglect="not", death_in_custody=True)
    assert screen_notification(n).outcome_id == "notify_panel_and_rapid_review"
    results = _results(n)
    for duty in DUTIES:
        assert results[duty].status == "due", duty
    assert "died in custody" in results["rapid_review"].applies_description
    assert " or " in results["rapid_review"].applies_description
    OutboundNotification.objects.create(
        board=n.board,
        notification=n,
        recipient=Recipient.NATIONAL_PANEL,
        purpose="Serious child safeguarding incident notification",
        sent_on=timezone.localdate(),
        method="Online notification form",
        copy="Synthetic copy.",
    )
    assert _results(n)["national_panel_notified"].status == "met"
    page = verified_client(world.user("board_manager")).get(
        reverse("reviews:case_duties", args=[n.pk])
    )
    assert page.status_code == 200 and "rapid review" in page.text.lower()


def test_a_death_not_in_custody_without_abuse_owes_neither(world):
    n = _under_wt2018(world, abuse_neglect="not", death_in_custody=False)
    assert screen_notification(n).outcome_id == "criteria_not_met"
    results = _results(n)
    for duty in DUTIES:
        assert results[duty].status == "not_applicable", duty


def test_abuse_or_neglect_still_brings_both_duties(world):
    n = _under_wt2018(world, abuse_neglect="suspected", death_in_custody=False)
    results = _results(n)
    for duty in DUTIES:
        assert results[duty].status == "due", duty
