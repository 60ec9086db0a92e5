"""Shared fixtures: two boards, their agencies, a user for every role (the personas), and
clients that are signed in with both factors."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import Client, TransactionTestCase
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit import guard
from casereview.audit.context import SYSTEM

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


def code_for(device) -> str:
    """What the person's authenticator app shows now for this TOTP device."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    return f"{totp.token():0{device.digits}d}"


def make_user(username: str, **fields):
    from casereview.accounts.models import User

    return User.objects.create(username=username, password=password_hash(), **fields)


@pytest.fixture(autouse=True)
def documents_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to var/."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run when enqueued, in the test's own database transaction."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def audit_checkpoints_in_tmp(settings, tmp_path):
    """Audit checkpoints of a test go to its own temporary file, never to var/."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.log"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what is kept there is keyed by counters of the
    database (national/revision.py), which every test's rollback sets back."""
    from django.core.cache import cache

    cache.clear()


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
        "disability": "no",
        "address": "1 Example Street, Eastbrook ZZ99 1AA",
    }
    fields.update(overrides)
    return fields


# When the test cases were notified: the morning after the incident of notification_fields,
# so that the fixed March 2026 dates the tests record (decisions, meetings, contacts) keep
# the date rules, which refuse events before the notification.
RECEIVED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_notification(
    board,
    actor,
    agencies=(),
    child=None,
    received_at: datetime | None = RECEIVED_AT,
    different_incident=True,
    **fields,
):
    """A notification made through the service, received at `received_at` (None: now). The
    test children share a name and date of birth, so each is confirmed a different incident
    unless `different_incident=False`."""
    from casereview.cases.models import Notification, Task
    from casereview.cases.services import create_notification

    notification = create_notification(
        board=board,
        actor=actor,
        context=SYSTEM,
        fields=notification_fields(**fields),
        child=child_fields(**(child or {})),
        agencies=agencies,
        different_incident=different_incident,
    )
    if received_at is not None:
        Notification.objects.filter(pk=notification.pk).update(received_at=received_at)
        Task.objects.filter(notification=notification).update(due_at=received_at)
        notification.received_at = received_at
    return notification


# A chair's reasons for not holding a review that the criteria require: substantive
# (cases/decision_guard.py), given with the confirmation the guard asks for.
DEPARTURE_REASONS = (
    "The family's circumstances were reviewed at the panel: a multi-agency learning event "
    "with the practitioners will draw out the lessons faster, and the coroner's inquest "
    "will establish the facts; the board will revisit the decision if new facts emerge."
)


def decide_in_services(
    notification, chair, *, recommender=None, outcome="hold_review", on: date | None = None
):
    """The panel's recommendation (by `recommender`, else the chair) and the chair's
    decision, through the services; returns the notification, refreshed (with its review
    when the decision opened one)."""
    from django.utils import timezone

    from casereview.cases.services import record_decision, record_panel_recommendation

    record_panel_recommendation(
        notification,
        actor=recommender or chair,
        context=SYSTEM,
        recommendation="review_required",
        reasons="r",
    )
    departs = outcome != "hold_review"
    record_decision(
        notification,
        actor=chair,
        context=SYSTEM,
        outcome=outcome,
        reasons=DEPARTURE_REASONS if departs else "r",
        dissent="",
        decided_on=on or timezone.localdate(),
        confirm_departure=departs,
    )
    notification.refresh_from_db()
    return notification


def with_review(notification, chair):
    """The notification, decided for review by `chair` on 10 March 2026."""
    return decide_in_services(notification, chair, on=date(2026, 3, 10))


def review_of(world, agencies=None, **child):
    """A review in board A of a new notification (involving the police unless `agencies`),
    its child described by `child`."""
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=agencies or [world.police],
        child=child,
    )
    return with_review(n, world.user("board_chair")).review


def status_of(review, obligation_id: str) -> str:
    """What the procedure engine says of one obligation of the review: met, due, ..."""
    from casereview.procedure.engine import evaluate

    return next(r.status for r in evaluate(review) if r.obligation.id == obligation_id)


def date_fields(name: str, on: date) -> dict:
    """A date as the GOV.UK date input posts it: `<name>_day`, `<name>_month`, `<name>_year`."""
    return {f"{name}_day": on.day, f"{name}_month": on.month, f"{name}_year": on.year}


def recommend(world, notification, client=None):
    """The panel chair's recommendation, through the screening page."""

    client = client or verified_client(world.user("panel_chair"))
    return client.post(
        reverse("cases:screening", args=[notification.pk]),
        {"recommendation": "review_required", "reasons": "A death; neglect suspected."},
    )


def decide(client, notification, **overrides):
    """The chair's decision (to hold a review, unless `overrides`), through the decision page."""

    data = {
        "outcome": "hold_review",
        "reasons": "The criteria in 19.1 are met.",
        "dissent": "",
        "decided_on_day": "12",
        "decided_on_month": "3",
        "decided_on_year": "2026",
    }
    if overrides.get("outcome", "hold_review") != "hold_review":
        data.update(reasons=DEPARTURE_REASONS, confirm_departure="on")
    data.update(overrides)
    return client.post(reverse("cases:decision", args=[notification.pk]), data)


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


def chronology_entry(review, agency, actor=None, **fields):
    """One entry in the agency's chronology for the review, so that its agency report can be
    submitted (the report's chronology of involvement is that chronology, issue 11)."""
    from django.utils import timezone

    from casereview.chronology.models import ChronologyEntry
    from casereview.chronology.services import chronology_for

    on = fields.pop("on", date(2025, 6, 3))
    return ChronologyEntry.objects.create(
        review=review,
        chronology=chronology_for(review, agency),
        agency=agency,
        occurred_from=on,
        occurred_to=on,
        precision="day",
        event=fields.pop("event", "Home visit"),
        source="browser",
        entered_by=actor or review.notification.created_by,
        entered_at=timezone.now(),
        **fields,
    )
