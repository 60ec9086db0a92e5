import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts import two_factor
from casereview.audit.models import AuditEvent
from conftest import PASSWORD, code_for

LOGIN = reverse("accounts:login")
SECOND = reverse("accounts:two_factor")


def sign_in_password(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def manager(world):
    user = world.user("board_manager")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def test_it_signs_in_with_password_then_code(manager):
    client = Client()
    response = sign_in_password(client, "board_manager")
    assert response.status_code == 302 and response["Location"] == SECOND
    # Not yet verified: everything but the second step sends back to it.
    assert client.get(reverse("cases:list"))["Location"] == SECOND
    device = TOTPDevice.objects.get(user=manager)
    response = client.post(SECOND, {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


def test_it_refuses_a_wrong_code(manager):
    client = Client()
    sign_in_password(client, "board_manager")
    response = client.post(SECOND, {"code": "000000"})
    assert "The security code is not right" in response.text
    assert client.get(reverse("cases:list"))["Location"] == SECOND
    assert AuditEvent.objects.filter(action="sign_in.second_factor", outcome="denied").exists()


def test_a_new_user_enrols_with_a_qr_code_and_gets_backup_codes(world):
    client = Client()
    sign_in_password(client, "panel_member")
    page = client.get(SECOND)
    assert "Set up two-factor sign in" in page.text
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=world.user("panel_member"), confirmed=False)
    response = client.post(SECOND, {"code": code_for(device)})
    assert "Your backup codes" in response.text
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=world.user("panel_member")).count() == 10


def test_a_backup_code_works_once(manager):
    codes = two_factor.new_backup_codes(manager)
    client = Client()
    sign_in_password(client, "board_manager")
    assert client.post(SECOND, {"code": codes[0]}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in_password(client, "board_manager")
    response = client.post(SECOND, {"code": codes[0]})
    assert response.status_code == 200 and "not right" in response.text


def test_a_wrong_password_gets_the_same_answer_as_an_unknown_user(manager):
    known = sign_in_password(Client(), "board_manager", "wrong-password-123")
    unknown = sign_in_password(Client(), "nobody-at-all", "wrong-password-123")
    assert known.status_code == unknown.status_code == 401

    def normalise(response, username):
        text = re.sub(r'nonce="[^"]+"', "", response.text)
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
        return text.replace(username, "X")

    assert normalise(known, "board_manager") == normalise(unknown, "nobody-at-all")


@pytest.mark.parametrize("username", ["board_manager", "nobody-at-all"])
def test_five_failures_lock_the_username_for_15_minutes(manager, username):
    client = Client()
    for _ in range(5):
        sign_in_password(client, username, "wrong-password-123")
    locked = sign_in_password(client, username, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.text
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = sign_in_password(Client(), "board_manager", PASSWORD)
        assert response.status_code == 302


def test_passwords_need_12_characters_and_not_a_common_one(world):
    user = world.user("board_manager")
    with pytest.raises(ValidationError, match="at least 12"):
        validate_password("Short1!", user)
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234", user)
    validate_password("a-long-unusual-passphrase", user)


def test_passwords_are_hashed_with_argon2(world):
    from django.contrib.auth.hashers import make_password

    assert make_password("a-long-unusual-passphrase").startswith("argon2")


def test_a_demo_hint_shows_the_code_only_when_enabled(manager):
    client = Client()
    sign_in_password(client, "board_manager")
    assert "demo-code" not in client.get(SECOND).text
    with override_settings(DEMO_SHOW_CODES=True):
        page = client.get(SECOND)
        assert code_for(TOTPDevice.objects.get(user=manager)) in page.text


def test_sign_in_does_not_redirect_off_site(manager):
    client = Client()
    client.post(
        LOGIN,
        {"username": "board_manager", "password": PASSWORD, "next": "https://evil.example/"},
    )
    device = TOTPDevice.objects.get(user=manager)
    response = client.post(SECOND, {"code": code_for(device)})
    assert response["Location"] == reverse("home")


def refusals():
    return list(AuditEvent.objects.filter(outcome="denied").order_by("id"))


def stored_text() -> str:
    return " ".join(f"{e.actor_label} {e.object_id} {e.detail}" for e in AuditEvent.objects.all())


def test_a_wrong_password_is_recorded_against_the_account_and_no_board(manager):
    sign_in_password(Client(), "board_manager", "wrong-password-123")
    [event] = refusals()
    assert event.action == "sign_in.password"
    assert (event.actor_id, event.object_id, event.board_id) == (manager.pk, str(manager.pk), None)
    assert "wrong-password-123" not in stored_text()


def test_an_unknown_username_is_recorded_without_what_was_typed(world):
    # A password typed into the username box must not end up in the audit trail.
    sign_in_password(Client(), "Tr0ub4dor&3-typed-here", "another-secret-123")
    [event] = refusals()
    assert (event.action, event.actor_id, event.actor_label) == ("sign_in.unknown_user", None, "")
    assert event.board_id is None
    assert "Tr0ub4dor" not in stored_text() and "another-secret" not in stored_text()


@pytest.mark.parametrize("username", ["board_manager", "nobody-at-all"])
def test_every_attempt_from_the_lockout_on_is_recorded(manager, username):
    client = Client()
    for _ in range(5):
        sign_in_password(client, username, "wrong-password-123")
    sign_in_password(client, username, PASSWORD)
    failed = "sign_in.password" if username == "board_manager" else "sign_in.unknown_user"
    assert [e.action for e in refusals()] == [failed] * 4 + ["sign_in.locked_out"] * 2
    assert {e.board_id for e in refusals()} == {None}
