"""The client's address: from X-Forwarded-For only as far as our own proxies vouch for it."""

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from casereview.audit.context import context_of
from casereview.audit.models import AuditEvent
from casereview.audit.services import record
from casereview.lib.client_address import client_ip

PEER = "10.0.0.5"  # the nearest proxy, or the client itself when there is none


def request_from(forwarded_for: str | None = None, peer: str = PEER):
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        # No proxy: the header is the client's own claim and is ignored.
        (0, None, PEER),
        (0, "203.0.113.9", PEER),
        (0, "203.0.113.9, 198.51.100.7", PEER),
        # One proxy: it appended the address it saw, the rightmost entry.
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, " 203.0.113.9 ,10.0.0.1 ", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Too short (the request did not come through every proxy) or not an address:
        # the TCP peer, never anything else from the header.
        (1, None, PEER),
        (1, "", PEER),
        (2, "203.0.113.9", PEER),
        (1, "6.6.6.6, not-an-address", PEER),
        (1, "203.0.113.9:4711", PEER),
        (1, "<script>", PEER),
    ],
)
def test_the_client_is_the_nth_address_from_the_right(proxies, forwarded_for, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_ip(request_from(forwarded_for)) == expected


def test_a_peer_that_is_not_an_address_gives_none():
    assert client_ip(request_from(peer="")) is None
    assert client_ip(request_from(peer="garbage")) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("proxies", "expected"), [(0, PEER), (1, "203.0.113.9")])
def test_the_audit_trail_records_the_client(proxies, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        request = request_from("6.6.6.6, 203.0.113.9")
        event = record("read", actor=None, context=context_of(request))
    event.refresh_from_db()
    assert event.ip_address == expected


@pytest.mark.parametrize(("proxies", "expected"), [(0, PEER), (1, "203.0.113.9")])
def test_the_lockout_sees_the_same_address(proxies, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        assert get_client_ip_address(request_from("6.6.6.6, 203.0.113.9")) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("proxies", "expected"), [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_a_failed_sign_in_names_the_client_in_the_audit_and_the_lockout(proxies, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        Client(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9").post(
            reverse("accounts:login"), {"username": "someone", "password": "wrong-password-1"}
        )
    assert AuditEvent.objects.get(action="sign_in.unknown_user").ip_address == expected
    assert AccessAttempt.objects.get(username="someone").ip_address == expected
