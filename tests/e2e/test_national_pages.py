"""The national trends and timeliness pages in a real browser: charts drawn without script or
inline style (no CSP violation), checked with axe-core (WCAG 2.2 AA) and at 320 px wide."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from casereview.national.tests.helpers import make_records
from conftest import World
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_analyst_reads_the_trends_and_a_manager_their_boards_timeliness(live_server, open_tab):
    world = World()
    make_records(
        12,
        incident_month=date(2024, 3, 1),
        family_risks=["neglect"],
        timeliness={"decision_in_time": True},
    )
    make_records(
        3,
        incident_month=date(2024, 7, 1),
        outcome="serious_harm",
        age_band="age_11_15",
        board_code="westmoor",
    )
    make_records(
        9,
        incident_month=date(2025, 2, 1),
        age_band="age_1_5",
        practice_issues=["information_sharing"],
        timeliness={"decision_in_time": False},
    )
    analyst = world.user("national_analyst")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, analyst, authenticator(analyst))
    page.goto(f"{live_server.url}/national/trends/")
    expect(heading(page, "National trends")).to_be_visible()
    expect(page.locator("svg.app-chart").first).to_be_visible()
    expect(page.locator("#table-outcomes")).to_contain_text("[c]")
    tab.check("national-trends")
    page.set_viewport_size({"width": 320, "height": 640})
    tab.check("national-trends-320px")
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/national/timeliness/")
    expect(heading(page, "Timeliness across boards")).to_be_visible()
    tab.check("national-timeliness-analyst")

    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/national/timeliness/")
    expect(page.locator("#own-board-note")).to_be_visible()
    assert "Westmoor" not in page.content()
    tab.check("national-timeliness-board")
