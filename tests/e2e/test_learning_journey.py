"""From a lesson to a verified change in a real browser: the panel records a 19.4 lesson,
a recommendation and an action; the agency's lead records it completed; the board verifies
the change with evidence. Every page checked with axe-core (WCAG 2.2 AA) and for CSP."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import World, review_of
from tests.e2e.pages import authenticator, fill_date, group, heading, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_from_a_lesson_to_a_verified_change(live_server, open_tab):
    world = World()
    review = review_of(world)
    today = timezone.localdate()
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    base = f"{live_server.url}/reviews/{review.pk}/learning/"
    sign_in(tab, live_server, manager, authenticator(manager))

    page.goto(base)
    expect(heading(page, "Lessons")).to_be_visible()
    tab.check("learning-lessons")
    page.get_by_label("Finding and lesson").fill(
        "The child's disability was taken to explain injuries"
    )
    group(page, "Category").get_by_label("Disabled children and parents (Rotherham 19.4)").check()
    page.get_by_role("button", name="Record the lesson").click()
    expect(page.get_by_text("Highlighted as Rotherham 19.4 asks.")).to_be_visible()
    page.get_by_role("button", name="The panel agrees these lessons").click()
    tab.check("learning-lessons-agreed")

    page.goto(base + "recommendations/")
    page.get_by_label("Recommendation", exact=True).fill("Train staff to question injuries")
    group(page, "Level").get_by_label("Board level").check()
    group(page, "Kind").get_by_label("SMART recommendation").check()
    page.get_by_label(
        "Disabled children and parents: The child's disability was taken to explain injuries"
    ).check()
    fill_date(
        page, "Date the recommendation was made", str(today.day), str(today.month), str(today.year)
    )
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.locator("#recommendation-1")).to_be_visible()
    tab.check("learning-recommendations")

    page.goto(base + "actions/")
    page.get_by_label("Recommendation", exact=True).select_option(
        label="1. Train staff to question injuries"
    )
    page.get_by_label("Owner agency").select_option(label=world.police.name)
    page.get_by_label("Owner (officer)").fill("Detective inspector, public protection")
    page.get_by_label("Action", exact=True).fill("Train every officer")
    page.get_by_label("What is expected to change").fill("Injuries are questioned")
    page.get_by_label("How the change will be measured").fill("Audit of injury assessments")
    page.get_by_label("Evidence required").fill("The audit")
    fill_date(page, "Target date", "1", "1", str(today.year + 1))
    page.get_by_role("button", name="Record the action").click()
    tab.check("learning-actions")
    page.get_by_role("link", name="Train every officer").click()
    group(page, "Status").get_by_label("Completed").check()
    group(page, "RAG rating").get_by_label("Green: achieved").check()
    page.get_by_label("Progress", exact=True).fill("Every officer trained")
    fill_date(page, "Date of the progress", str(today.day), str(today.month), str(today.year))
    page.get_by_role("button", name="Record the progress").click()
    expect(page.get_by_text("Every officer trained")).to_be_visible()
    tab.check("learning-action-completed")

    page.get_by_role("button", name="Verify the change").click()  # without evidence
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    tab.check("learning-verify-error")
    group(page, "Evidence of impact").get_by_label("An audit").check()
    page.get_by_label("What the evidence shows").fill("The re-audit shows every injury questioned")
    fill_date(
        page, "Date the change was verified", str(today.day), str(today.month), str(today.year)
    )
    page.get_by_role("button", name="Verify the change").click()
    expect(page.locator("#verification")).to_contain_text("The re-audit shows")
    tab.check("learning-verified")

    page.goto(f"{live_server.url}/boards/{world.board.pk}/actions/")
    expect(page.locator("#tracker")).to_contain_text("Change verified")
    tab.check("learning-tracker")
    sign_out(tab)
