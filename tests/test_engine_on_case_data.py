"""What each review owes, evaluated from real data made by the services."""

import gc
from dataclasses import replace
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases.models import ClockPause, Person
from casereview.cases.services import (
    complete_task,
)
from casereview.procedure import catalogue, registry
from casereview.procedure.engine import evaluate, evaluate_many
from conftest import decide_in_services, make_notification


def by_id(results):
    return {r.obligation.id: r for r in results}


def test_a_new_notification_owes_its_first_steps_today(world):
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police], received_at=None
    )
    results = by_id(evaluate(notification))
    other = results["other_children_at_risk"]
    assert other.status == "due" and other.due == timezone.localdate(notification.received_at)
    assert other.obligation.citation == "Rotherham 19.1"
    assert results["decision_made"].status == "due"
    assert results["pct_informs_sha"].status == "not_applicable"  # no review held


def test_first_steps_turn_overdue_the_next_day_and_met_when_recorded(world, notification):
    tomorrow = timezone.now() + timedelta(days=1)
    with time_machine.travel(tomorrow):
        assert by_id(evaluate(notification))["other_children_at_risk"].status == "overdue"
        task = notification.tasks.get(kind="other_children")
        complete_task(
            task,
            actor=world.user("board_manager"),
            context=SYSTEM,
            done_on=timezone.localdate(),
            note="n",
        )
        met = by_id(evaluate(notification))["other_children_at_risk"]
    assert met.status == "met" and met.late
    assert met.evidence.url.endswith(f"/notifications/{notification.pk}/")


def test_records_are_secured_only_when_every_agency_has_recorded_it(world):
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police, world.health],
        received_at=None,
    )
    police = n.tasks.get(agency=world.police)
    complete_task(
        police,
        actor=world.user("agency_author"),
        context=SYSTEM,
        done_on=timezone.localdate(),
        note="",
    )
    assert by_id(evaluate(n))["records_secured"].status == "due"
    health = n.tasks.get(agency=world.health)
    complete_task(
        health, actor=world.health_author, context=SYSTEM, done_on=timezone.localdate(), note=""
    )
    assert by_id(evaluate(n))["records_secured"].status == "met"


def test_the_decision_is_due_a_month_after_notification_and_met_by_the_decision(
    world, notification
):
    results = by_id(evaluate(notification))
    notified = timezone.localdate(notification.received_at)
    assert results["decision_made"].due.month in {(notified.month % 12) + 1, notified.month}
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        assert by_id(evaluate(notification))["decision_made"].status == "overdue"
    decide_in_services(
        notification, world.user("board_chair"), recommender=world.user("panel_chair")
    )
    results = by_id(evaluate(notification))
    assert results["decision_made"].status == "met"
    assert results["review_held_where_child_died"].status == "met"


def test_a_review_brings_its_duties_with_their_clocks(world, notification):
    decide_in_services(
        notification,
        world.user("board_chair"),
        recommender=world.user("panel_chair"),
        on=date(2026, 3, 2),
    )
    results = by_id(evaluate(notification, today=date(2026, 3, 5)))
    pct = results["pct_informs_sha"]
    assert pct.status == "due" and pct.due == date(2026, 3, 9)  # 5 working days
    assert pct.awaiting_feature == ""  # recorded on the review's notifications page
    assert results["review_completed"].due == date(2026, 7, 2)  # 4 months
    debrief = results["staff_debriefed"]
    assert debrief.status == "waiting" and "Complete the review" in debrief.waiting_for


def test_the_race_expert_applies_only_to_a_black_or_minority_ethnic_child(world):
    white = make_notification(world.board, world.user("board_manager"), child={"ethnicity": "W1"})
    black = make_notification(world.board, world.user("board_manager"), child={"ethnicity": "B1"})
    for n in (white, black):
        decide_in_services(n, world.user("board_chair"), recommender=world.user("panel_chair"))
    results = evaluate_many([white, black])
    assert by_id(results[white.pk])["independent_expert_race"].status == "not_applicable"
    assert by_id(results[black.pk])["independent_expert_race"].status == "due"
    assert by_id(results[black.pk])["community_link_decided"].status == "due"


def test_the_disability_expert_applies_to_a_disabled_parent_with_responsibility(
    world, notification
):
    decide_in_services(
        notification, world.user("board_chair"), recommender=world.user("panel_chair")
    )
    assert by_id(evaluate(notification))["independent_expert_disability"].status == "not_applicable"
    Person.objects.create(
        board=world.board,
        notification=notification,
        kind="family",
        given_names="P",
        family_name="Parent",
        relationship="mother",
        parental_responsibility=True,
        disability="yes",
    )
    assert by_id(evaluate(notification))["independent_expert_disability"].status == "due"


def test_a_pause_for_criminal_proceedings_moves_the_deadline(world, notification):
    decide_in_services(
        notification,
        world.user("board_chair"),
        recommender=world.user("panel_chair"),
        on=date(2026, 3, 2),
    )
    ClockPause.objects.create(
        board=world.board,
        notification=notification,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 22),
        reason="Criminal proceedings",
        recorded_by=world.user("board_manager"),
    )
    completed = by_id(evaluate(notification, today=date(2026, 5, 1)))["review_completed"]
    assert completed.due == date(2026, 7, 23)
    assert completed.deadline.paused_days == 21
    assert completed.deadline.reasons == ("Criminal proceedings",)


def test_an_open_pause_stops_the_clock(world, notification):
    decide_in_services(
        notification,
        world.user("board_chair"),
        recommender=world.user("panel_chair"),
        on=date(2026, 3, 2),
    )
    ClockPause.objects.create(
        board=world.board,
        notification=notification,
        starts_on=date(2026, 3, 3),
        reason="Inquest",
        recorded_by=world.user("board_manager"),
    )
    assert (
        by_id(evaluate(notification, today=date(2026, 9, 1)))["review_completed"].status == "paused"
    )


def test_the_number_of_queries_does_not_grow_with_the_cases(world, django_assert_max_num_queries):
    cases = [make_notification(world.board, world.user("board_manager")) for _ in range(12)]
    for n in cases[:6]:
        decide_in_services(n, world.user("board_chair"), recommender=world.user("panel_chair"))
    with django_assert_max_num_queries(60) as few:
        evaluate_many(cases[:2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        evaluate_many(cases)


def test_a_case_keeps_the_regime_version_it_started_under(world, notification, monkeypatch):
    regime = catalogue.current("rotherham_wt2006")
    assert (notification.regime, notification.regime_version) == (regime.id, regime.version)
    edited = regime.__class__.from_data(
        {
            **regime.to_data(),
            "version": "2099.1",
            "obligations": [regime.to_data()["obligations"][0]],
        }
    )
    monkeypatch.setitem(catalogue._current, "rotherham_wt2006", edited)
    assert len(evaluate(notification)) == len(regime.obligations)
    newer = make_notification(world.board, world.user("board_manager"))
    assert newer.regime_version == "2099.1" and len(evaluate(newer)) == 1


def test_a_version_edited_in_place_is_refused(world, notification, monkeypatch):
    regime = catalogue.current("rotherham_wt2006")
    data = regime.to_data()
    data["obligations"][0]["text"] = "Something else"
    monkeypatch.setitem(catalogue._current, "rotherham_wt2006", regime.__class__.from_data(data))
    with pytest.raises(Exception, match="give the edited file a new version"):
        make_notification(world.board, world.user("board_manager"))


def test_records_need_securing_only_where_agencies_were_involved(world):
    none = make_notification(world.board, world.user("board_manager"), agencies=[])
    assert by_id(evaluate(none))["records_secured"].status == "not_applicable"


def test_the_evaluation_leaves_the_cycle_collector_as_it_found_it(world, notification, monkeypatch):
    assert gc.isenabled()
    evaluate_many([notification])
    assert gc.isenabled()
    gc.disable()
    try:
        evaluate_many([notification])
        assert not gc.isenabled()
    finally:
        gc.enable()
    named = registry.CHECKS["decision_made"]
    monkeypatch.setitem(registry.CHECKS, "decision_made", replace(named, fn=lambda cases: 1 / 0))
    with pytest.raises(ZeroDivisionError):
        evaluate_many([notification])
    assert gc.isenabled()
