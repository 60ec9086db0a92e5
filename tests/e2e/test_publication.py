"""Rendering and publishing an executive summary in a real browser, and the board's public
page without signing in, each page checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from casereview.publication.tests.publication_helpers import ready_review, report_of
from conftest import World
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_renders_and_publishes_and_the_public_finds_it(live_server, open_tab, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    world = World()
    review = ready_review(world)
    report_of(world, review)
    manager = world.user("board_manager")
    tab = open_tab()
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    page.get_by_role("link", name="Publication: files, the publication gate").click()
    expect(heading(page, "Publication")).to_be_visible()
    expect(
        page.get_by_text("Make the PDF or Word file of the signed-off version first")
    ).to_be_visible()
    tab.check("publication-before")
    page.get_by_role("button", name="Make the file").click()
    expect(page.get_by_text("Nothing found")).to_be_visible()
    expect(page.get_by_text("Ready to publish")).to_be_visible()
    tab.check("publication-rendered")
    page.get_by_role("link", name="Publish PDF of version 1").click()
    page.get_by_label("Title on the public page").fill("Child A: executive summary")
    page.get_by_label("Short description (optional)").fill("Neglect and missed school")
    tab.check("publication-publish")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The executive summary is published")).to_be_visible()
    tab.check("publication-published")

    public = open_tab()
    public.page.goto(f"{live_server.url}/published/{world.board.slug}/")
    expect(heading(public.page, f"Published reviews: {world.board.name}")).to_be_visible()
    public.check("public-page")
    public.page.get_by_label("Search published reports").fill("school")
    public.page.get_by_role("button", name="Search").click()
    expect(public.page.get_by_role("link", name="Child A: executive summary")).to_be_visible()
    public.check("public-search")
    public.page.get_by_label("Search published reports").fill("drowning")
    public.page.get_by_role("button", name="Search").click()
    expect(public.page.get_by_text("No published report matches")).to_be_visible()
    public.check("public-search-none")
