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
from tests.load import cpu, crash, journeys, run
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


def test_the_cpu_figures_are_the_cores_each_part_used_between_the_window_ends():
    def sample(at, web, postgres, locust, busy):
        return cpu.Sample(at, {"web": web, "postgres": postgres, "locust": locust}, busy)

    samples = [
        sample(100.0, {1: 5.0, 2: 5.0}, {7: 2.0}, {9: 1.0}, 50.0),
        sample(100.5, {1: 5.2, 2: 5.2}, {7: 2.1}, {9: 1.1}, 50.9),
        # Backend 7 ended (its connection recycled) after 3.0 s of CPU; backend 8 started.
        sample(105.0, {1: 7.0, 2: 8.0}, {7: 3.0, 8: 0.5}, {9: 1.5}, 60.0),
        sample(110.0, {1: 10.0, 2: 10.0}, {8: 3.0}, {9: 2.0}, 70.0),
        sample(120.0, {1: 99.0, 2: 99.0}, {8: 99.0}, {9: 99.0}, 999.0),  # after the window
    ]
    # Window ends at 100.1 and 109.8: the nearest samples are at 100.0 and 110.0.
    used = cpu.in_window(samples, 100.1, 109.8)
    # postgres: backend 7 from 2.0 to 3.0, backend 8 from its start to 3.0: 4.0 s in 10 s.
    assert used == pytest.approx({"web": 1.0, "postgres": 0.4, "locust": 0.1, "other": 0.5})
    line = run.cpu_line(used, 100, {"measured_s": 10})
    assert "web 1.00, postgres 0.40, locust 0.10, other 0.50" in line
    assert "140 ms of CPU per read or write" in line  # (1.0 + 0.4) cores x 10 s / 100
    assert cpu.in_window(samples[:1], 100.0, 110.0) is None
    assert cpu.in_window([], 100.0, 110.0) is None


def test_the_cpu_sampler_finds_the_machine_busy_and_no_part_of_a_run_that_is_not_there():
    sample = cpu.CpuUse([], "no_such_database").sample()
    assert sample.busy > 0
    assert sample.parts["web"] == {} and sample.parts["postgres"] == {}
