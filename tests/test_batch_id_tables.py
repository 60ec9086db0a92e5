"""A long batch of ids is read through a temporary table on SQLite (registry.
batch_ids_expression): every case is evaluated exactly as through the list, the table holds
the batch's ids once however often it is built, and a connection keeps only the last few."""

import uuid

import pytest
from django.db import connection

from casereview.cases.models import Notification
from casereview.procedure import registry
from casereview.procedure.engine import evaluate_many
from conftest import decide_in_services, make_notification

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the table is SQLite's only"),
]


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE 'batch_ids_%'"
        )
        return [name for (name,) in cursor.fetchall()]


def _cases(world) -> list[Notification]:
    board_manager, chair = world.user("board_manager"), world.user("board_chair")
    undecided = make_notification(world.board, board_manager, agencies=[world.police])
    reviewed = decide_in_services(
        make_notification(world.board, board_manager, agencies=[world.health]), chair
    )
    not_held = decide_in_services(
        make_notification(world.board, board_manager), chair, outcome="no_review"
    )
    return list(
        Notification.objects.filter(pk__in=[undecided.pk, reviewed.pk, not_held.pk]).order_by(
            "received_at"
        )
    )


def test_cases_read_through_the_table_are_evaluated_as_through_the_list(world, monkeypatch):
    cases = _cases(world)
    through_list = evaluate_many(cases)
    assert not _tables()
    monkeypatch.setattr(registry, "ID_TABLE_FROM", 1)
    through_table = evaluate_many(cases)
    # The case ids and the one review's id.
    assert len(_tables()) == 2
    assert through_table == through_list
    assert {r.status for rs in through_table.values() for r in rs} >= {"met", "due"}


def test_the_table_holds_the_batch_once_and_only_the_last_few_are_kept(db, monkeypatch):
    monkeypatch.setattr(registry, "ID_TABLE_FROM", 1)
    ids = [uuid.uuid4() for _ in range(3)]
    first = registry.batch_ids_expression(ids)
    again = registry.batch_ids_expression(list(ids))
    assert first.sql == again.sql
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM ({first.sql})")  # noqa: S608
        assert sorted(cursor.fetchall()) == sorted((pk.hex,) for pk in ids)
    others = [registry.batch_ids_expression([uuid.uuid4()]) for _ in range(registry.ID_TABLES_KEPT)]
    names = _tables()
    assert len(names) == registry.ID_TABLES_KEPT
    assert all(other.sql.split('"')[1] in names for other in others)
    assert first.sql.split('"')[1] not in names
