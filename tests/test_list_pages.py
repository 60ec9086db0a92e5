"""The notifications and reviews lists a page at a time, newest first; the downloads keep the
whole list, and the audit event counts every row the list holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.lib import tables
from conftest import make_notification, verified_client, with_review


@pytest.fixture
def three(world, monkeypatch):
    monkeypatch.setattr(tables, "PAGE_SIZE", 2)
    manager = world.user("board_manager")
    start = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    return [
        with_review(
            make_notification(
                world.board, manager, agencies=[world.police], received_at=start + timedelta(days=n)
            ),
            world.user("board_chair"),
        )
        for n in range(3)
    ]


def test_the_lists_page_newest_first_and_count_every_row(world, three, foreign_notification):
    client = verified_client(world.user("board_manager"))
    for name, refs in (
        ("cases:list", [c.reference for c in three]),
        ("reviews:list", [c.review.reference for c in three]),
    ):
        first = client.get(reverse(name)).text
        second = client.get(reverse(name), {"page": 2}).text
        assert refs[2] in first and refs[1] in first and refs[0] not in first, name
        assert refs[0] in second and refs[2] not in second, name
        assert "3 in all, newest first." in first and 'rel="next"' in first
        assert "Page 2 of 2" in second and 'rel="prev"' in second
        # A page past the end or not a number shows the last or the first, never an error.
        assert refs[0] in client.get(reverse(name), {"page": 9}).text
        assert refs[2] in client.get(reverse(name), {"page": "x"}).text
        assert foreign_notification.reference not in first + second
    counts = [e.detail["count"] for e in AuditEvent.objects.filter(action="list")]
    assert counts and set(counts) == {3}


def test_the_downloads_hold_the_whole_list(world, three):
    client = verified_client(world.user("board_manager"))
    text = client.get(reverse("cases:list"), {"format": "csv", "page": 2}).content.decode()
    assert all(c.reference in text for c in three)
