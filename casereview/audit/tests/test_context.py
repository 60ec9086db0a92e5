"""The request context: where an event came from, made once per request."""

from django.test import RequestFactory

from casereview.audit.context import SYSTEM, context_of, recorded_during
from casereview.audit.models import AuditEvent
from casereview.audit.services import record


def test_a_request_has_one_context_with_its_address_and_browser():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="x" * 500)
    context = context_of(request)
    assert context is context_of(request)
    assert context.ip == "203.0.113.9"
    assert len(context.user_agent) == 200


def test_events_recorded_under_a_request_context_are_counted_for_the_request(world):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    assert recorded_during(request) == 0
    record("read", world.board, actor=world.user("auditor"), context=context_of(request))
    assert recorded_during(request) == 1
    assert AuditEvent.objects.get().ip_address == "203.0.113.9"


def test_a_system_event_has_no_address_and_no_anonymous_actor(world):
    event = record("compliance.report", world.board, actor=None, context=SYSTEM)
    assert (event.ip_address, event.actor_id, event.actor_label) == (None, None, "")
