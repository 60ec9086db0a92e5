"""The board's letterhead on the settings page in a real browser, checked with axe-core
(WCAG 2.2 AA) and at 320 px wide; documents themselves are tested as files
(casereview/reviews/tests/test_downloads.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import World
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_sets_the_letterhead_of_the_boards_documents(live_server, open_tab):
    world = World()
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/boards/{world.board.pk}/settings/")
    expect(heading(page, "Board settings")).to_be_visible()
    tab.check("board-settings")
    page.get_by_label("Postal address").fill("1 High Street\nEastbrook EB1 1AA")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Save the letterhead").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    tab.check("board-settings-bad-email")
    page.get_by_label("Email address").fill("board@eastbrook.example")
    page.get_by_role("button", name="Save the letterhead").click()
    expect(page.get_by_text("The letterhead is saved")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 640})
    tab.check("board-settings-320px")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_manager_replaces_a_word_template(live_server, open_tab):
    from casereview.documents.tests.corpus import word

    world = World()
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/boards/{world.board.pk}/settings/")
    page.get_by_role("link", name="Terms of reference").click()
    expect(heading(page, "Word template: Terms of reference")).to_be_visible()
    tab.check("word-template")
    upload = page.get_by_label("Word template")
    upload.set_input_files(
        files=[
            {
                "name": "terms.docx",
                "mimeType": "application/octet-stream",
                "buffer": word("{{ child_name }}"),
            }
        ]
    )
    page.get_by_role("button", name="Upload the template").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    tab.check("word-template-refused")
    page.get_by_label("Word template").set_input_files(
        files=[
            {
                "name": "terms.docx",
                "mimeType": "application/octet-stream",
                "buffer": word("{{ title }}"),
            }
        ]
    )
    page.get_by_role("button", name="Upload the template").click()
    expect(
        page.get_by_text("Version 1 of the terms of reference template is in force")
    ).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 640})
    tab.check("word-template-320px")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
