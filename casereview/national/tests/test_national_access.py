"""National analysts read national records and never case data; a board's manager reads
their own board's timeliness beside the national median, no other board named."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import Membership, Role
from casereview.audit.models import AuditEvent

from .helpers import make_records

NATIONAL_URLS = ["national:trends", "national:trends_csv", "national:timeliness"]


def test_a_national_analyst_of_another_board_reads_every_national_page(world, client_for):
    make_records(6, board_code="westmoor", timeliness={"decision_in_time": True})
    Membership.objects.create(
        user=world.outsider, board=world.other_board, role=Role.NATIONAL_ANALYST
    )
    client = client_for(world.outsider)
    for name in NATIONAL_URLS:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize(
    "role",
    [
        r
        for r in Role.values
        if r not in (Role.NATIONAL_ANALYST, Role.BOARD_MANAGER, Role.BOARD_CHAIR)
    ],
)
def test_other_roles_are_refused_and_the_refusal_audited(world, client_for, role):
    client = client_for(world.user(role))
    for name in NATIONAL_URLS:
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        assert client.get(reverse(name)).status_code == 403, (role, name)
        assert AuditEvent.objects.filter(pk__gt=last, action="deny").count() == 1


def _timeliness(board_code, n, in_time, year=2025):
    for i in range(n):
        make_records(
            1,
            board_code=board_code,
            board_name=f"{board_code.title()} Safeguarding Board",
            notified_month=date(year, 4, 1),
            timeliness={"decision_in_time": i < in_time, "published_on_time": None},
        )


@pytest.fixture
def boards(db):
    _timeliness("eastbrook", 10, 8)  # 80%
    _timeliness("westmoor", 10, 5)  # 50%
    _timeliness("northfield", 20, 18)  # 90%
    _timeliness("southdale", 3, 3)  # too few: suppressed


def test_a_board_manager_sees_their_board_beside_the_median_and_no_other_board(
    world, client_for, boards
):
    response = client_for(world.user(Role.BOARD_MANAGER)).get(reverse("national:timeliness"))
    assert response.status_code == 200
    html = response.text
    assert "Eastbrook SCB" in html and "80%" in html
    for other in ("Westmoor", "Northfield", "Southdale", "westmoor", "northfield"):
        assert other not in html
    # The median of the boards' shown shares (50%, 80%, 90%) and the national share 34/43.
    assert "Median of boards" in html and ">80%<" in html
    assert f"{34 / 43:.0%}" in html


def test_national_analysts_see_every_board_and_small_boards_suppressed(world, client_for, boards):
    html = client_for(world.user(Role.NATIONAL_ANALYST)).get(reverse("national:timeliness")).text
    for name in ("Eastbrook", "Westmoor", "Northfield", "Southdale"):
        assert f"{name} Safeguarding Board" in html
    assert "50%" in html and "90%" in html and "[c]" in html
    assert "100%" not in html  # southdale's 3 of 3
