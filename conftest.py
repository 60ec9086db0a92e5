"""Shared fixtures: two boards, their agencies, a user for every role (the personas), and
clients that are signed in with both factors."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client, TransactionTestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit import guard

PASSWORD = "correct-horse-battery-9"

# Flushing the database between transactional tests deletes audit events, which the
# triggers refuse unless a purge is allowed.
_flush = TransactionTestCase._fixture_teardown


def _flush_with_purge(self):
    with guard.purge_allowed():
        _flush(self)


TransactionTestCase._fixture_teardown = _flush_with_purge


_password_hash = None


def password_hash() -> str:
    """Argon2 is slow on purpose: hash the shared test password once per run."""
    global _password_hash
    if _password_hash is None:
        from django.contrib.auth.hashers import make_password

        _password_hash = make_password(PASSWORD)
    return _password_hash


def make_user(username: str, **fields):
    from casereview.accounts.models import User

    return User.objects.create(username=username, password=password_hash(), **fields)


@pytest.fixture(autouse=True)
def documents_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to var/."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture(autouse=True)
def audit_checkpoints_in_tmp(settings, tmp_path):
    """Audit checkpoints of a test go to its own temporary file, never to var/."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.log"


class World:
    """Board A (ours) and board B (another board), with every role in board A."""

    def __init__(self):
        from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role

        self.board = Board.objects.create(slug="eastbrook", name="Eastbrook SCB", area="Eastbrook")
        self.other_board = Board.objects.create(
            slug="westmoor", name="Westmoor SCB", area="Westmoor", reference_prefix="WSCB"
        )
        self.police = Agency.objects.create(
            board=self.board, name="Eastbrook Police", kind=AgencyKind.POLICE
        )
        self.health = Agency.objects.create(
            board=self.board, name="Eastbrook Health", kind=AgencyKind.HEALTH_PROVIDER
        )
        self.other_police = Agency.objects.create(
            board=self.other_board, name="Westmoor Police", kind=AgencyKind.POLICE
        )
        self.users = {}
        for role in Role.values:
            user = make_user(role, first_name="Test", last_name=role.title())
            agency = self.police if role == Role.AGENCY_AUTHOR else None
            Membership.objects.create(user=user, board=self.board, role=role, agency=agency)
            self.users[role] = user
        self.health_author = make_user("health_author")
        Membership.objects.create(
            user=self.health_author, board=self.board, role=Role.AGENCY_AUTHOR, agency=self.health
        )
        self.outsider = make_user("outsider")
        Membership.objects.create(
            user=self.outsider, board=self.other_board, role=Role.BOARD_MANAGER
        )
        self.no_roles = make_user("nobody")

    def user(self, role: str):
        return self.users[role]


@pytest.fixture
def world(db) -> World:
    return World()


def verified_client(user) -> Client:
    """A client signed in with password and second factor, as after a real sign-in."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for():
    return verified_client


def notification_fields(**overrides) -> dict:
    fields = {
        "referrer_name": "Dana Test",
        "referrer_role": "Team manager",
        "referrer_agency": None,
        "referrer_contact": "dana.test@example.invalid",
        "incident_date": date(2026, 3, 1),
        "outcome": "death",
        "date_of_death": date(2026, 3, 2),
        "abuse_neglect": "suspected",
        "circumstances": "Synthetic test circumstances.",
    }
    fields.update(overrides)
    return fields


def child_fields(**overrides) -> dict:
    fields = {
        "given_names": "Ada",
        "family_name": "Testchild",
        "date_of_birth": date(2024, 5, 17),
        "sex": "female",
        "ethnicity": "W1",
        "address": "1 Example Street, Eastbrook ZZ99 1AA",
    }
    fields.update(overrides)
    return fields


def make_notification(board, actor, agencies=(), child=None, **fields):
    from casereview.cases.services import create_notification

    return create_notification(
        None,
        board=board,
        actor=actor,
        fields=notification_fields(**fields),
        child=child_fields(**(child or {})),
        agencies=agencies,
    )


@pytest.fixture
def notification(world):
    """A notification in board A involving the police (agency A)."""
    return make_notification(world.board, world.user("board_manager"), agencies=[world.police])


@pytest.fixture
def health_notification(world):
    """A notification in board A involving only health (another agency)."""
    return make_notification(world.board, world.user("board_manager"), agencies=[world.health])


@pytest.fixture
def foreign_notification(world):
    """A notification of board B."""
    return make_notification(world.other_board, world.outsider, agencies=[world.other_police])
