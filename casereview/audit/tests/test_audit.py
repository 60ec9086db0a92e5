import itertools

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.integrity import verify_chain
from casereview.audit.models import AuditEvent
from casereview.audit.services import record
from conftest import verified_client, with_review


@pytest.fixture
def events(world):
    for i in range(5):
        record("read", world.board, actor=world.user("auditor"), context=SYSTEM, detail={"i": i})
    return list(AuditEvent.objects.order_by("id"))


def test_each_event_links_to_the_one_before(events):
    assert events[0].prev_hash == "0" * 64
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    assert verify_chain()[:2] == (5, None)


def test_the_database_refuses_to_change_an_event(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=events[0].pk).update(action="nothing")


def test_the_database_refuses_to_delete_an_event(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=events[1].pk).delete()


def test_the_command_reports_an_intact_chain(events, capsys):
    call_command("audit", "verify")
    assert "5 events verified" in capsys.readouterr().out


def test_a_notification_page_shows_who_has_seen_it(world, notification):
    verified_client(world.user("panel_member")).get(reverse("cases:detail", args=[notification.pk]))
    page = verified_client(world.user("auditor")).get(
        reverse("cases:access_log", args=[notification.pk])
    )
    assert page.status_code == 200
    assert "panel_member" in page.text


def test_panel_members_cannot_read_the_access_log(world, notification):
    client = verified_client(world.user("panel_member"))
    assert client.get(reverse("cases:access_log", args=[notification.pk])).status_code == 403
    assert client.get(reverse("audit:log")).status_code == 403


def test_the_board_log_lists_only_its_own_boards_events(world, notification, foreign_notification):
    page = verified_client(world.user("auditor")).get(reverse("audit:log"))
    assert page.status_code == 200
    shown_boards = set(
        AuditEvent.objects.filter(board_id__isnull=False).values_list("board_id", flat=True)
    )
    assert world.other_board.pk in shown_boards  # the foreign event exists ...
    assert "outsider" not in page.text  # ... but is not listed


def test_the_access_log_includes_reads_of_the_review(world, notification):
    review = with_review(notification, world.user("board_chair")).review
    verified_client(world.user("panel_chair")).get(reverse("reviews:detail", args=[review.pk]))
    page = verified_client(world.user("auditor")).get(
        reverse("cases:access_log", args=[notification.pk])
    )
    assert "panel_chair" in page.text
    assert f"opened review {review.reference}" in page.text
