"""A case holds one board-wide first step of each kind: the unique constraint on
(notification, kind, agency) let two "consider other children" tasks through, because SQL
treats every NULL agency as different (cases 0008_task_unique_without_agency)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from casereview.accounts.models import Agency, Board
from casereview.cases.models import Task, TaskKind
from conftest import make_notification, make_user

BEFORE = [("cases", "0007_plain_religion_help")]


@pytest.fixture
def case(db):
    board = Board.objects.create(slug="eastbrook", name="Eastbrook SCB", area="Eastbrook")
    return make_notification(board, make_user("manager"))


def test_a_second_board_wide_step_of_a_kind_is_refused(case):
    assert case.tasks.filter(kind=TaskKind.OTHER_CHILDREN, agency__isnull=True).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(
            board=case.board, notification=case, kind=TaskKind.OTHER_CHILDREN, due_at=timezone.now()
        )
    assert case.tasks.filter(kind=TaskKind.OTHER_CHILDREN).count() == 1


def test_one_step_per_agency_is_still_allowed(case):
    agencies = [Agency.objects.create(board=case.board, name=f"Agency {n}") for n in (1, 2)]
    for agency in agencies:
        Task.objects.create(
            board=case.board,
            notification=case,
            kind=TaskKind.RECORDS_SECURED,
            agency=agency,
            due_at=timezone.now(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(
            board=case.board,
            notification=case,
            kind=TaskKind.RECORDS_SECURED,
            agency=agencies[0],
            due_at=timezone.now(),
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_step_completed_last():
    board = Board.objects.create(slug="eastbrook", name="Eastbrook SCB", area="Eastbrook")
    case = make_notification(board, make_user("manager"))
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cases", "Task")
    now = timezone.now()
    for days, note in ((3, "earlier"), (1, "latest")):
        old.objects.create(
            board_id=board.pk,
            notification_id=case.pk,
            kind=TaskKind.OTHER_CHILDREN,
            due_at=now,
            completed_at=now - timedelta(days=days),
            note=note,
        )
    assert old.objects.filter(notification_id=case.pk, kind=TaskKind.OTHER_CHILDREN).count() == 3

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = Task.objects.get(notification=case, kind=TaskKind.OTHER_CHILDREN)
    assert kept.note == "latest"
