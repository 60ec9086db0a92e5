"""An agency author uploads a chronology with one bad row, reads what is wrong, fixes the
file and uploads it again, in a real browser (axe-core, CSP), with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from casereview.chronology.models import ChronologyEntry
from casereview.chronology.services import chronology_for
from casereview.chronology.tests.helpers import csv_bytes, row, rows
from conftest import World, review_of
from tests.e2e.pages import authenticator, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _upload(page, name: str, data: bytes) -> None:
    page.get_by_label("Upload the chronology file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Upload and import").click()


@pytest.mark.parametrize("javascript", [True, False])
def test_an_author_fixes_a_bad_row_and_imports_the_chronology(live_server, open_tab, javascript):
    world = World()
    review = review_of(world)
    chronology = chronology_for(review, world.police)
    author = world.user("agency_author")
    tab = open_tab(javascript=javascript)
    page = tab.page
    sign_in(tab, live_server, author, authenticator(author))
    base = f"{live_server.url}/reviews/{review.pk}/chronology/agencies/{chronology.pk}"
    page.goto(f"{base}/import/")
    expect(heading(page, "Import the chronology from a file")).to_be_visible()
    tab.check("chronology-import")

    good = rows(3, "")
    _upload(page, "police.csv", csv_bytes([*good, row(9, "", Date="31/02/2025")]))
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    problems = page.locator("#import-errors tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.first).to_contain_text("5")
    expect(problems.first).to_contain_text("February 2025 has 28 days")
    tab.check("chronology-import-refused")
    assert ChronologyEntry.objects.count() == 0

    page.get_by_role("link", name="Upload the corrected file").click()
    _upload(page, "police.csv", csv_bytes([*good, row(9, "", Date="28/02/2025")]))
    expect(page.get_by_role("heading", name="Chronology imported")).to_be_visible()
    expect(page.locator("#import-result")).to_contain_text("4")
    tab.check("chronology-import-done")
    assert ChronologyEntry.objects.filter(chronology=chronology).count() == 4


def test_an_author_uploads_fixes_and_sees_the_integrated_timeline(live_server, open_tab):
    """The journey of issue 11: from the review page to the agency's chronology, a file with
    one bad row refused, the fixed file imported, then the integrated timeline."""
    world = World()
    review = review_of(world)
    author = world.user("agency_author")
    tab = open_tab(javascript=True)
    page = tab.page
    sign_in(tab, live_server, author, authenticator(author))
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    page.get_by_role("link", name="Integrated chronology").click()
    expect(heading(page, "Integrated chronology")).to_be_visible()
    page.get_by_role("link", name="agency chronologies").click()
    page.get_by_role("link", name=f"{world.police.name} chronology").click()
    page.get_by_role("link", name="Upload a spreadsheet").click()
    good = rows(2, "")
    _upload(page, "police.csv", csv_bytes([*good, row(7, "", **{"Child seen": "perhaps"})]))
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    expect(page.locator("#import-errors tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Upload the corrected file").click()
    _upload(page, "police.csv", csv_bytes([*good, row(7, "", **{"Child seen": "no"})]))
    expect(page.get_by_role("heading", name="Chronology imported")).to_be_visible()

    page.goto(f"{live_server.url}/reviews/{review.pk}/chronology/")
    expect(heading(page, "Integrated chronology")).to_be_visible()
    expect(page.get_by_text("3 entries.", exact=True)).to_be_visible()
    expect(page.get_by_text(good[0]["Event or contact"]).first).to_be_visible()
    tab.check("chronology-integrated")


def test_the_panel_chairs_timeline_with_its_forms_and_a_refused_gap_passes_axe(
    live_server, open_tab
):
    """The panel's view of the timeline: the filter and the panel's forms (written in
    Python, lib/field_html.py), an entry per agency with their conflict, and the page again
    with a refused gap period and its error summary."""
    from datetime import date

    from casereview.audit.context import SYSTEM
    from casereview.chronology import merge
    from casereview.chronology.tests.timeline_helpers import entry

    world = World()
    review = review_of(world, agencies=[world.police, world.health])
    manager = world.user("board_manager")
    on = date(2025, 3, 12)
    entry(review, world.police, on, "Joint home visit", user=manager, child_seen="yes")
    entry(review, world.health, on, "Joint home visit", user=manager, child_seen="no")
    merge.rebuild(review, actor=manager, context=SYSTEM)
    chair = world.user("panel_chair")
    tab = open_tab(javascript=True)
    page = tab.page
    sign_in(tab, live_server, chair, authenticator(chair))
    page.goto(f"{live_server.url}/reviews/{review.pk}/chronology/")
    expect(heading(page, "Integrated chronology")).to_be_visible()
    expect(page.get_by_text("Accounts differ").first).to_be_visible()
    tab.check("chronology-integrated-panel")
    page.get_by_label("Show gaps longer than (days)").fill("0")
    page.get_by_role("button", name="Save the gap").click()
    expect(page.get_by_text("The gap must be at least 1 day").first).to_be_visible()
    tab.check("chronology-integrated-refused-gap")
