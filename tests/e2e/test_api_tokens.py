"""The account's API token pages and the API's documentation page in a real browser,
checked with axe-core (WCAG 2.2 AA) and at 320 px wide; the token made works on the API."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from conftest import World
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_person_creates_uses_and_revokes_an_api_token(live_server, open_tab):
    world = World()
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="Create, see and revoke your API tokens").click()
    expect(heading(page, "API tokens")).to_be_visible()
    tab.check("api-tokens-empty")
    page.get_by_role("link", name="Create a token").click()
    page.get_by_role("button", name="Create the token").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    tab.check("api-token-errors")
    page.get_by_label("Name").fill("Reporting tool")
    page.get_by_label("Read only").check()
    page.get_by_role("button", name="Create the token").click()
    expect(heading(page, "Your new API token")).to_be_visible()
    tab.check("api-token-shown-once")
    secret = page.locator("#api-token").inner_text()
    bearer = {"Authorization": f"Bearer {secret}"}
    assert Client().get("/api/v1/reviews", headers=bearer).status_code == 200
    page.get_by_role("link", name="Done").click()
    expect(page.get_by_role("cell", name="Reporting tool", exact=True)).to_be_visible()
    assert secret not in page.content()
    page.set_viewport_size({"width": 320, "height": 640})
    tab.check("api-tokens-320px")
    page.set_viewport_size({"width": 1024, "height": 768})
    page.get_by_role("button", name="Revoke Reporting tool").click()
    expect(page.get_by_text("Revoked")).to_be_visible()
    assert Client().get("/api/v1/reviews", headers=bearer).status_code == 401
    page.goto(f"{live_server.url}/api/docs")
    expect(heading(page, "casereview API, version 1")).to_be_visible()
    tab.check("api-docs")
