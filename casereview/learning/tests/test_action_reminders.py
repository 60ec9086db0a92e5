"""Actions due or overdue: reminded exactly once through `casereview send-reminders` (the
leads of the owner agency; the board's managers too when overdue, the escalation), and in
each person's home."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command

from casereview.learning.models import Action, ActionReminder
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
