"""The review's coding for the national record in a real browser: the board manager codes a
child's death (a harm type on a death refused on its field first) and a recommendation's
types. Every page checked with axe-core (WCAG 2.2 AA) and for CSP."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import World, review_of
from tests.e2e.pages import authenticator, fill_date, group, heading, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_board_manager_codes_the_review_for_the_national_record(live_server, open_tab):
    world = World()
    review = review_of(world)
    today = timezone.localdate()
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    base = f"{live_server.url}/reviews/{review.pk}/learning/"
    sign_in(tab, live_server, manager, authenticator(manager))

    page.goto(base)
    page.get_by_role("link", name="Coding for the national record").click()
    expect(heading(page, "Coding for the national record")).to_be_visible()
    expect(page.locator("#coding")).to_contain_text("The child died")
    tab.check("coding-empty")
    page.get_by_label("Death category").select_option(
        label="3. Extreme neglect or deprivational abuse"
    )
    group(page, "Non-fatal harm (optional)").get_by_label("Physical").check()
    group(page, "Maltreatment (optional)").get_by_label("Neglect").check()
    page.get_by_role("button", name="Save the coding").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("national vocabulary 2026.1, incident")
    tab.check("coding-error")
    group(page, "Non-fatal harm (optional)").get_by_label("Physical").uncheck()
    page.get_by_role("button", name="Save the coding").click()
    expect(page.locator("#coding")).to_contain_text("3. Extreme neglect or deprivational abuse")
    expect(page.locator("#coding")).to_contain_text("Neglect")
    tab.check("coding-recorded")

    page.goto(base + "recommendations/")
    page.get_by_label("Recommendation", exact=True).fill("Train health visitors on neglect")
    group(page, "Level").get_by_label("Board level").check()
    group(page, "Kind").get_by_label("SMART recommendation").check()
    group(page, "Type of recommendation (optional)").get_by_label("Training").check()
    fill_date(
        page, "Date the recommendation was made", str(today.day), str(today.month), str(today.year)
    )
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.locator("#types-1")).to_contain_text("Training")
    tab.check("coding-recommendation-types")
    sign_out(tab)
