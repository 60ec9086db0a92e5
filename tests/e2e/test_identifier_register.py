"""The identifier register of a review in a real browser, each page checked with axe-core
(WCAG 2.2 AA): built from the people register, an entry added, corrected and removed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import World, review_of
from tests.e2e.pages import authenticator, group, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_builds_and_edits_the_register(live_server, open_tab):
    world = World()
    review = review_of(world, given_names="Kai-Leigh", family_name="Nowak", aliases="Kai")
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    page.get_by_role("link", name="Publication: the identifier register for anonymising").click()
    expect(heading(page, "Identifier register")).to_be_visible()
    tab.check("register-empty")
    page.get_by_role("button", name="Add what the people register holds").click()
    expect(page.get_by_role("cell", name="Kai-Leigh Nowak")).to_be_visible()
    tab.check("register-built")

    page.get_by_role("link", name="Add an entry by hand").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    tab.check("register-add-errors")
    group(page, "What it is").get_by_label("School or nursery").check()
    page.get_by_label("As written").fill("Heron Primary Scool")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Heron Primary Scool")).to_be_visible()

    page.get_by_role("link", name="Correct school or nursery").click()
    page.get_by_label("As written").fill("Heron Primary School")
    page.get_by_label("Reason").fill("Misspelt")
    tab.check("register-correct")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Misspelt")).to_be_visible()

    page.get_by_role("link", name="Remove school or nursery").click()
    expect(heading(page, "Remove: school or nursery “Heron Primary School”")).to_be_visible()
    page.get_by_label("Reason").fill("Not this child's school")
    tab.check("register-remove")
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("cell", name="Not this child's school")).to_be_visible()
    tab.check("register-after")
