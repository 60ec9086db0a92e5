"""An agency author writes and submits their report with the keyboard only.

The police author signs in, starts from their home page ("Your work"), reaches the report
they are asked for, writes every section (the page saves the draft by itself as they type),
attaches a file (the text typed is kept), and submits it with the senior sign-off; no mouse
click anywhere: Tab, Shift+Tab, Enter and Space, and typing. Every page is checked with axe
(WCAG 2.2 AA) at 320 px and at 1280 px wide, and for Content-Security-Policy violations."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casereview.documents.models import Document
from casereview.reviews.models import AgencyReport, ReportStatus
from conftest import PASSWORD, World, chronology_entry, make_notification, with_review
from tests.e2e.pages import authenticator, current_code, heading

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 1280)


def check_at_each_width(tab, name: str) -> None:
    """axe, CSP and script errors at a phone's and a desktop's width."""
    for width in WIDTHS:
        tab.page.set_viewport_size({"width": width, "height": 900})
        tab.check(f"{name}-{width}")


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, limit: int = 250) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    locator.wait_for(state="attached")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(locator):
            return
    raise AssertionError(f"Tab never reached {locator}")


def type_into(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def sign_in_by_keyboard(tab, live_server, user, device) -> None:
    page = tab.page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    check_at_each_width(tab, "keyboard-sign-in")
    type_into(page, page.get_by_label("Username"), user.username)
    type_into(page, page.get_by_label("Password"), PASSWORD)
    page.keyboard.press("Enter")
    expect(heading(page, "Enter your security code")).to_be_visible()
    check_at_each_width(tab, "keyboard-two-factor")
    type_into(page, page.get_by_label("Security code"), current_code(device))
    page.keyboard.press("Enter")
    expect(heading(page, "Your work")).to_be_visible()


def test_an_agency_author_submits_their_report_with_the_keyboard_only(
    live_server, open_tab, settings, tmp_path
):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    world = World()
    author = world.user("agency_author")
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police]
    )
    review = with_review(notification, world.user("board_chair")).review
    today = timezone.localdate()
    report = AgencyReport.objects.create(
        review=review,
        agency=world.police,
        requested_on=today,
        due_on=today + timedelta(days=60),
    )
    # The report's chronology of involvement is the agency's chronology (issue 11).
    chronology_entry(review, world.police)
    device = authenticator(author)
    tab = open_tab()
    page = tab.page

    # Signed in, on their own home page: the report they are asked for, first.
    sign_in_by_keyboard(tab, live_server, author, device)
    check_at_each_width(tab, "keyboard-home")
    page.set_viewport_size({"width": 1280, "height": 900})
    work = page.get_by_role("link", name=re.compile(r"^Write the report of Eastbrook Police"))
    # The skip link first, then on into the page.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab_to(page, work)
    page.keyboard.press("Enter")
    expect(heading(page, "Eastbrook Police report")).to_be_visible()
    check_at_each_width(tab, "keyboard-report")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The sections, typed; the page saves the draft by itself and says so.
    status = page.locator("#autosave-status")
    type_into(page, page.get_by_label("Author's role", exact=True), "Detective inspector")
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"), timeout=15_000)
    report.refresh_from_db()
    assert report.author_role == "Detective inspector" and report.status == ReportStatus.DRAFT
    for label, text in (
        ("How the author is independent of the case", "Never worked with the family."),
        ("Context", "Two officers covered the area."),
        ("Methodology", "Read the case file; interviewed two officers."),
        ("Analysis", "Both calls were answered quickly; one was not shared."),
        ("Lessons for the agency", "Share domestic abuse calls with health."),
        ("Recommendations", "Notify health visitors of every call."),
        ("Action plan", "Public protection unit, by June 2027."),
    ):
        type_into(page, page.get_by_label(label, exact=True), text)
    secured = page.get_by_role("group", name="Date the agency's records were secured")
    for box, value in (("Day", "3"), ("Month", "3"), ("Year", "2026")):
        type_into(page, secured.get_by_label(box), value)

    # A file attached with the keyboard: Space on the file input opens the chooser. The text
    # typed since the last autosave is saved with it.
    with page.expect_file_chooser() as chooser:
        tab_to(page, page.get_by_label("Attach a file"))
        page.keyboard.press("Space")
    chooser.value.set_files(
        files=[{"name": "chronology.txt", "mimeType": "text/plain", "buffer": b"Synthetic\n"}]
    )
    tab_to(page, page.get_by_role("button", name="Attach the file"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("chronology.txt is attached")
    expect(page.get_by_role("table", name="Documents attached to the report")).to_contain_text(
        "chronology.txt"
    )
    expect(page.get_by_label("Action plan", exact=True)).to_have_value(
        "Public protection unit, by June 2027."
    )
    check_at_each_width(tab, "keyboard-attached")
    page.set_viewport_size({"width": 1280, "height": 900})
    report.refresh_from_db()
    assert report.action_plan == "Public protection unit, by June 2027."
    assert Document.objects.filter(withdrawn_at=None).count() == 1

    # Submitting without the sign-off: field-level messages in the error summary.
    tab_to(page, page.get_by_role("button", name="Submit to the panel"))
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Enter the date signed off")).to_have_attribute(
        "href", "#id_signed_off_on_day"
    )
    check_at_each_width(tab, "keyboard-sign-off-missing")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The senior sign-off, then Submit with the Space bar.
    type_into(
        page,
        page.get_by_label("Name of the senior officer who signs off", exact=True),
        "Alex Superintendent",
    )
    type_into(page, page.get_by_label("Their role", exact=True), "Head of public protection")
    signed = page.get_by_role("group", name="Date signed off")
    for box, value in (("Day", today.day), ("Month", today.month), ("Year", today.year)):
        type_into(page, signed.get_by_label(box), str(value))
    tab_to(page, page.get_by_role("button", name="Submit to the panel"))
    page.keyboard.press("Space")
    expect(page.get_by_role("alert")).to_contain_text("The report is submitted to the panel")
    expect(page.locator("#report-status")).to_contain_text("Submitted to the panel")
    check_at_each_width(tab, "keyboard-submitted")
    report.refresh_from_db()
    assert (report.status, report.author) == (ReportStatus.SUBMITTED, author)
    assert report.senior_sign_off_name == "Alex Superintendent"


def test_autosave_says_plainly_when_someone_else_saved_meanwhile(live_server, open_tab):
    """The page saves by itself; when another person saves first it stops, says so, and
    "Save the draft" shows both versions with nothing lost."""
    world = World()
    author = world.user("agency_author")
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police]
    )
    review = with_review(notification, world.user("board_chair")).review
    today = timezone.localdate()
    report = AgencyReport.objects.create(
        review=review, agency=world.police, requested_on=today, due_on=today + timedelta(days=60)
    )
    tab = open_tab()
    page = tab.page
    sign_in_by_keyboard(tab, live_server, author, authenticator(author))
    page.goto(f"{live_server.url}/reviews/{review.pk}/reports/{report.pk}/")
    status = page.locator("#autosave-status")
    type_into(page, page.get_by_label("Context", exact=True), "Typed by the author.")
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"), timeout=15_000)
    # Meanwhile the board manager saves the report (the version moves on).
    report.refresh_from_db()
    AgencyReport.objects.filter(pk=report.pk).update(
        analysis="The manager's analysis", lock_version=report.lock_version + 1
    )
    page.keyboard.type(" And more.")
    expect(status).to_have_text(re.compile(r"^Not saved: someone else saved"), timeout=15_000)
    check_at_each_width(tab, "keyboard-autosave-conflict")
    page.set_viewport_size({"width": 1280, "height": 900})
    tab_to(page, page.get_by_role("button", name="Save the draft"))
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Someone else saved this report")
    expect(page.get_by_label("Context", exact=True)).to_have_value("Typed by the author. And more.")
    check_at_each_width(tab, "keyboard-conflict-page")
    report.refresh_from_db()
    assert report.context == "Typed by the author."
    assert report.analysis == "The manager's analysis"
