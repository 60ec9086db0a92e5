"""The moving parts of the load, crash and two-machine scripts, fast: the journeys drive the
real forms (through Django's test client here, through HTTP there), the computed security
code is the one django-otp accepts, and the figures are computed as stated."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Membership, Role
from casereview.cases.models import Notification
from conftest import PASSWORD, make_user
from tests.load import crash, journeys, run
from tests.load.figures import percentile


class ClientSite:
    """journeys.Site over Django's test client."""

    def __init__(self):
        self.client = Client()

    def _wrap(self, response):
        return SimpleNamespace(
            status_code=response.status_code,
            text=response.content.decode(),
            headers=response.headers,
        )

    def get(self, path, *, name=""):
        return self._wrap(self.client.get(path))

    def post(self, path, data, *, name="", files=None):
        return self._wrap(self.client.post(path, data))


@pytest.fixture
def load_account(world):
    user = make_user("load.0001")
    Membership.objects.create(user=user, board=world.board, role=Role.BOARD_MANAGER)
    TOTPDevice.objects.create(user=user, key=journeys.totp_key("load.0001"), confirmed=True)
    return user


def test_the_computed_code_is_the_one_django_otp_expects():
    key = journeys.totp_key("load.0042")
    expected = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6)
    expected.time = 1_790_000_000
    assert journeys.totp(key, at=1_790_000_000) == f"{expected.token():06d}"


def test_a_load_account_signs_in_notifies_and_adds_a_person(load_account):
    site = ClientSite()
    journeys.sign_in(site, "load.0001", password=PASSWORD)
    notification, _marker = journeys.notify(site, "abc123")
    stored = Notification.objects.get(pk=notification)
    assert stored.referrer_name == "Load abc123"
    assert stored.people.filter(kind="child", family_name="Loadchildabc123").exists()
    assert stored.tasks.count() == 1 + crash.AGENCIES_PER_CASE
    journeys.add_person(site, notification, "xyz")
    assert stored.people.filter(family_name="Loadrelativexyz").exists()
    assert notification in journeys.notification_ids(site)


def test_a_wrong_answer_stops_the_journey(world):
    site = ClientSite()
    with pytest.raises(journeys.JourneyError, match="password"):
        journeys.sign_in(site, "nobody-here")


def test_percentiles_are_the_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 51
    assert percentile(values, 0.95) == 96
    assert percentile(values, 0.99) == 100
    assert percentile([], 0.95) == 0


def test_the_load_report_shows_where_in_the_window_the_slow_requests_fell():
    samples = [(0.5, 120), (3.0, 1500), (12.0, 80), (14.9, 2200), (15.0, 1001), (41.0, 999)]
    assert run.slowest_seconds(samples) == "0s: 1, 10s: 2"
    assert run.slowest_seconds([(1.0, 50)]) == ""
