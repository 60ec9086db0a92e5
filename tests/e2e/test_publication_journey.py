"""From the first draft to the board's public page in one continuous run, each role signing
in for its own step: the overview author drafts (the wording check flags blame, the author
rewords it, the versions are compared), a panel member comments, the panel chair rates the
quality markers and signs off, the board chair signs off, and the board manager sets the
board's retention policy, renders the file, reads the publication gate's blocks with their
reasons and clauses and clears each (a register entry that should not be there, the family
told of the timing, the notices to the national Panel and the Secretary of State and their
seven working days), then publishes; anyone then finds the report on the public page
without signing in. Every page visited is checked with axe-core (WCAG 2.2 AA).

The seven working days pass on the test's clock (time-machine moves the clock of the test
and of the live server, which run in one process), never by sleeping: the manager's session
has ended by then, so they sign in again, as they would."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from casereview.audit.context import SYSTEM
from casereview.cases.models import Person
from casereview.procedure import working_days
from casereview.publication import services
from casereview.publication.models import Publication, RegisterTerm, RetentionBasis
from casereview.publication.tests.helpers import review_with_data
from casereview.reviews.models import Appointment, ReviewStatus
from conftest import World
from tests.e2e.pages import authenticator, fill_date, group, heading, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BLAME = "Ms Carter failed to visit Ada Testchild, and the duty team was at fault."
FAIR = "The duty team did not visit Ada Testchild: it had twice the usual number of cases."
BOARD_NAME_REASON = (
    "The board's own name is printed on every report it publishes; it identifies no one."
)


def parts(day: date) -> tuple[str, str, str]:
    return str(day.day), str(day.month), str(day.year)


def a_review_at_overview_drafting(world: World):
    """A WT2018 review with its data (terms, panel, agency reports, chronology), the child
    and the mother on the people register and in the identifier register, an independent
    overview author appointed, and one entry a panel member added by mistake: the board's
    own name, as an organisation."""
    world.board.default_regime = "wt2018"
    world.board.save(update_fields=["default_regime"])
    review = review_with_data(world, status=ReviewStatus.OVERVIEW_DRAFTING)
    assert review.regime == "wt2018"
    mother = Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind="family",
        relationship="mother",
        given_names="Paula",
        family_name="Testchild",
        parental_responsibility=True,
    )
    services.build_from_people(review, actor=world.user("board_manager"), context=SYSTEM)
    services.add_term(
        review,
        actor=world.user("panel_member"),
        context=SYSTEM,
        kind="org",
        value=world.board.name,
        role="",
        aliases="",
    )
    Appointment.objects.create(
        review=review,
        user=world.user("independent_author"),
        role="independent_author",
        appointed_on=date(2026, 3, 20),
    )
    return review, mother


def open_review(tab, live_server, review, name: str) -> None:
    """The review's page, where each step starts from."""
    page = tab.page
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(review.reference)
    tab.check(name)


def open_drafts(tab, live_server, review, name: str) -> None:
    page = tab.page
    open_review(tab, live_server, review, f"{name}-review")
    page.get_by_role(
        "link",
        name="Publication: the overview report and executive summary, drafts and sign-off",
    ).click()
    expect(heading(page, "The overview report and executive summary")).to_be_visible()
    tab.check(name)


def open_overview(tab, live_server, review, name: str) -> None:
    open_drafts(tab, live_server, review, f"{name}-drafts")
    tab.page.get_by_role("link", name="Open the overview report").click()
    expect(heading(tab.page, "Overview report")).to_be_visible()
    tab.check(name)


def the_author_drafts(tab, live_server, review) -> None:
    page = tab.page
    open_drafts(tab, live_server, review, "journey-drafts")
    page.get_by_role("button", name="Assemble the executive summary").click()
    expect(page.get_by_text("The executive summary is assembled")).to_be_visible()
    expect(heading(page, "Executive summary")).to_be_visible()
    tab.check("journey-summary-assembled")
    page.get_by_role("link", name="The review's reports").click()
    expect(page.locator("#report-executive_summary")).to_contain_text("Being drafted")
    tab.check("journey-drafts-summary-started")
    page.get_by_role("button", name="Assemble the overview report").click()
    expect(page.get_by_text("The overview report is assembled")).to_be_visible()
    expect(heading(page, "Overview report")).to_be_visible()
    tab.check("journey-assembled")

    analysis = page.get_by_role("textbox", name="Analysis (optional)")
    analysis.fill(BLAME)
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Version 2 is saved")).to_be_visible()
    wording = page.locator("#section-analysis")
    expect(wording.get_by_text("Wording to reconsider (WT2018 chapter 4)")).to_be_visible()
    expect(wording).to_contain_text("Ms Carter failed to")
    expect(wording).to_contain_text("at fault")
    tab.check("journey-wording-flagged")

    page.get_by_role("textbox", name="Analysis (optional)").fill(FAIR)
    page.get_by_label("What changed in this version (optional)").fill("Reworded without blame")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Version 3 is saved")).to_be_visible()
    expect(page.get_by_text("Wording to reconsider")).to_have_count(0)
    expect(page.get_by_text("Version 3, saved by Test Independent_Author")).to_be_visible()
    tab.check("journey-wording-fixed")

    page.get_by_role("link", name="What changed between versions").click()
    expect(heading(page, "Overview report: what changed")).to_be_visible()
    expect(page.locator("del").filter(has_text="fault").first).to_be_attached()
    expect(page.locator("ins").filter(has_text="cases").first).to_be_attached()
    tab.check("journey-diff")


def a_panel_member_comments(tab, live_server, review) -> None:
    page = tab.page
    open_overview(tab, live_server, review, "journey-member-draft")
    page.get_by_label("Section").select_option(label="Analysis")
    page.get_by_label("Comment").fill("Say how many cases the duty team had that month.")
    page.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_text("Your comment is added")).to_be_visible()
    expect(page.locator("#section-analysis")).to_contain_text("Say how many cases")
    tab.check("journey-commented")


def the_author_resolves_the_comment(tab, live_server, review) -> None:
    page = tab.page
    open_overview(tab, live_server, review, "journey-author-sees-comment")
    page.get_by_role("button", name="Resolve the comment on analysis").click()
    expect(page.get_by_text("The comment is resolved")).to_be_visible()
    expect(page.locator("#section-analysis").get_by_text("Resolved")).to_be_visible()
    tab.check("journey-comment-resolved")


def the_panel_chair_assesses_and_signs_off(tab, live_server, review, today: date) -> None:
    page = tab.page
    open_overview(tab, live_server, review, "journey-chair-draft")
    page.get_by_role("link", name="Sign-off").first.click()
    expect(heading(page, "Overview report: sign-off")).to_be_visible()
    expect(page.get_by_text("Complete the panel's quality self-assessment first")).to_be_visible()
    tab.check("journey-signoff-needs-quality")

    page.get_by_role("link", name="Rate the review against the quality markers").click()
    expect(heading(page, "The panel's quality self-assessment")).to_be_visible()
    expect(page.get_by_text("11 markers not rated yet")).to_be_visible()
    tab.check("journey-quality")
    ratings = page.locator("#quality-form fieldset")
    expect(ratings).to_have_count(11)
    for i in range(11):
        marker = ratings.nth(i)
        marker.get_by_label("Met", exact=True).check()
        title = marker.locator("legend").inner_text().removesuffix("(optional)").strip()
        page.get_by_label(f"Evidence for “{title}”").fill(f"The panel's minutes: {title}.")
    page.get_by_role("button", name="Save the ratings").click()
    expect(page.get_by_text("11 ratings saved")).to_be_visible()
    expect(page.get_by_text("Every marker is rated.")).to_be_visible()
    tab.check("journey-quality-rated")

    page.goto(f"{live_server.url}/reviews/{review.pk}/drafts/")
    expect(heading(page, "The overview report and executive summary")).to_be_visible()
    tab.check("journey-chair-drafts-again")
    page.get_by_role("link", name="Sign-off of the overview report").click()
    expect(heading(page, "Overview report: sign-off")).to_be_visible()
    fill_date(page, "Date signed off", *parts(today))
    tab.check("journey-panel-signoff")
    page.get_by_role("button", name="Sign off for the panel").click()
    signed = re.compile(r"The panel\s*Signed off by Test Panel_Chair on")
    expect(page.locator("#status")).to_contain_text(signed)
    tab.check("journey-panel-signed")


def the_board_chair_signs_off(tab, live_server, review, today: date) -> None:
    page = tab.page
    open_drafts(tab, live_server, review, "journey-board-drafts")
    page.get_by_role("link", name="Sign-off of the overview report").click()
    expect(heading(page, "Overview report: sign-off")).to_be_visible()
    tab.check("journey-board-signoff")
    fill_date(page, "Date signed off", *parts(today))
    page.get_by_role("button", name="Sign off for the board").click()
    signed = re.compile(r"The board\s*Signed off by Test Board_Chair on")
    expect(page.locator("#status")).to_contain_text(signed)
    tab.check("journey-board-signed")
    review.refresh_from_db()
    assert review.status == ReviewStatus.BOARD_SIGN_OFF


def the_manager_sets_the_retention_policy(tab, live_server, world) -> None:
    page = tab.page
    page.get_by_role("link", name="Board settings").click()
    expect(heading(page, "Board settings")).to_be_visible()
    tab.check("journey-board-settings")
    box = page.get_by_label("Months a published report stays on the public page at least")
    expect(box).to_have_value("12")
    box.fill("0")
    page.get_by_role("button", name="Save the retention policy").click()
    expect(page.locator(".govuk-error-message")).to_contain_text("Enter at least 1 month")
    tab.check("journey-retention-error")
    page.get_by_label("Months a published report stays on the public page at least").fill("24")
    page.get_by_role("button", name="Save the retention policy").click()
    expect(page.get_by_text("The retention policy for published reports is saved")).to_be_visible()
    tab.check("journey-retention-saved")


def open_publication(tab, live_server, review, name: str) -> None:
    page = tab.page
    open_review(tab, live_server, review, f"{name}-review")
    page.get_by_role("link", name="Publication: files, the publication gate").click()
    expect(heading(page, "Publication")).to_be_visible()
    tab.check(name)


def overview(page):
    """The overview report's part of the publication page (the executive summary has its
    own, with its own blocks: it is not signed off in this journey)."""
    return page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name="Overview report", exact=True)
    )


def blocks_of(page):
    return overview(page).locator("ul[id^='blocks-']")


def the_manager_reads_the_gate_and_renders(tab, live_server, review) -> None:
    page = tab.page
    open_publication(tab, live_server, review, "journey-publication")
    expect(page.locator("#retention")).to_contain_text(
        "at least 24 months (the board's policy: the regime sets no minimum)"
    )
    blocks = blocks_of(page)
    expect(blocks).to_contain_text("Make the PDF or Word file of the signed-off version first")
    expect(blocks).to_contain_text("The family has not all been told")
    expect(blocks).to_contain_text("at least 7 working days before it is published")
    expect(blocks).to_contain_text("(WT2018 chapter 4)")
    overview(page).get_by_role("button", name="Make the file").click()
    expect(overview(page).get_by_text("1 found")).to_be_visible()
    expect(blocks_of(page)).to_contain_text(
        "still contains an entry of the identifier register (GP surgery or other "
        "organisation) in its text"
    )
    expect(blocks_of(page)).not_to_contain_text("Make the PDF or Word file")
    tab.check("journey-leak")


def the_manager_removes_the_mistaken_entry(tab, live_server, review, world) -> None:
    page = tab.page
    open_review(tab, live_server, review, "journey-review-to-register")
    page.get_by_role("link", name="Publication: the identifier register for anonymising").click()
    expect(heading(page, "Identifier register")).to_be_visible()
    tab.check("journey-register")
    term = RegisterTerm.objects.get(review=review, value=world.board.name)
    page.locator(f"#term-{term.pk}").get_by_role(
        "link", name="Remove GP surgery or other organisation"
    ).click()
    expect(
        heading(page, f"Remove: GP surgery or other organisation “{world.board.name}”")
    ).to_be_visible()
    tab.check("journey-register-remove")
    page.get_by_label("Reason").fill(BOARD_NAME_REASON)
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Entry removed; it is kept with your reason")).to_be_visible()
    expect(page.locator(f"#term-{term.pk}")).to_have_count(0)
    tab.check("journey-register-removed")


def the_manager_tells_the_mother(tab, live_server, review, mother, today: date) -> None:
    page = tab.page
    open_review(tab, live_server, review, "journey-review-to-family")
    page.get_by_role("link", name="The family: involvement, contacts and letters").click()
    expect(heading(page, "The family")).to_be_visible()
    tab.check("journey-family")
    page.locator(f"#member-{mother.pk}").get_by_role(
        "link", name=f"Record a contact with {mother.full_name}"
    ).click()
    expect(heading(page, "Record a contact with the family")).to_be_visible()
    fill_date(page, "Date of the contact", *parts(today))
    group(page, "How").get_by_label("Visit").check()
    page.get_by_label("Language used").select_option(label="English")
    group(page, "Was an interpreter used?").get_by_label("No").check()
    group(page, "What was the contact for? (optional)").get_by_label(
        "Told of the timing and publication of the summary (WT2018 chapter 4)"
    ).check()
    tab.check("journey-family-contact")
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_text(f"Contact with {mother.full_name} recorded")).to_be_visible()
    # Her preferred language is not recorded: the page asks for it, not for a letter in it.
    expect(page.get_by_text("Preferred language not recorded")).to_be_visible()
    expect(page.locator(f"#member-{mother.pk}")).to_contain_text(
        f"Told of the timing and publication: {today.day} {today:%b %Y}"
    )
    tab.check("journey-family-told")


def the_manager_sends_the_notices(tab, live_server, review, today: date) -> None:
    page = tab.page
    open_review(tab, live_server, review, "journey-review-to-notifications")
    page.get_by_role("link", name="Notifications the board must send").click()
    expect(heading(page, "Notifications the board must send")).to_be_visible()
    tab.check("journey-notifications")
    for recipient in (
        "Child Safeguarding Practice Review Panel",
        "Secretary of State (Department for Education)",
    ):
        page.get_by_role("link", name="Record a notification sent").click()
        group(page, "Sent to").get_by_label(recipient, exact=True).check()
        page.get_by_label("Purpose").fill("The final report, before publication")
        fill_date(page, "Sent on", *parts(today))
        page.get_by_label("How it was sent").fill("Secure email")
        page.get_by_label("A copy of what was sent").fill("The overview report, version 3.")
        tab.check("journey-notice-form")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("The notification is recorded")).to_be_visible()
        tab.check("journey-notice-sent")


def the_file_again_and_the_notice_period(tab, live_server, review, today: date) -> date:
    """Made again without the entry: nothing found; what is left is the notice period,
    whose end the page gives."""
    page = tab.page
    open_publication(tab, live_server, review, "journey-publication-again")
    overview(page).get_by_role("button", name="Make the file").click()
    expect(overview(page).get_by_text("Nothing found")).to_be_visible()
    blocks = blocks_of(page)
    expect(blocks.locator("li")).to_have_count(1)
    expect(blocks).to_contain_text("The notice period has not passed")
    expect(blocks).to_contain_text("(WT2018 chapter 4)")
    tab.check("journey-notice-period")
    found = re.search(r"can be published from (\d{1,2} \w+ \d{4})", blocks.inner_text())
    assert found, blocks.inner_text()
    ready = datetime.strptime(found[1], "%d %B %Y").date()
    assert ready == working_days.current().add_working_days(today, 7)
    return ready


def the_manager_publishes(tab, live_server, review, manager, device) -> None:
    page = tab.page
    sign_in(tab, live_server, manager, device)
    open_publication(tab, live_server, review, "journey-ready")
    expect(overview(page).get_by_text("Ready to publish")).to_be_visible()
    overview(page).get_by_role("link", name="Publish PDF of version 3").click()
    expect(heading(page, "Publish the overview report")).to_be_visible()
    expect(page.locator("#retention")).to_contain_text(
        "24 months (the board's policy: the regime sets no minimum)"
    )
    page.get_by_label("Title on the public page").fill("Child A: overview report")
    page.get_by_label("Short description (optional)").fill(
        "A home visit missed while the duty team was overstretched"
    )
    tab.check("journey-publish")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The overview report is published")).to_be_visible()
    tab.check("journey-published")


def anyone_finds_it(tab, live_server, world) -> None:
    page = tab.page
    page.goto(f"{live_server.url}/published/{world.board.slug}/")
    expect(heading(page, f"Published reviews: {world.board.name}")).to_be_visible()
    tab.check("journey-public")
    page.get_by_label("Search published reports").fill("duty team")
    page.get_by_role("button", name="Search").click()
    found = page.get_by_role("link", name=re.compile(r"^Child A: overview report"))
    expect(found).to_be_visible()
    expect(page.locator("#published")).to_contain_text(
        "kept here for at least 24 months (the board's policy: the regime sets no minimum)"
    )
    expect(page.locator("body")).not_to_contain_text("Testchild")
    tab.check("journey-public-found")


def test_a_report_goes_from_the_first_draft_to_the_public_page(live_server, open_tab):
    world = World()
    review, mother = a_review_at_overview_drafting(world)
    roles = ("independent_author", "panel_member", "panel_chair", "board_chair", "board_manager")
    users = {role: world.user(role) for role in roles}
    devices = {role: authenticator(user) for role, user in users.items()}
    today = timezone.localdate()

    def desk(role):
        tab = open_tab()
        sign_in(tab, live_server, users[role], devices[role])
        return tab

    author = desk("independent_author")
    the_author_drafts(author, live_server, review)
    a_panel_member_comments(desk("panel_member"), live_server, review)
    the_author_resolves_the_comment(author, live_server, review)
    the_panel_chair_assesses_and_signs_off(desk("panel_chair"), live_server, review, today)
    the_board_chair_signs_off(desk("board_chair"), live_server, review, today)

    manager = desk("board_manager")
    the_manager_sets_the_retention_policy(manager, live_server, world)
    the_manager_reads_the_gate_and_renders(manager, live_server, review)
    the_manager_removes_the_mistaken_entry(manager, live_server, review, world)
    the_manager_tells_the_mother(manager, live_server, review, mother, today)
    the_manager_sends_the_notices(manager, live_server, review, today)
    ready = the_file_again_and_the_notice_period(manager, live_server, review, today)

    # The seven working days pass; the manager comes back on the first day it may publish.
    london = timezone.get_default_timezone()
    with time_machine.travel(datetime.combine(ready, time(9, 30), tzinfo=london)):
        manager.page.goto(f"{live_server.url}/")  # the session ended long ago
        expect(heading(manager.page, "Sign in")).to_be_visible()
        the_manager_publishes(
            manager, live_server, review, users["board_manager"], devices["board_manager"]
        )
        anyone_finds_it(open_tab(), live_server, world)

    publication = Publication.objects.get()
    assert publication.retention_basis == RetentionBasis.BOARD
    assert publication.published_at.date() == ready
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED
