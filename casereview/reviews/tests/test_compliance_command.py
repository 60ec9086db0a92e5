"""`casereview compliance`: what every open case owes, as a table or as JSON."""

from __future__ import annotations

import json
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, ManagementUtility, call_command

from casereview.audit.context import SYSTEM
from casereview.cases.services import complete_task
from casereview.procedure import catalogue
from casereview.reviews.models import Review, ReviewStatus
from conftest import decide_in_services, make_notification

LONDON = ZoneInfo("Europe/London")
NOTIFIED = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)  # a Monday


def notify(world, board=None, **kwargs):
    board = board or world.board
    actor = world.user("board_manager") if board == world.board else world.outsider
    with time_machine.travel(NOTIFIED, tick=False):
        return make_notification(board, actor, **kwargs)


def decided(world, notification, outcome="hold_review", on=date(2026, 3, 20)):
    """Recommended and decided on the day of the decision (a decision is never dated in the
    future); its review, if any."""
    with time_machine.travel(datetime.combine(on, NOTIFIED.timetz()), tick=False):
        decide_in_services(
            notification,
            world.user("board_chair"),
            recommender=world.user("panel_chair"),
            outcome=outcome,
            on=on,
        )
    return getattr(notification, "review", None)


def run(*args) -> str:
    out = StringIO()
    call_command("compliance", *args, stdout=out)
    return out.getvalue()


def run_json(*args) -> list[dict]:
    return json.loads(run("--format", "json", *args))


def test_json_lists_every_obligation_with_its_citation_status_and_due_date(world):
    n = notify(world)
    [case] = run_json("--today", "2026-03-05")
    regime = catalogue.version_of(n.regime, n.regime_version)
    assert case["reference"] == n.reference
    assert case["review"] is None
    assert case["board"] == "eastbrook"
    assert (case["regime"], case["regime_version"]) == (n.regime, n.regime_version)
    assert [o["id"] for o in case["obligations"]] == [o.id for o in regime.obligations]
    rows = {o["id"]: o for o in case["obligations"]}
    other = rows["other_children_at_risk"]
    assert other["citation"] == "Rotherham 19.1"
    assert other["status"] == "overdue" and other["due"] == "2026-03-02"
    assert other["evidence"] is None
    assert rows["decision_made"]["status"] == "due"
    assert rows["decision_made"]["due"] == "2026-04-02"
    assert rows["pct_informs_sha"] == {
        **rows["pct_informs_sha"],
        "status": "not_applicable",
        "due": None,
    }
    ethnicity = rows["child_ethnicity_recorded"]
    assert ethnicity["status"] == "met"
    assert ethnicity["evidence"]["on"] == "2026-03-02"
    assert ethnicity["evidence"]["url"].endswith(f"/notifications/{n.pk}/")
    for row in case["obligations"]:
        assert set(row) >= {
            "id",
            "text",
            "citation",
            "stage",
            "severity",
            "status",
            "due",
            "evidence",
            "paused_days",
            "pause_reasons",
            "awaiting",
        }


def test_a_review_names_its_reference_and_the_features_still_to_come(world):
    n = notify(world)
    review = decided(world, n)
    [case] = run_json("--today", "2026-03-23")
    assert case["review"] == review.reference
    rows = {o["id"]: o for o in case["obligations"]}
    assert rows["pct_informs_sha"]["status"] == "due"
    assert rows["pct_informs_sha"]["awaiting"] == ""
    assert rows["themes_submitted"]["awaiting"] == "national learning"
    assert rows["decision_made"]["evidence"]["on"] == "2026-03-20"


def test_open_only_leaves_out_what_is_met_or_does_not_apply(world):
    notify(world)
    [case] = run_json("--today", "2026-03-05", "--open-only")
    statuses = {o["status"] for o in case["obligations"]}
    assert statuses <= {"due", "overdue", "paused", "waiting"}
    assert "child_ethnicity_recorded" not in {o["id"] for o in case["obligations"]}


def test_it_reports_undecided_notifications_open_reviews_and_what_still_owes(world):
    undecided = notify(world)
    # A child died, abuse suspected, and no review: the case still owes the review (19.1).
    no_review_owing = notify(world)
    decided(world, no_review_owing, outcome="no_review")
    # Serious harm, no agencies, its first step taken: decided against a review, it owes
    # nothing more and is not listed.
    no_review_done = notify(world, agencies=[], outcome="serious_harm", date_of_death=None)
    decided(world, no_review_done, outcome="no_review")
    with time_machine.travel(NOTIFIED, tick=False):
        complete_task(
            no_review_done.tasks.get(kind="other_children"),
            actor=world.user("board_manager"),
            context=SYSTEM,
            done_on=NOTIFIED.date(),
            note="",
        )
    open_review = notify(world)
    decided(world, open_review)
    closed = notify(world)
    Review.objects.filter(pk=decided(world, closed).pk).update(status=ReviewStatus.CLOSED)
    listed = {c["reference"] for c in run_json()}
    assert listed == {undecided.reference, no_review_owing.reference, open_review.reference}


def test_it_filters_by_board(world):
    ours = notify(world)
    theirs = notify(world, board=world.other_board)
    assert {c["reference"] for c in run_json()} == {ours.reference, theirs.reference}
    [case] = run_json("--board", "westmoor")
    assert (case["reference"], case["board"]) == (theirs.reference, "westmoor")


def test_it_filters_by_review_reference_even_once_the_review_is_closed(world):
    first, second = notify(world), notify(world)
    decided(world, first)
    review = decided(world, second)
    [case] = run_json("--review", review.reference)
    assert (case["reference"], case["review"]) == (second.reference, review.reference)
    Review.objects.filter(pk=review.pk).update(status=ReviewStatus.CLOSED)
    [case] = run_json("--review", review.reference, "--board", "eastbrook")
    assert case["review"] == review.reference


def test_an_unknown_board_or_review_is_an_error(world):
    with pytest.raises(CommandError, match="No board 'nowhere'"):
        run("--board", "nowhere")
    with pytest.raises(CommandError, match="No review with reference 'SCR-R1999-0001'"):
        run("--review", "SCR-R1999-0001")
    review = decided(world, notify(world))
    with pytest.raises(CommandError, match="in board 'westmoor'"):
        run("--review", review.reference, "--board", "westmoor")


def test_an_unknown_board_exits_non_zero_from_the_command_line(world, capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["casereview", "compliance", "--board", "nowhere"]).execute()
    assert exit_.value.code != 0
    assert "No board 'nowhere'" in capsys.readouterr().err


def test_the_table_shows_each_applicable_obligation_on_one_short_line(world):
    n = notify(world)
    text = run("--today", "2026-03-05")
    lines = text.splitlines()
    assert lines[0].startswith(n.reference)
    assert any(line.split()[:2] == ["OVERDUE", "2026-03-02"] for line in lines)
    assert any(line.split()[:2] == ["due", "2026-04-02"] for line in lines)
    assert "Rotherham 19.1" in text
    assert "Primary Care Trust" not in text  # pct_informs_sha does not apply without a review
    assert all(len(line) <= 100 for line in lines)


def test_the_table_says_when_there_is_nothing_open(world):
    assert run().strip() == "No open cases."


def test_the_number_of_queries_does_not_grow_with_the_cases(world, django_assert_max_num_queries):
    cases = [notify(world) for _ in range(2)]
    decided(world, cases[0])
    with django_assert_max_num_queries(80) as few_json:
        assert len(run_json()) == 2
    with django_assert_max_num_queries(80) as few_table:
        run()
    more = [notify(world) for _ in range(8)]
    for n in more[:4]:
        decided(world, n)
    with django_assert_max_num_queries(len(few_json.captured_queries)):
        assert len(run_json()) == 10
    with django_assert_max_num_queries(len(few_table.captured_queries)):
        assert run().count("\n\n") == 9
