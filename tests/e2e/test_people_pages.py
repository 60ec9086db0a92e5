"""The audit log, the accessibility statement and the idle-timeout warning in a real
browser, each checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casereview.lib import tables
from conftest import World, make_notification
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_auditor_filters_the_log_and_reads_the_statement(live_server, open_tab):
    auditor = World().user("auditor")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, auditor, authenticator(auditor))
    page.goto(f"{live_server.url}/audit/")
    expect(heading(page, "Audit log")).to_be_visible()
    tab.check("audit-log")
    page.get_by_label("Person").fill("auditor")
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("group", name="From").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    tab.check("audit-log-bad-date")
    page.get_by_role("button", name="Check the chain").click()
    expect(page.get_by_text("The audit chain is intact")).to_be_visible()
    tab.check("audit-log-chain-checked")
    page.goto(f"{live_server.url}/audit/security/")
    tab.check("security-log")
    page.get_by_role("link", name="Accessibility statement").click()
    expect(heading(page, "Accessibility statement for Serious Case Reviews")).to_be_visible()
    tab.check("accessibility-statement")


def test_a_warning_before_the_idle_timeout_lets_the_user_stay(live_server, open_tab, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=20)
    settings.SESSION_WARNING = timedelta(seconds=17)
    manager = World().user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    expect(dialog).to_be_visible(timeout=10_000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    tab.check("session-timeout-warning")
    with page.expect_response("**/session/stay-signed-in/") as answer:
        stay.click()
    assert answer.value.ok
    expect(dialog).to_be_hidden()
    expect(heading(page, "Your work")).to_be_visible()


def test_a_manager_sees_their_work_first_and_the_dashboard_one_click_away(live_server, open_tab):
    from conftest import review_of

    world = World()
    review_of(world)
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    expect(page.get_by_role("heading", name="Next actions across reviews")).to_be_visible()
    page.get_by_role("link", name="Board dashboard").click()
    expect(heading(page, "Board dashboard")).to_be_visible()
    tab.check("board-dashboard")
    page.goto(f"{live_server.url}/boards/{world.board.pk}/emails/")
    expect(heading(page, "Who is told what and when")).to_be_visible()
    tab.check("board-emails")


def test_a_manager_pages_through_the_notifications(live_server, open_tab, monkeypatch):
    monkeypatch.setattr(tables, "PAGE_SIZE", 2)
    world = World()
    manager = world.user("board_manager")
    received = timezone.now() - timedelta(days=3)
    made = [
        make_notification(
            world.board, manager, agencies=[world.police], received_at=received + timedelta(days=n)
        )
        for n in range(3)
    ]
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/notifications/")
    expect(page.get_by_text("3 in all, newest first.")).to_be_visible()
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    tab.check("notifications-page-1")
    expect(page.get_by_role("link", name=made[2].reference)).to_be_visible()
    page.get_by_role("link", name="Older notifications").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_role("link", name=made[0].reference)).to_be_visible()
    tab.check("notifications-page-2")
