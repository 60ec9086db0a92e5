"""The publication gate: one case per block reason, each with its reason and clause, and
the gate clear when everything is in place."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from casereview.publication import gate
from casereview.publication.models import Rendering
from casereview.publication.tests.publication_helpers import (
    published_rendering,
    ready_review,
    report_of,
    sign,
)
from casereview.reviews.models import FamilyContact, OutboundNotification, ParallelProcess, Review


def _codes(rendering) -> list[str]:
    return [b.code for b in gate.blocks(rendering.version.report, rendering)]


def test_the_gate_is_clear_when_everything_is_in_place(world):
    row = published_rendering(world, ready_review(world))
    assert gate.blocks(row.version.report, row) == []


def test_a_register_term_in_the_rendered_file_blocks(world):
    row = published_rendering(world, ready_review(world))
    Rendering.objects.filter(pk=row.pk).update(leaks=[{"kind": "person", "where": "metadata"}])
    row.refresh_from_db()
    (block,) = gate.blocks(row.version.report, row)
    assert block.code == gate.LEAK
    assert "person's name" in block.reason and "metadata" in block.reason
    assert block.clause == "WT2006 chapter 8"  # publishing the anonymised summary


def test_a_name_added_to_the_register_is_applied_to_the_next_file(world):
    """A name the people register did not hold, added by hand: the file made afterwards
    has it replaced, so the check finds nothing and the gate is clear."""
    review = ready_review(world)
    version = report_of(
        world,
        review,
        sections=[
            {"key": "x", "title": "Analysis", "text": "Jordan Blake visited.", "assembled": False}
        ],
    )
    from casereview.audit.context import SYSTEM
    from casereview.publication import rendering, services

    services.add_term(
        review,
        actor=world.user("board_manager"),
        context=SYSTEM,
        kind="person",
        value="Jordan Blake",
        role="father",
        aliases="",
    )
    row = rendering.run(
        rendering.request(version, "pdf", actor=world.user("board_manager"), context=SYSTEM)
    )
    assert row.leaks == []  # the register applied when rendering: "the father visited"
    assert gate.blocks(version.report, row) == []


def test_a_name_added_to_the_register_after_the_file_was_made_blocks_that_file(world):
    """The file was checked against the register as it stood: a name added afterwards was
    never looked for, so the file still naming that person cannot be published until it is
    made again (QUALITY.md: blocked while any register term appears in the output)."""
    from casereview.audit.context import SYSTEM
    from casereview.publication import publishing, rendering, services

    review = ready_review(world)
    text = "Jordan Blake visited."
    version = report_of(
        world,
        review,
        sections=[{"key": "x", "title": "Analysis", "text": text, "assembled": False}],
    )
    manager = world.user("board_manager")
    before = rendering.run(rendering.request(version, "pdf", actor=manager, context=SYSTEM))
    assert before.leaks == [] and gate.blocks(version.report, before) == []
    services.add_term(
        review,
        actor=manager,
        context=SYSTEM,
        kind="person",
        value="Jordan Blake",
        role="father",
        aliases="",
    )
    (block,) = gate.blocks(version.report, before)
    assert block.code == gate.REGISTER_CHANGED
    assert "make the file again" in block.reason
    with pytest.raises(ValidationError):
        publishing.publish(before, title="Child A", summary="", actor=manager, context=SYSTEM)
    # The file made again has the name replaced, and is clear.
    again = rendering.run(rendering.request(version, "pdf", actor=manager, context=SYSTEM))
    assert again.leaks == [] and gate.blocks(version.report, again) == []


def test_no_rendered_file_blocks(world):
    review = ready_review(world)
    version = report_of(world, review)
    codes = [b.code for b in gate.blocks(version.report, None)]
    assert codes == [gate.NOT_RENDERED]


def test_a_parallel_process_holding_publication_blocks(world):
    review = ready_review(world)
    ParallelProcess.objects.create(
        review=review, kind="criminal", started_on=date(2026, 4, 1), holds_publication=True
    )
    ParallelProcess.objects.create(review=review, kind="inquest", holds_publication=False)
    row = published_rendering(world, review)
    (block,) = gate.blocks(row.version.report, row)
    assert block.code == gate.PARALLEL
    assert "criminal proceedings" in block.reason
    assert block.clause == "WT2006 chapter 8"
    ParallelProcess.objects.filter(kind="criminal").update(concluded_on=date(2026, 9, 1))
    assert gate.blocks(row.version.report, row) == []


def test_the_family_not_told_of_publication_blocks(world):
    review = ready_review(world)
    FamilyContact.objects.update(purposes=["process"])
    row = published_rendering(world, review)
    (block,) = gate.blocks(row.version.report, row)
    assert block.code == gate.FAMILY
    assert "0 of 1 told" in block.reason
    assert block.clause == "Rotherham 19.5"


def test_a_missing_board_sign_off_on_this_version_blocks(world):
    review = ready_review(world)
    report_of(world, review)  # version 1, signed by both
    version = report_of(world, review, signed=("panel",))  # version 2, the board's missing
    from casereview.audit.context import SYSTEM
    from casereview.publication import rendering

    row = rendering.run(
        rendering.request(version, "pdf", actor=world.user("board_manager"), context=SYSTEM)
    )
    (block,) = gate.blocks(version.report, row)
    assert block.code == gate.SIGN_OFF
    assert "Version 2 has not been signed off by the board" in block.reason
    assert block.clause == "WT2006 8.29"
    sign(world, version, "board")
    assert gate.blocks(version.report, row) == []


def test_a_missing_panel_sign_off_blocks(world):
    review = ready_review(world)
    version = report_of(world, review, signed=("board",))
    codes = [b.code for b in gate.blocks(version.report, None)]
    assert codes == [gate.SIGN_OFF, gate.NOT_RENDERED]


def test_a_review_before_board_sign_off_blocks(world):
    review = ready_review(world)
    Review.objects.filter(pk=review.pk).update(status="panel_sign_off")
    row = published_rendering(world, review)
    row.version.report.review.refresh_from_db()
    assert _codes(row) == [gate.STAGE]


def test_the_overview_report_is_not_published_under_2006(world):
    row = published_rendering(world, ready_review(world), kind="overview")
    (block,) = gate.blocks(row.version.report, row)
    assert block.code == gate.NOT_PUBLISHED_UNDER_REGIME
    assert "only the executive summary" in block.reason
    assert block.clause == "WT2006 chapter 8"


def test_the_overview_report_is_published_under_2013(world):
    row = published_rendering(world, ready_review(world, regime="wt2013"), kind="overview")
    assert gate.blocks(row.version.report, row) == []


def _notice(review, recipient, on):
    OutboundNotification.objects.create(
        board=review.board,
        notification=review.notification,
        recipient=recipient,
        purpose="The final report before publication",
        sent_on=on,
        method="email",
        copy="The final report",
    )


def test_wt2018_the_notice_before_publication_must_be_sent_and_passed(world):
    review = ready_review(world, regime="wt2018")
    row = published_rendering(world, review)
    (block,) = gate.blocks(row.version.report, row)
    assert block.code == gate.NOTICE
    assert "Child Safeguarding Practice Review Panel and the Secretary of State" in block.reason
    assert block.clause == "WT2018 chapter 4"
    # Sent on Tuesday 1 September 2026 (the board's sign-off): seven working days on is
    # Thursday 10 September.
    _notice(review, "national_panel", date(2026, 9, 1))
    _notice(review, "secretary_of_state", date(2026, 9, 1))
    with time_machine.travel(date(2026, 9, 9)):
        (block,) = gate.blocks(row.version.report, row)
        assert block.code == gate.NOTICE
        assert "from 10 September 2026" in block.reason
    with time_machine.travel(date(2026, 9, 10)):
        assert gate.blocks(row.version.report, row) == []


def test_wt2018_a_notice_sent_before_the_board_signed_off_does_not_count(world):
    review = ready_review(world, regime="wt2018")
    row = published_rendering(world, review)
    _notice(review, "national_panel", date(2026, 8, 1))
    _notice(review, "secretary_of_state", date(2026, 9, 1))
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        (block,) = gate.blocks(row.version.report, row)
    assert "the Child Safeguarding Practice Review Panel" in block.reason
    assert "Secretary of State" not in block.reason


def test_wt2010_publishes_the_overview_only_for_reviews_begun_from_10_june_2010(world):
    from casereview.cases.models import Decision

    review = ready_review(world, regime="wt2010")
    row = published_rendering(world, review, kind="overview")
    assert gate.blocks(row.version.report, row) == []
    Decision.objects.filter(pk=review.decision_id).update(decided_on=date(2010, 6, 9))
    report = row.version.report.__class__.objects.get(pk=row.version.report_id)
    (block,) = gate.blocks(report, row)
    assert block.code == gate.NOT_PUBLISHED_UNDER_REGIME
    assert "10 June 2010" in block.reason
    assert block.clause == "WT2010 chapter 8"


def test_a_leak_names_its_kind_with_an_acronym_kept(world):
    row = published_rendering(world, ready_review(world))
    Rendering.objects.filter(pk=row.pk).update(leaks=[{"kind": "org", "where": "text"}])
    row.refresh_from_db()
    (block,) = gate.blocks(row.version.report, row)
    assert "(GP surgery or other organisation) in its text" in block.reason
