"""The panel's and the board's sign-off: the quality self-assessment first, the board's
sign-off of the overview completes the review (review_completed), a new version needs the
sign-offs again, and a sign-off given in error is withdrawn with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.procedure.engine import evaluate
from casereview.publication import report_services, report_signoff, signals
from casereview.publication.models import ReportKind, SignOff
from casereview.publication.tests.helpers import rate_everything, review_with_data, start
from casereview.reviews import lifecycle
from casereview.reviews.models import Review, ReviewStatus
from conftest import date_fields

S = ReviewStatus


def _completed(review) -> str:
    return next(r for r in evaluate(review) if r.obligation.id == "review_completed").status


def _sign(client, review, report, who: str, **extra):
    today = timezone.localdate()
    return client.post(
        reverse(f"publication:sign_{who}", args=[review.pk, report.pk]),
        {**date_fields("signed_on", today), "lock_version": report.lock_version, **extra},
    )


def _status(review) -> str:
    return Review.objects.get(pk=review.pk).status


def test_the_board_signing_off_the_overview_completes_the_review(
    world, client_for, django_capture_on_commit_callbacks
):
    review = review_with_data(world)
    report = start(world, review)
    chair = client_for(world.user("panel_chair"))
    page = chair.get(reverse("publication:signoff", args=[review.pk, report.pk]))
    assert "Complete the panel&#x27;s quality self-assessment first: 11 markers" in page.text

    refused = _sign(chair, review, report, "panel")
    assert refused.status_code == 200 and "quality self-assessment first" in refused.text
    assert not SignOff.objects.exists()

    rate_everything(world, review)
    assert _sign(chair, review, report, "panel").status_code == 302
    assert _status(review) == S.PANEL_SIGN_OFF
    assert _completed(review) != "met"
    report.refresh_from_db()
    assert report.stage == "panel_signed"

    # Only the board chair signs for the board.
    assert _sign(chair, review, report, "board").status_code == 403
    heard = []

    def listener(sender, **kwargs):
        heard.append((sender, kwargs["review"].pk, kwargs["report"].pk, kwargs["actor"]))

    signals.board_signed_off.connect(listener)
    try:
        board = client_for(world.user("board_chair"))
        with django_capture_on_commit_callbacks(execute=True):
            assert _sign(board, review, report, "board").status_code == 302
    finally:
        signals.board_signed_off.disconnect(listener)
    assert heard == [(type(report), review.pk, report.pk, world.user("board_chair"))]
    assert _status(review) == S.BOARD_SIGN_OFF
    assert _completed(review) == "met"
    signoff_page = board.get(reverse("publication:signoff", args=[review.pk, report.pk]))
    assert "the board's sign-off of the overview report completes the review" in (signoff_page.text)
    assert 'id="quality-analysis"' in signoff_page.text

    # Signed off by the board: the report is not changed until that sign-off is withdrawn.
    with pytest.raises(ValidationError, match="withdraw the board"):
        report_services.save_version(
            report,
            actor=world.user("board_manager"),
            context=SYSTEM,
            texts={"analysis": "More"},
            lock_version=report.lock_version,
        )


def test_a_new_version_after_the_panels_sign_off_needs_it_again(world, client_for):
    review = review_with_data(world)
    report = start(world, review)
    rate_everything(world, review)
    report_signoff.sign_panel(
        report,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        signed_on=timezone.localdate(),
        lock_version=0,
    )
    assert _status(review) == S.PANEL_SIGN_OFF
    report.refresh_from_db()
    report_services.save_version(
        report,
        actor=world.user("board_manager"),
        context=SYSTEM,
        texts={"analysis": "A late change"},
        lock_version=report.lock_version,
    )
    report.refresh_from_db()
    assert report.stage == "drafting"
    assert report_signoff.current(report, "panel") is None
    assert _status(review) == S.OVERVIEW_DRAFTING
    page = client_for(world.user("board_chair")).get(
        reverse("publication:draft", args=[review.pk, report.pk])
    )
    assert "needs the panel's sign-off again" in page.text
    # The board cannot sign a version the panel has not.
    with pytest.raises(ValidationError, match="The panel signs off this version first"):
        report_signoff.sign_board(
            report,
            actor=world.user("board_chair"),
            context=SYSTEM,
            signed_on=timezone.localdate(),
            lock_version=report.lock_version,
        )


def test_a_sign_off_given_in_error_is_withdrawn_with_a_reason(world, client_for):
    review = review_with_data(world)
    report = start(world, review)
    rate_everything(world, review)
    today = timezone.localdate()
    panel = report_signoff.sign_panel(
        report, actor=world.user("panel_chair"), context=SYSTEM, signed_on=today, lock_version=0
    )
    report.refresh_from_db()
    board = report_signoff.sign_board(
        report, actor=world.user("board_chair"), context=SYSTEM, signed_on=today, lock_version=0
    )
    assert _completed(review) == "met"
    url = reverse("publication:signoff_withdraw", args=[review.pk, report.pk])

    # The panel's sign-off cannot go while the board's stands on it.
    chair = client_for(world.user("panel_chair"))
    page = chair.post(url, {"sign_off": panel.pk, "reason": "Wrong version"})
    assert "Withdraw the board&#x27;s sign-off of this version first" in page.text
    # The panel chair does not withdraw the board's.
    page = chair.post(url, {"sign_off": board.pk, "reason": "Wrong"})
    assert "Only the board chair withdraws this sign-off" in page.text

    board_chair = client_for(world.user("board_chair"))
    missing = board_chair.post(url, {"sign_off": board.pk, "reason": ""})
    assert "Enter why the sign-off is withdrawn" in missing.text
    done = board_chair.post(url, {"sign_off": board.pk, "reason": "Signed the wrong version"})
    assert done.status_code == 302
    board.refresh_from_db()
    assert board.withdrawn_reason == "Signed the wrong version" and board.withdrawn_at
    assert _status(review) == S.PANEL_SIGN_OFF
    assert _completed(review) != "met"
    report.refresh_from_db()
    assert report.stage == "panel_signed"

    assert chair.post(url, {"sign_off": panel.pk, "reason": "Not agreed"}).status_code == 302
    assert _status(review) == S.OVERVIEW_DRAFTING
    report.refresh_from_db()
    assert report.stage == "drafting"
    # Both kept.
    assert SignOff.objects.filter(withdrawn_at__isnull=False).count() == 2


def test_the_review_reaches_the_sign_off_stages_only_through_the_overviews_sign_offs(world):
    review = review_with_data(world)
    manager = world.user("board_manager")
    start(world, review)
    problems = lifecycle.blockers(review, S.PANEL_SIGN_OFF)
    assert problems == [
        "The panel signs off the latest version of the overview report first (on the "
        "overview report's sign-off page)"
    ]
    with pytest.raises(ValidationError):
        lifecycle.move(review, to=S.PANEL_SIGN_OFF, actor=manager, context=SYSTEM)
    # A review whose overview is not drafted here moves as before.
    other = review_with_data(world)
    lifecycle.move(other, to=S.PANEL_SIGN_OFF, actor=manager, context=SYSTEM)


def test_the_executive_summary_is_signed_off_without_moving_the_review(world):
    review = review_with_data(world)
    summary = start(world, review, ReportKind.EXECUTIVE_SUMMARY)
    rate_everything(world, review)
    today = timezone.localdate()
    report_signoff.sign_panel(
        summary, actor=world.user("panel_chair"), context=SYSTEM, signed_on=today, lock_version=0
    )
    assert _status(review) == S.OVERVIEW_DRAFTING
    with pytest.raises(ValidationError) as error:
        report_signoff.sign_board(
            summary,
            actor=world.user("board_chair"),
            context=SYSTEM,
            signed_on=today + timedelta(days=1),
            lock_version=0,
        )
    assert "signed_on" in error.value.message_dict


def test_the_overview_is_signed_off_at_the_overview_drafting_stage(world):
    review = review_with_data(world, status=S.AGENCY_REPORTS)
    report = start(world, review)
    rate_everything(world, review)
    assert report_signoff.panel_blockers(report) == [
        "The review is at agency reports: the panel signs off the overview report at the "
        "overview drafting stage"
    ]


def test_a_sign_off_is_not_dated_before_its_version_nor_the_boards_before_the_panels(
    world, client_for
):
    """A panel's sign-off dated before the version it approves was written, or a board's
    dated before the panel's sign-off of that version, cannot be true: each is refused at
    the date, and nothing is signed."""
    review = review_with_data(world)
    report = start(world, review)
    rate_everything(world, review)
    today = timezone.localdate()
    chair = client_for(world.user("panel_chair"))
    early = _sign(
        chair, review, report, "panel", **date_fields("signed_on", today - timedelta(days=1))
    )
    assert early.status_code == 200
    assert "must be on or after the day this version was saved" in early.text
    assert not SignOff.objects.exists()

    # The version was saved twenty days ago and the panel signed it off five days ago.
    report.versions.update(created_at=timezone.now() - timedelta(days=20))
    five_days_ago = today - timedelta(days=5)
    assert (
        _sign(chair, review, report, "panel", **date_fields("signed_on", five_days_ago)).status_code
        == 302
    )
    report.refresh_from_db()
    board_chair = client_for(world.user("board_chair"))
    before_panel = _sign(
        board_chair, review, report, "board", **date_fields("signed_on", today - timedelta(days=10))
    )
    assert before_panel.status_code == 200
    assert "must be on or after the panel&#x27;s sign-off" in before_panel.text
    assert not SignOff.objects.filter(by="board").exists()
    assert _status(review) == S.PANEL_SIGN_OFF
    same_day = _sign(
        board_chair, review, report, "board", **date_fields("signed_on", five_days_ago)
    )
    assert same_day.status_code == 302
    assert _status(review) == S.BOARD_SIGN_OFF
