"""ReminderSent moved from the procedure app to reviews: the reminders already sent stay, so
that nobody is reminded twice on the day of the upgrade."""

import uuid
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from casereview.reviews.models import ReminderSent

BEFORE = [("procedure", "0001_initial"), ("reviews", "0002_review_workflow")]
SENT = {
    "case_id": uuid.UUID(int=1),
    "obligation": "decision_made",
    "recipient_id": 7,
    "sent_on": date(2026, 3, 30),
}


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_reminders_already_sent_are_kept_when_the_model_moves():
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("procedure", "ReminderSent")
    old.objects.create(**SENT, status="overdue")

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert list(ReminderSent.objects.values("status", *SENT)) == [{**SENT, "status": "overdue"}]
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(**SENT, status="overdue")
