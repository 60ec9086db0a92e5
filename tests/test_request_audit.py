"""Every request that reads, writes or is refused case data leaves exactly one event."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from conftest import verified_client


def events_during(fn):
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    fn()
    return list(AuditEvent.objects.filter(id__gt=before).order_by("id"))


@pytest.mark.parametrize(
    ("role", "name", "action", "outcome"),
    [
        ("board_manager", "cases:detail", "read", "ok"),
        ("agency_author", "cases:detail", "read", "ok"),
        ("board_manager", "cases:person_add", "read", "ok"),
        ("panel_chair", "cases:screening", "read", "ok"),
        ("board_chair", "cases:decision", "read", "ok"),
        ("auditor", "cases:access_log", "read", "ok"),
        ("panel_member", "cases:decision", "deny", "denied"),
        ("agency_author", "cases:person_add", "deny", "denied"),
        ("health_author", "cases:detail", "deny", "not_found"),
        ("outsider", "cases:detail", "deny", "not_found"),
    ],
)
def test_a_page_view_is_one_event(world, notification, role, name, action, outcome):
    user = getattr(world, role, None) or world.user(role)
    client = verified_client(user)
    events = events_during(lambda: client.get(reverse(name, args=[notification.pk])))
    assert [(e.action, e.outcome) for e in events] == [(action, outcome)]
    assert events[0].actor_id == user.pk
    assert events[0].object_id == str(notification.pk)


def test_an_invalid_form_post_is_one_read(world, notification):
    client = verified_client(world.user("board_chair"))
    events = events_during(
        lambda: client.post(reverse("cases:decision", args=[notification.pk]), {"reasons": ""})
    )
    assert [e.action for e in events] == ["read"]


def test_a_decision_is_one_event_naming_the_review(world, notification):
    from casereview.cases.services import record_panel_recommendation

    record_panel_recommendation(
        notification,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        recommendation="review_required",
        reasons="Death with neglect suspected",
    )
    client = verified_client(world.user("board_chair"))
    events = events_during(
        lambda: client.post(
            reverse("cases:decision", args=[notification.pk]),
            {
                "outcome": "hold_review",
                "reasons": "Criteria met",
                "decided_on_day": "10",
                "decided_on_month": "3",
                "decided_on_year": "2026",
            },
        )
    )
    assert [e.action for e in events] == ["decision.record"]
    assert events[0].detail["review"] == str(notification.review.pk)
    assert notification.review.decision.decided_on == date(2026, 3, 10)
