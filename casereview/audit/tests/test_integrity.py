"""The attacks of the penetration test, replayed: with write access to the database the
attacker lifts the triggers, edits or deletes events and recomputes the chain. The keyed
chain and the signed checkpoints outside the database find every one. Runs on SQLite and
PostgreSQL (the trigger SQL differs; the attack does not)."""

import hashlib
import importlib

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from casereview.audit import chain, checkpoints, triggers
from casereview.audit.context import SYSTEM
from casereview.audit.integrity import verify_chain
from casereview.audit.models import AuditEvent, AuditHead
from casereview.audit.services import record


@pytest.fixture
def events(world):
    return make_events(world, 5)


def make_events(world, n):
    for i in range(n):
        record("read", world.board, actor=world.user("auditor"), context=SYSTEM, detail={"i": i})
    return list(AuditEvent.objects.order_by("id"))


def lift_triggers():
    """What the attacker did first. Undone when the test's transaction rolls back."""
    with connection.cursor() as cursor:
        for sql in triggers.drop_sql(connection.vendor):
            cursor.execute(sql)


def unkeyed(prev_hash, event):
    """The chain's old formula: anyone can compute it."""
    return hashlib.sha256((prev_hash + chain.payload(event)).encode()).hexdigest()


def recompute(hash_fn, start_after=0):
    """Rewrite every hash after `start_after` (an event id) and the head, as the attacker did."""
    prev = chain.GENESIS
    count = 0
    for event in AuditEvent.objects.order_by("id"):
        count += 1
        if event.pk > start_after:
            event.prev_hash, event.hash = prev, hash_fn(prev, event)
            AuditEvent.objects.filter(pk=event.pk).update(
                prev_hash=event.prev_hash, hash=event.hash
            )
        prev = event.hash
    AuditHead.objects.filter(pk=1).update(last_hash=prev, count=count)


def verify():
    return verify_chain(checkpoints.read(settings.AUDIT_CHECKPOINT_FILE))


def checkpoint():
    call_command("audit", "checkpoint")


def test_the_chain_is_keyed(events):
    first = events[0]
    assert first.hash == chain.event_hash(chain.GENESIS, first) != unkeyed(chain.GENESIS, first)


def test_an_edit_with_the_unkeyed_hashes_recomputed_is_found(events):
    lift_triggers()
    AuditEvent.objects.filter(pk=events[2].pk).update(outcome="denied")
    recompute(unkeyed, start_after=events[1].pk)
    checked, problem, _ = verify_chain()
    assert (checked, problem) == (2, f"event {events[2].pk} has been altered")
    with pytest.raises(CommandError, match="altered"):
        call_command("audit", "verify")


def test_a_deletion_with_the_unkeyed_hashes_recomputed_is_found(events):
    lift_triggers()
    AuditEvent.objects.filter(pk__in=[events[1].pk, events[2].pk]).delete()
    recompute(unkeyed, start_after=events[0].pk)
    checked, problem, _ = verify_chain()
    assert (checked, problem) == (1, f"event {events[3].pk} has been altered")


def test_a_deletion_by_someone_holding_the_key_is_found_by_a_checkpoint(world, events):
    checkpoint()
    make_events(world, 3)  # the trail goes on after the checkpoint
    lift_triggers()
    AuditEvent.objects.filter(pk__in=[events[1].pk, events[2].pk]).delete()
    recompute(chain.event_hash, start_after=events[0].pk)
    assert verify_chain()[1] is None  # the chain alone looks intact ...
    checked, problem, _ = verify()  # ... but not against the checkpoint
    assert checked == 5
    assert problem.startswith("the checkpoint on line 1 (")
    assert "5 events) does not match event" in problem
    with pytest.raises(CommandError, match="checkpoint on line 1"):
        call_command("audit", "verify")


def test_the_newest_events_cut_off_are_found_by_a_checkpoint(events):
    checkpoint()
    lift_triggers()
    AuditEvent.objects.filter(pk__gte=events[3].pk).delete()
    AuditHead.objects.filter(pk=1).update(last_hash=events[2].hash, count=3)
    assert verify_chain()[1] is None
    checked, problem, _ = verify()
    assert checked == 3
    assert "counted more events than the chain now has (3): events have been removed" in problem


def test_a_forged_or_mangled_checkpoint_is_refused(events):
    path = settings.AUDIT_CHECKPOINT_FILE
    checkpoint()
    good = path.read_text()
    at, _, _, signature = good.split()
    path.write_text(f"{at} 4 {events[3].hash} {signature}\n")
    assert verify()[1] == f"the checkpoint on line 1 ({at}, 4 events) has a bad signature"
    path.write_text(good + "not a checkpoint\n")
    with pytest.raises(CommandError, match="line 2 is not a checkpoint"):
        call_command("audit", "verify")


def test_checkpoints_are_appended_and_verified(events, capsys):
    checkpoint()
    checkpoint()
    lines = settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    assert len(lines) == 2
    # The commands write no audit event, so both name the same head.
    assert [line.split()[1:3] for line in lines] == [["5", events[-1].hash]] * 2
    call_command("audit", "verify")
    assert "5 events verified against 2 checkpoint(s)" in capsys.readouterr().out


def test_no_checkpoint_is_written_over_a_broken_chain(events):
    lift_triggers()
    AuditEvent.objects.filter(pk=events[4].pk).update(action="nothing")
    with pytest.raises(CommandError, match="altered"):
        checkpoint()
    assert not settings.AUDIT_CHECKPOINT_FILE.exists()


def test_a_checkpoint_of_an_empty_chain_holds(db):
    checkpoint()
    assert verify() == (0, None, chain.GENESIS)


# The migration that keyed the chain: an unkeyed chain is re-hashed once, never a broken one.
key_the_chain = importlib.import_module("casereview.audit.migrations.0003_key_the_chain")


class Editor:
    """What the migration needs of a schema editor, usable inside the test's transaction."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_keys_an_unkeyed_chain(events):
    from django.apps import apps

    key_the_chain.backward(apps, Editor())  # back to the unkeyed chain of before
    assert AuditEvent.objects.get(pk=events[0].pk).hash == unkeyed(chain.GENESIS, events[0])
    assert verify_chain()[1] == f"event {events[0].pk} has been altered"
    key_the_chain.forward(apps, Editor())
    assert verify_chain()[:2] == (5, None)
    assert not triggers.problems(connection)


def test_the_migration_refuses_to_key_a_broken_chain(events):
    from django.apps import apps

    key_the_chain.backward(apps, Editor())
    lift_triggers()
    AuditEvent.objects.filter(pk=events[3].pk).update(action="nothing")
    with pytest.raises(RuntimeError, match=f"already broken at event {events[3].pk}"):
        key_the_chain.forward(apps, Editor())
