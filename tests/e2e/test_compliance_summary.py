"""The review's compliance page in a real browser: what to do next at the top, the met lines
folded away, the deadline timeline, and no sideways scrolling on a 320 px phone. Checked with
axe-core (WCAG 2.2 AA) at 1280 and 320 px; screenshots go to test-artifacts/e2e/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import World, review_of
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_compliance_page_says_what_next_and_fits_a_phone(live_server, open_tab):
    world = World()
    review = review_of(world)
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/reviews/{review.pk}/compliance/")
    expect(heading(page, f"What review {review.reference} owes")).to_be_visible()
    expect(page.locator(".app-steps [aria-current=step]")).to_have_text("Current stage: Decided")
    expect(page.locator(".app-next-steps > li")).to_have_count(3)
    expect(page.get_by_role("img", name=f"Deadlines of review {review.reference}")).to_be_visible()
    met = page.locator("#met")
    expect(met.locator("#obligation-decision_made")).to_be_hidden()
    tab.check("compliance-1280px")

    met.locator("> summary").click()
    expect(met.locator("#obligation-decision_made")).to_be_visible()
    page.get_by_text("The deadlines as a table").click()
    expect(page.locator("#timeline-table table")).to_be_visible()
    tab.check("compliance-1280px-open")

    page.set_viewport_size({"width": 320, "height": 640})
    tab.check("compliance-320px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_role("button", name="Pause the clocks").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    tab.check("compliance-320px-error")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    # The case's duties page shares the top and the tables, and fits the phone too.
    page.goto(f"{live_server.url}/notifications/{review.notification.pk}/duties/")
    expect(heading(page, f"What {review.notification.reference} owes")).to_be_visible()
    expect(page.locator(".app-next-steps > li")).to_have_count(3)
    tab.check("duties-320px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
