"""Before the idle timeout, pages warn with a button to stay signed in (WCAG 2.2.1); the
security code field takes a pasted code; the accessibility statement is public."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit.models import AuditEvent
from conftest import PASSWORD, verified_client

STAY = reverse("accounts:stay_signed_in")


def test_pages_load_the_warning_script_with_the_idle_time(world):
    page = verified_client(world.user("board_manager")).get(reverse("home")).text
    assert "accounts/session-timeout.js" in page
    assert 'data-idle-seconds="1800"' in page and 'data-warn-seconds="120"' in page


def test_staying_signed_in_restarts_the_idle_clock_and_records_nothing(world):
    client = verified_client(world.user("board_manager"))
    client.get(reverse("home"))
    events = AuditEvent.objects.count()
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=29)):
        response = client.post(STAY)
        assert response.status_code == 200 and response.json() == {"idle_seconds": 1800}
    assert AuditEvent.objects.count() == events
    with time_machine.travel(start + timedelta(minutes=50)):
        assert client.get(reverse("cases:list")).status_code == 200


def test_without_staying_the_session_ends(world):
    client = verified_client(world.user("board_manager"))
    client.get(reverse("home"))
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.post(STAY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staying_signed_in_needs_a_post_with_the_csrf_token(world):
    client = verified_client(world.user("board_manager"))
    assert client.get(STAY).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    assert strict.post(STAY).status_code == 403


def test_a_pasted_security_code_with_spaces_signs_in(world):
    user = world.user("board_manager")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    page = client.get(reverse("accounts:two_factor")).text
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert "onpaste" not in page.lower()
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    response = client.post(reverse("accounts:two_factor"), {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


def test_the_accessibility_statement_is_public_and_linked_from_every_page(world):
    page = Client().get(reverse("accessibility"))
    assert page.status_code == 200
    assert "Accessibility statement" in page.text and "Enforcement procedure" in page.text
    home = verified_client(world.user("auditor")).get(reverse("home")).text
    assert f'href="{reverse("accessibility")}"' in home
