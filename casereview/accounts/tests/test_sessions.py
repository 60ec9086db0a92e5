from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, code_for, verified_client

SECOND = reverse("accounts:two_factor")
LIST = reverse("cases:list")


def test_an_idle_session_ends_after_30_minutes(world):
    client = verified_client(world.user("board_manager"))
    now = timezone.now()
    with time_machine.travel(now + timedelta(minutes=29)):
        assert client.get(LIST).status_code == 200
    with time_machine.travel(now + timedelta(minutes=29 + 31)):
        response = client.get(LIST)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        assert client.get(LIST)["Location"].startswith("/sign-in/")


def test_a_session_ends_after_12_hours_however_busy(world):
    client = verified_client(world.user("board_manager"))
    start = timezone.now()
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(LIST).status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=12, minutes=5)):
        assert client.get(LIST).status_code == 302


def test_sign_in_gives_a_new_session_id(world):
    user = world.user("board_manager")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    client.get(reverse("accounts:login"))
    client.cookies["sessionid"] = "fixated-session-id-0123456789"
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    after_password = client.cookies["sessionid"].value
    assert after_password != "fixated-session-id-0123456789"
    client.post(SECOND, {"code": code_for(device)})
    assert client.cookies["sessionid"].value != after_password


def test_no_session_is_usable_after_sign_out(world):
    client = verified_client(world.user("board_manager"))
    stolen = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get(LIST).status_code == 302


def test_disabling_a_user_ends_their_sessions(world):
    user = world.user("board_manager")
    client = verified_client(user)
    assert client.get(LIST).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(LIST)["Location"].startswith("/sign-in/")


def test_authenticated_pages_are_never_cached(world):
    response = verified_client(world.user("board_manager")).get(LIST)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_carry_a_content_security_policy_with_a_nonce(world):
    response = verified_client(world.user("board_manager")).get(LIST)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text
    assert "unsafe-inline" not in policy
