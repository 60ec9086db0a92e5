"""Completion by the board's sign-off, and the later regimes' rules (issue 9, items 9 and
11), each evaluated by the compliance engine from records made through the real services
and pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.procedure import catalogue
from casereview.procedure.clocks import england_and_wales
from casereview.procedure.engine import evaluate
from casereview.reviews import lifecycle
from casereview.reviews.models import ReviewPlan, ReviewStatus
from conftest import date_fields, decide_in_services, make_notification, verified_client

S = ReviewStatus


def _review(world, regime: str, decided_on: date | None = None):
    world.board.default_regime = regime
    world.board.save(update_fields=["default_regime"])
    if decided_on is None:
        n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    else:
        # A case of its time: the child born, harmed and notified before the decision.
        n = make_notification(
            world.board,
            world.user("board_manager"),
            agencies=[world.police],
            child={"date_of_birth": decided_on - timedelta(days=900)},
            incident_date=decided_on - timedelta(days=30),
            date_of_death=decided_on - timedelta(days=29),
            received_at=datetime.combine(decided_on - timedelta(days=28), time(9), tzinfo=UTC),
        )
    return decide_in_services(n, world.user("board_chair"), on=decided_on).review


def _line(review, obligation_id: str):
    return next(r for r in evaluate(review) if r.obligation.id == obligation_id)


def _plan(world, review, role: str = "board_manager", **fields):
    body = {"agreed_with": "", "reasons": "Agreed at the first panel meeting"}
    for name in ("completion_on", "publication_on"):
        if fields.get(name):
            body.update(date_fields(name, fields.pop(name)))
    body.update(fields)
    client = verified_client(world.user(role))
    return client.post(reverse("reviews:plan", args=[review.pk]), body)


# --- Completion is the board's sign-off; a return undoes it (item 9) ----------------------


def test_review_completed_is_met_by_sign_off_and_lost_when_the_board_returns_it(world):
    review = _review(world, "wt2013")
    review.status = S.PANEL_SIGN_OFF
    review.save(update_fields=["status"])
    manager = world.user("board_manager")
    assert _line(review, "review_completed").status in ("due", "overdue")

    lifecycle.move(review, to=S.BOARD_SIGN_OFF, actor=manager, context=SYSTEM)
    first = _line(review, "review_completed")
    assert first.status == "met" and first.evidence.on == timezone.localdate()
    assert first.evidence.label == "Report signed off by the board"

    later = timezone.now() + timedelta(days=10)
    with time_machine.travel(later):
        lifecycle.move(review, to=S.OVERVIEW_DRAFTING, actor=manager, context=SYSTEM)
        assert _line(review, "review_completed").status != "met"
        # What waits on completion waits again.
        assert _line(review, "staff_debriefed").status == "waiting"
        lifecycle.move(review, to=S.PANEL_SIGN_OFF, actor=manager, context=SYSTEM)
        assert _line(review, "review_completed").status != "met"
        lifecycle.move(review, to=S.BOARD_SIGN_OFF, actor=manager, context=SYSTEM)
        again = _line(review, "review_completed")
    assert again.status == "met" and again.evidence.on == timezone.localdate(later)


def test_a_published_review_stays_completed(world):
    review = _review(world, "wt2013")
    review.status = S.PANEL_SIGN_OFF
    review.save(update_fields=["status"])
    manager = world.user("board_manager")
    lifecycle.move(review, to=S.BOARD_SIGN_OFF, actor=manager, context=SYSTEM)
    lifecycle.move(review, to=S.PUBLISHED, actor=manager, context=SYSTEM)
    assert _line(review, "review_completed").status == "met"


# --- WT2006 -------------------------------------------------------------------------------


def test_wt2006_the_pct_tells_the_sha_and_the_board_tracks_it(world):
    review = _review(world, "rotherham_wt2006")
    line = _line(review, "pct_informs_sha")
    assert line.obligation.responsible == "board_manager"
    assert "the board records that the PCT has done so" in line.obligation.text
    assert line.obligation.citation == "Rotherham 19.1"


def test_wt2006_the_government_office_is_told_only_of_decisions_to_21_february_2011(world):
    before = _review(world, "rotherham_wt2006", decided_on=date(2011, 2, 21))
    assert _line(before, "government_office_notified").status != "not_applicable"
    after = _review(world, "rotherham_wt2006", decided_on=date(2011, 2, 22))
    assert _line(after, "government_office_notified").status == "not_applicable"


def test_wt2006_completion_follows_the_timescale_agreed_with_the_government_office(world):
    review = _review(world, "rotherham_wt2006", decided_on=date(2026, 3, 10))
    # Until a timescale is recorded: the regime's default, four months from the decision.
    assert catalogue.current("rotherham_wt2006").settings["completion_within"] == "4 months"
    assert _line(review, "review_completed").due == date(2026, 7, 10)

    assert _plan(world, review, completion_on=date(2026, 9, 30)).status_code == 302
    assert _line(review, "review_completed").due == date(2026, 9, 30)
    assert _plan(world, review, completion_on=date(2026, 10, 30)).status_code == 302
    assert _line(review, "review_completed").due == date(2026, 10, 30)
    # Both versions are kept, the latest counts; the page lists them.
    assert ReviewPlan.objects.filter(review=review).count() == 2
    page = verified_client(world.user("panel_member")).get(
        reverse("reviews:plan", args=[review.pk])
    )
    assert "30 Sep 2026" in page.text and "30 Oct 2026" in page.text
    assert "Save the timescale" not in page.text  # a panel member reads it only


def test_a_timescale_is_refused_before_the_decision_and_to_those_who_do_not_run_it(world):
    review = _review(world, "rotherham_wt2006", decided_on=date(2026, 3, 10))
    response = _plan(world, review, completion_on=date(2026, 3, 1))
    assert response.status_code == 200
    assert "cannot be completed before it began" in response.text
    assert _plan(world, review, "panel_member", completion_on=date(2026, 9, 1)).status_code == 403
    assert not ReviewPlan.objects.exists()


# --- WT2010 -------------------------------------------------------------------------------


def test_wt2010_the_full_report_is_published_for_reviews_begun_from_10_june_2010(world):
    before = _review(world, "wt2010", decided_on=date(2010, 6, 9))
    assert _line(before, "full_report_published").status == "not_applicable"
    after = _review(world, "wt2010", decided_on=date(2010, 6, 10))
    assert _line(after, "full_report_published").status == "waiting"


def test_wt2010_an_overrun_needs_a_revised_plan_with_a_new_date(world):
    review = _review(world, "wt2010", decided_on=date(2026, 3, 10))
    with time_machine.travel(date(2026, 9, 10)):
        assert _line(review, "revised_plan_after_overrun").status == "not_applicable"
    # Six months on, the review is not completed: a revised plan is owed.
    with time_machine.travel(date(2026, 9, 11)):
        line = _line(review, "revised_plan_after_overrun")
        assert line.status == "due"
        assert _line(review, "review_completed").status == "overdue"
        assert _plan(world, review, completion_on=date(2026, 12, 1)).status_code == 302
        met = _line(review, "revised_plan_after_overrun")
    assert met.status == "met" and "1 Dec 2026" in met.evidence.label
    # The statutory deadline itself stays six months from the decision.
    assert _line(review, "review_completed").due == date(2026, 9, 10)


def test_wt2010_a_plan_that_keeps_the_original_date_is_no_revised_plan(world):
    review = _review(world, "wt2010", decided_on=date(2026, 3, 10))
    with time_machine.travel(date(2026, 9, 11)):
        _plan(world, review, completion_on=date(2026, 9, 10))
        assert _line(review, "revised_plan_after_overrun").status == "due"


# --- WT2013 -------------------------------------------------------------------------------


def test_wt2013_the_notice_of_a_decision_to_review_names_the_reviewers(world):
    review = _review(world, "wt2013")
    line = _line(review, "decision_notice_names_reviewers")
    assert line.status == "due"
    client = verified_client(world.user("board_manager"))
    body = {
        "recipient": "ofsted",
        "purpose": "Decision to hold a serious case review",
        **date_fields("sent_on", timezone.localdate()),
        "method": "Secure e-mail",
        "copy": "The board has decided to hold a serious case review.",
    }
    url = reverse("reviews:notification_add", args=[review.pk])
    assert client.post(url, body).status_code == 302
    assert _line(review, "decision_notice_names_reviewers").status == "due"  # no reviewers
    assert client.post(url, {**body, "reviewers": "A. Reviewer, B. Reviewer"}).status_code == 302
    assert _line(review, "decision_notice_names_reviewers").status == "met"
    page = client.get(reverse("reviews:case_duties", args=[review.notification.pk])).text
    assert "A. Reviewer, B. Reviewer" in page


def test_wt2013_no_decision_notice_is_owed_without_a_review(world):
    world.board.default_regime = "wt2013"
    world.board.save(update_fields=["default_regime"])
    n = make_notification(world.board, world.user("board_manager"), agencies=[])
    n = decide_in_services(n, world.user("board_chair"), outcome="no_review")
    line = next(r for r in evaluate(n) if r.obligation.id == "decision_notice_names_reviewers")
    assert line.status == "not_applicable"


# --- WT2018 -------------------------------------------------------------------------------


def test_wt2018_the_report_is_due_working_days_before_the_planned_publication(world):
    review = _review(world, "wt2018", decided_on=date(2026, 3, 10))
    line = _line(review, "panel_told_before_publication")
    assert line.status == "waiting"  # no publication date planned yet
    assert "planned publication date" in line.waiting_for
    _plan(world, review, completion_on=date(2026, 8, 3), publication_on=date(2026, 8, 17))
    line = _line(review, "panel_told_before_publication")
    # Seven working days before Monday 17 August 2026: Thursday 6 August.
    assert line.due == date(2026, 8, 6)
    assert england_and_wales().add_working_days(line.due, 7) == date(2026, 8, 17)
    # Not the publication deadline (six months from the decision).
    assert line.due != _line(review, "reports_published").due


def test_wt2018_a_new_planned_date_moves_the_deadline(world):
    review = _review(world, "wt2018", decided_on=date(2026, 3, 10))
    _plan(world, review, completion_on=date(2026, 8, 3), publication_on=date(2026, 8, 17))
    _plan(world, review, completion_on=date(2026, 8, 3), publication_on=date(2026, 9, 1))
    # Seven working days before Tuesday 1 September, over the bank holiday of 31 August.
    assert _line(review, "panel_told_before_publication").due == date(2026, 8, 20)


def test_every_regime_is_at_version_2026_4():
    for regime_id in ("rotherham_wt2006", "wt2010", "wt2013", "wt2018"):
        assert catalogue.current(regime_id).version == "2026.4"


def test_wt2013_the_review_notifications_page_lists_the_decision_notice(world):
    review = _review(world, "wt2013")
    client = verified_client(world.user("board_manager"))
    page = client.get(reverse("reviews:notifications", args=[review.pk])).text
    row = page.split('id="owed-decision_notice_names_reviewers"')[1].split("</tr>")[0]
    assert "?recipient=ofsted" in row


def test_the_timescale_form_offers_the_regimes_default_first(world):
    review = _review(world, "rotherham_wt2006", decided_on=date(2026, 3, 10))
    page = verified_client(world.user("board_manager")).get(
        reverse("reviews:plan", args=[review.pk])
    )
    assert 'name="completion_on_day" value="10"' in page.text
    assert 'name="completion_on_month" value="7"' in page.text
