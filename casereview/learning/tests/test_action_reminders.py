"""Actions due or overdue: reminded exactly once through `casereview send-reminders` (the
leads of the owner agency; the board's managers too when overdue, the escalation), and in
each person's home."""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from casereview.learning.models import Action, ActionReminder
from casereview.learning.reminders import send_action_reminders
from casereview.reviews.my_work import build
from conftest import review_of

from .helpers import TODAY, action_of, lesson_of, recommendation_of


def _send(*args):
    call_command("send-reminders", "--today", TODAY.isoformat(), *args, stdout=StringIO())


def _to(mailoutbox, user):
    return [m for m in mailoutbox if user.email in m.to and "actions due or overdue" in m.subject]


def test_due_and_overdue_actions_are_reminded_exactly_once(world, mailoutbox):
    for user in (world.user("agency_author"), world.user("board_manager"), world.health_author):
        user.email = f"{user.username}@example.org"
        user.save()
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    due = action_of(world, rec, world.police, target_date=TODAY + timedelta(days=7))
    late = action_of(world, rec, world.health)
    Action.objects.filter(pk=late.pk).update(target_date=TODAY - timedelta(days=2))
    action_of(world, rec, world.police, target_date=TODAY + timedelta(days=120))  # not yet
    _send()
    [police] = _to(mailoutbox, world.user("agency_author"))
    assert review.reference in police.body and "due by" in police.body
    assert f"/actions/{due.pk}/" in police.body
    [health] = _to(mailoutbox, world.health_author)
    assert "overdue since" in health.body
    [manager] = _to(mailoutbox, world.user("board_manager"))  # escalated
    assert f"/actions/{late.pk}/" in manager.body and f"/actions/{due.pk}/" not in manager.body
    assert Action.objects.get(pk=late.pk).escalated_at is not None
    assert ActionReminder.objects.count() == 3
    mailoutbox.clear()
    _send()
    assert not [m for m in mailoutbox if "actions due or overdue" in m.subject]


def test_your_work_shows_an_agency_leads_actions_due(world):
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    mine = action_of(world, rec, world.police, target_date=TODAY + timedelta(days=3))
    action_of(world, rec, world.health, target_date=TODAY + timedelta(days=3))
    sections = build(world.user("agency_author"), TODAY)
    urls = [i.url for s in sections for i in s.items]
    assert [u for u in urls if "/learning/actions/" in u] == [
        f"/reviews/{review.pk}/learning/actions/{mine.pk}/"
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one write transaction at a time, so two runs cannot "
    "overlap; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_a_person_one_e_mail_of_their_actions(world, monkeypatch):
    """The second run starts while the first has claimed one of a person's three actions: it
    waits for the first to finish, then finds all three taken; without the wait it claimed the
    other two and the person had two e-mails (make multi)."""
    lead = world.user("agency_author")
    lead.email = "lead@example.org"
    lead.save()
    review = review_of(world, agencies=[world.police])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    for days in (3, 5, 7):
        action_of(world, rec, world.police, target_date=TODAY + timedelta(days=days))
    first_claimed, second_done = threading.Event(), threading.Event()
    create = ActionReminder.objects.create
    calls = []

    def claim_slowly(**fields):
        # The first run pauses before its second claim, once its first is made.
        if threading.current_thread() is runs[0]:
            calls.append(1)
            if len(calls) == 2:
                first_claimed.set()
                held_or_done()
        return create(**fields)

    def held_or_done():
        """Until the second run has finished or waits on a lock, 20 s at most."""
        deadline = time.monotonic() + 20
        while not second_done.is_set() and time.monotonic() < deadline:
            with connection.cursor() as cursor:
                # Inside a transaction the statistics views keep their first snapshot.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)"
                    " WHERE NOT granted AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    return
            time.sleep(0.05)

    monkeypatch.setattr(ActionReminder.objects, "create", claim_slowly)
    sent = []
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send", lambda message: sent.append(message.to) or 1
    )
    errors = []

    def run(before=None):
        try:
            if before:
                before.wait(timeout=10)
            send_action_reminders(TODAY, 5, dry_run=False)
        except BaseException as error:
            errors.append(error)
        finally:
            if threading.current_thread() is runs[1]:
                second_done.set()
            connections.close_all()

    runs = [threading.Thread(target=run), threading.Thread(target=run, args=(first_claimed,))]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(timeout=30)
    assert errors == []
    assert sent == [["lead@example.org"]]
    assert ActionReminder.objects.filter(recipient_id=lead.pk).count() == 3
