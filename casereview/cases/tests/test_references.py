"""References never collide: a per-board, per-year counter taken under a row lock numbers
notifications, and a review's reference is its notification's read by position."""

from __future__ import annotations

import importlib
import threading
from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.db import connection, connections, transaction

from casereview.audit.context import SYSTEM
from casereview.cases.models import Notification, ReferenceCounter
from casereview.cases.references import (
    Reference,
    next_notification_reference,
    parse,
    review_reference,
)
from casereview.cases.services import record_decision, record_panel_recommendation
from conftest import make_notification


def test_a_reference_is_read_by_position_from_the_right():
    assert parse("SCR-N2026-0012") == Reference("SCR", "N", 2026, 12)
    assert parse("N-N2026-N2026-0003") == Reference("N-N2026", "N", 2026, 3)
    assert str(Reference("N-N2026", "N", 2026, 3)) == "N-N2026-N2026-0003"


@pytest.mark.parametrize(
    "text", ["", "SCR", "SCR-2026-0001", "-N2026-0001", "SCR-X2026-0001", "SCR-N2026-", "SCR-N26-1"]
)
def test_what_is_not_a_reference_is_refused(text):
    with pytest.raises(ValueError):
        parse(text)


@pytest.mark.parametrize(
    ("notification", "review"),
    [
        ("SCR-N2026-0001", "SCR-R2026-0001"),
        # A prefix that looks like the parts it is followed by: only the last parts change.
        ("N-N2026-N2026-0004", "N-N2026-R2026-0004"),
        ("R-N2025-N2026-0010", "R-N2025-R2026-0010"),
        ("SCR-N2026-12345", "SCR-R2026-12345"),
    ],
)
def test_a_reviews_reference_is_its_notifications_with_r_for_n(notification, review):
    assert review_reference(notification) == review


def test_a_review_reference_is_not_made_from_a_review_reference():
    with pytest.raises(ValueError):
        review_reference("SCR-R2026-0001")


def _create(world, board=None):
    board = board or world.board
    return make_notification(board, world.user("board_manager"))


@time_machine.travel(date(2026, 6, 1))
def test_each_board_numbers_its_own_notifications_each_year(world):
    assert [_create(world).reference for _ in range(3)] == [
        "SCR-N2026-0001",
        "SCR-N2026-0002",
        "SCR-N2026-0003",
    ]
    outsider = make_notification(world.other_board, world.outsider)
    assert outsider.reference == "WSCB-N2026-0001"
    with time_machine.travel(date(2027, 1, 4)):
        assert _create(world).reference == "SCR-N2027-0001"
    assert ReferenceCounter.objects.get(board=world.board, year=2026).last_number == 3


@time_machine.travel(date(2026, 6, 1))
def test_numbers_go_on_after_a_deleted_notification_instead_of_repeating(world):
    """count() + 1 gave the next number to two notifications once one had gone."""
    first, _, third = _create(world), _create(world), _create(world)
    Notification.objects.filter(pk=first.pk).delete()
    assert _create(world).reference == "SCR-N2026-0004"
    assert third.reference == "SCR-N2026-0003"


@time_machine.travel(date(2026, 6, 1))
def test_the_counter_starts_after_references_written_without_it(world):
    written = _create(world)
    ReferenceCounter.objects.all().delete()
    Notification.objects.filter(pk=written.pk).update(reference="OLD-N2026-0041")
    assert _create(world).reference == "SCR-N2026-0042"


@time_machine.travel(date(2026, 6, 1))
def test_a_new_prefix_keeps_the_boards_numbering(world):
    _create(world)
    world.board.reference_prefix = "EB"
    world.board.save()
    assert _create(world).reference == "EB-N2026-0002"


@time_machine.travel(date(2026, 6, 1))
def test_an_awkward_prefix_gives_the_review_the_right_reference(world):
    world.board.reference_prefix = "N-N2026"
    world.board.save()
    notification = _create(world)
    assert notification.reference == "N-N2026-N2026-0001"
    chair = world.user("board_chair")
    record_panel_recommendation(
        notification,
        actor=chair,
        context=SYSTEM,
        recommendation="review_required",
        reasons="r",
    )
    record_decision(
        notification,
        actor=chair,
        context=SYSTEM,
        outcome="hold_review",
        reasons="r",
        dissent="",
        decided_on=date(2026, 5, 30),
    )
    notification.refresh_from_db()
    assert notification.review.reference == "N-N2026-R2026-0001"


@pytest.mark.django_db(transaction=True)
def test_a_reference_is_taken_only_inside_the_transaction_that_saves_it(world):
    with pytest.raises(RuntimeError):
        next_notification_reference(world.board, 2026)


def test_the_migration_starts_each_counter_at_the_boards_highest_number(world):
    for reference in ("SCR-N2025-0007", "SCR-N2026-0002", "SCR-N2026-0011", "N-N2026-N2024-0003"):
        Notification.objects.filter(pk=_create(world).pk).update(reference=reference)
    Notification.objects.filter(pk=make_notification(world.other_board, world.outsider).pk).update(
        reference="WSCB-N2026-0005"
    )
    ReferenceCounter.objects.all().delete()
    migration = importlib.import_module("casereview.cases.migrations.0002_reference_counter")
    migration.start_after_existing(apps, None)
    counters = {
        (c.board_id, c.year): c.last_number for c in ReferenceCounter.objects.order_by("pk")
    }
    assert counters == {
        (world.board.pk, 2025): 7,
        (world.board.pk, 2026): 11,
        (world.board.pk, 2024): 3,
        (world.other_board.pk, 2026): 5,
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one write transaction at a time (immediate "
    "transactions), so there is no concurrency to test; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_notifications_get_distinct_references_on_postgresql(world):
    threads_count = 8
    per_thread = 3
    start = threading.Barrier(threads_count)
    references: list[str] = []
    errors: list[BaseException] = []

    def notify():
        try:
            start.wait()
            for _ in range(per_thread):
                references.append(_create(world).reference)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=notify) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(references) == len(set(references)) == threads_count * per_thread
    year = parse(references[0]).year
    assert sorted(parse(r).number for r in references) == list(
        range(1, threads_count * per_thread + 1)
    )
    assert ReferenceCounter.objects.get(board=world.board, year=year).last_number == len(references)
    with transaction.atomic():
        assert Notification.objects.filter(board=world.board).count() == len(references)
