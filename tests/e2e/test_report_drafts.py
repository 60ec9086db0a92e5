"""The overview report's draft, its versions and what changed between them, and its
sign-off page, in a real browser, each page checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from casereview.publication.tests.helpers import review_with_data
from conftest import World
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_author_drafts_the_overview_and_compares_versions(live_server, open_tab):
    world = World()
    review = review_with_data(world)
    chair = world.user("panel_chair")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, chair, authenticator(chair))
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    page.get_by_role(
        "link",
        name="Publication: the overview report and executive summary, drafts and sign-off",
    ).click()
    expect(heading(page, "The overview report and executive summary")).to_be_visible()
    tab.check("drafts-list")
    page.get_by_role("button", name="Assemble the overview report").click()
    expect(heading(page, "Overview report")).to_be_visible()
    expect(page.get_by_text("No lessons agreed yet.")).to_be_visible()
    tab.check("draft-assembled")
    analysis = page.get_by_role("textbox", name="Analysis (optional)")

    analysis.fill("The duty team was at fault for the delay.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Version 2 is saved")).to_be_visible()
    expect(page.get_by_text("Wording to reconsider (Rotherham 19.2)")).to_be_visible()
    tab.check("draft-wording")

    analysis.fill("The referral waited because the duty team was short.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Version 3 is saved")).to_be_visible()
    page.get_by_role("link", name="What changed between versions").click()
    expect(heading(page, "Overview report: what changed")).to_be_visible()
    expect(page.locator("ins").first).to_be_visible()
    tab.check("draft-diff")

    page.get_by_role("link", name="Overview report").first.click()
    page.get_by_role("link", name="Sign-off").first.click()
    expect(heading(page, "Overview report: sign-off")).to_be_visible()
    expect(page.get_by_text("Complete the panel's quality self-assessment first")).to_be_visible()
    tab.check("draft-signoff")
