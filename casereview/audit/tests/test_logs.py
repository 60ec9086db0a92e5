"""The audit log pages: refusals reach the log of the board whose record was tried; events of
no board (sign-in failures, lockouts, wrong codes) are on the security log, for auditors and
administrators only."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from casereview.audit.models import AuditEvent
from conftest import PASSWORD, verified_client

LOG = reverse("audit:log")
SECURITY = reverse("audit:security")


def without_nonce(text: str) -> str:
    """The page without what differs on every response (CSP nonce, CSRF token)."""
    text = re.sub(r'nonce="[^"]+"', "", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def last_event():
    return AuditEvent.objects.order_by("-id").first()


def test_a_refusal_from_another_board_is_in_the_log_of_the_board_tried(world, notification):
    url = reverse("cases:detail", args=[notification.pk])
    response = verified_client(world.outsider).get(url)
    assert response.status_code == 404
    denial = last_event()
    assert (denial.action, denial.outcome) == ("deny", "not_found")
    assert denial.board_id == world.board.pk
    assert denial.actor_label == "outsider"
    assert "outsider" in verified_client(world.user("auditor")).get(LOG).text


def test_the_refused_user_learns_nothing_from_the_board_being_recorded(world, notification):
    """The same 404 whether the record exists in another board or does not exist at all."""
    client = verified_client(world.outsider)
    existing = client.get(reverse("cases:detail", args=[notification.pk]))
    missing = client.get(reverse("cases:detail", args=["00000000-0000-0000-0000-000000000000"]))
    assert existing.status_code == missing.status_code == 404
    assert without_nonce(existing.text) == without_nonce(missing.text)
    assert last_event().board_id is None  # nothing there: no board to tell


def test_a_refusal_of_nothing_in_particular_is_on_the_security_log_only(world):
    verified_client(world.user("panel_member")).get(LOG)
    denial = last_event()
    assert (denial.action, denial.outcome, denial.board_id) == ("deny", "denied", None)
    auditor = verified_client(world.user("auditor"))
    assert "panel_member" not in auditor.get(LOG).text
    assert "panel_member" in auditor.get(SECURITY).text


@pytest.mark.parametrize("role", ["auditor", "administrator"])
def test_auditors_and_administrators_see_sign_in_failures_with_the_address(world, role):
    Client(REMOTE_ADDR="192.0.2.44").post(
        reverse("accounts:login"), {"username": "board_chair", "password": "not-the-password"}
    )
    page = verified_client(world.user(role)).get(SECURITY)
    assert page.status_code == 200
    assert "Security log" in page.text
    assert "sign_in.password" in page.text and "board_chair" in page.text
    assert "192.0.2.44" in page.text
    assert (last_event().action, last_event().detail) == (
        "audit.read",
        {"log": "security", "page": 1},
    )


@pytest.mark.parametrize(
    "role",
    [
        "board_manager",
        "board_chair",
        "panel_chair",
        "panel_member",
        "agency_author",
        "national_analyst",
    ],
)
def test_other_roles_are_refused_the_security_log(world, role):
    response = verified_client(world.user(role)).get(SECURITY)
    assert response.status_code == 403
    denial = last_event()
    assert (denial.action, denial.outcome) == ("deny", "denied")
    assert denial.detail == {"action": "audit.security"}


def test_the_board_log_shows_no_events_of_no_board(world):
    Client().post(
        reverse("accounts:login"), {"username": "panel_chair", "password": "nope-nope-nope"}
    )
    assert "sign_in.password" not in verified_client(world.user("board_manager")).get(LOG).text


def test_the_navigation_offers_the_security_log_to_those_who_may_read_it(world):
    auditor = verified_client(world.user("auditor")).get(SECURITY).text
    assert f'href="{SECURITY}"' in auditor
    # Only the security log is the current page, not the audit log whose address starts it.
    assert auditor.count("govuk-service-navigation__item--active") == 1
    manager = verified_client(world.user("board_manager")).get(LOG).text
    assert f'href="{LOG}"' in manager and f'href="{SECURITY}"' not in manager


def test_a_wrong_security_code_is_on_the_security_log(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world.user("panel_chair"), name="app", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "panel_chair", "password": PASSWORD})
    client.post(reverse("accounts:two_factor"), {"code": "000000"})
    page = verified_client(world.user("auditor")).get(SECURITY).text
    assert "sign_in.second_factor" in page
