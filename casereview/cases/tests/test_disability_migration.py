"""The disability tick box becomes a three-way answer (cases 0004_people_answers): a tick is
"yes", the child's unticked box (asked yes or no on the notification form) is "no", and
anyone else's unticked box (unticked by default) is "not known"."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from casereview.accounts.models import Board
from casereview.cases.models import Person
from conftest import make_notification, make_user

BEFORE = [("cases", "0003_amend_corrections")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_ticks_become_answers_and_an_untouched_box_is_not_known():
    board = Board.objects.create(slug="eastbrook", name="Eastbrook SCB", area="Eastbrook")
    notification = make_notification(board, make_user("manager"))
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cases", "Person")
    old.objects.filter(kind="child").update(disabled=False)
    rows = {
        "Mum": ("family", True),
        "Dad": ("family", False),
        "Sib": ("other_child", False),
    }
    for given, (kind, disabled) in rows.items():
        old.objects.create(
            board_id=board.pk,
            notification_id=notification.pk,
            kind=kind,
            given_names=given,
            family_name="Test",
            disabled=disabled,
        )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    answers = dict(Person.objects.values_list("given_names", "disability"))
    assert answers == {"Ada": "no", "Mum": "yes", "Dad": "not_known", "Sib": "not_known"}
