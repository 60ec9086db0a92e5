"""From the decision to the overview report in a real browser, watching the review's
compliance page turn green item by item.

The case starts as a decided review (made through the services): a black or minority
ethnic child, the police involved, and a mother with parental responsibility whose
preferred language is Welsh. Then, only through the pages: the board manager appoints the
panel and records its meeting, the panel chair minutes the family's involvement, the terms
of reference are drafted and agreed, the police write and submit their report, the panel
chair accepts it, the mother is told of the review in Welsh, and the review moves on to
overview drafting.

Each person works in their own browser and signs in once: an authenticator code cannot be
used twice (django-otp refuses a replayed code), so one person signing in twice within the
same 30 seconds would fail. Every page is checked with axe-core (WCAG 2.2 AA) and for
Content-Security-Policy violations."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casereview.cases.models import Person, PersonKind
from casereview.reviews.models import (
    AgencyReport,
    FamilyContact,
    PanelDecision,
    PanelMember,
    ReportStatus,
    ReviewStatus,
    TermsStatus,
)
from casereview.reviews.panel.services import RACE_QUESTIONS
from conftest import World, chronology_entry, make_notification, with_review
from tests.e2e.pages import authenticator, fill_date, group, heading, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMPLIANCE_LINK = "What this review owes: obligations, deadlines and evidence"


def parts(day: date) -> tuple[str, str, str]:
    """A date as a person types it into the day, month and year boxes."""
    return str(day.day), str(day.month), str(day.year)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def status_tag(page, obligation: str):
    """The status tag (Overdue, Due, Met, Not started) of an obligation's row."""
    return page.locator(f"#obligation-{obligation} td").first.locator(".govuk-tag")


def open_review(tab, review, name: str) -> None:
    """From any page: the service navigation's Reviews, then the review."""
    page = tab.page
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reviews").click()
    expect(heading(page, "Serious case reviews")).to_be_visible()
    page.get_by_role("link", name=review.reference, exact=True).click()
    expect(heading(page, f"Review {review.reference}")).to_be_visible()
    tab.check(name)


def open_compliance(tab, review, name: str) -> None:
    """From the review page: what the review owes."""
    page = tab.page
    page.get_by_role("link", name=COMPLIANCE_LINK).click()
    expect(heading(page, f"What review {review.reference} owes")).to_be_visible()
    tab.check(name)


def back_to_review(tab, review, name: str) -> None:
    """From a page of the review with a back link to it: the review page."""
    page = tab.page
    page.get_by_role("link", name=f"Review {review.reference}", exact=True).click()
    expect(heading(page, f"Review {review.reference}")).to_be_visible()
    tab.check(name)


def back_to_review_and_compliance(tab, review, name: str) -> None:
    """From a page of the review with a back link to it: the review, then its compliance."""
    back_to_review(tab, review, f"{name}-review")
    open_compliance(tab, review, name)


def move_stage(tab, review, section: str, button: str, stage: str) -> None:
    """On the review page: the stage card's button; the review page shows the new stage."""
    page = tab.page
    page.locator(f"#move-{section}").get_by_role("button", name=button).click()
    expect(page.get_by_role("alert")).to_contain_text(f"moved to {stage}")
    expect(page.locator("#stage-heading + p .govuk-tag")).to_have_text(stage)
    tab.check(f"review-{section}")


def nothing_of_the_panels_is_met(tab, review) -> None:
    """The board manager opens the review and what it owes: nothing of the panel's is met."""
    page = tab.page
    open_review(tab, review, "review-decided")
    expect(page.locator("#stage-heading + p .govuk-tag")).to_have_text("Decided")
    open_compliance(tab, review, "compliance-start")
    for obligation in (
        "panel_appointed",
        "terms_of_reference_agreed",
        "family_informed_of_review",
        "family_involvement_agreed",
        "agency_reports_requested",
        "family_preferred_language",
    ):
        expect(status_tag(page, obligation)).not_to_have_text("Met")


def appoint_an_independent_chair(tab, review, chair) -> None:
    """The board manager adds the independent chair, who has an account, to the panel."""
    page = tab.page
    back_to_review(tab, review, "review-to-panel")
    page.get_by_role("link", name="Review panel: members, meetings and decisions").click()
    expect(heading(page, "The review panel")).to_be_visible()
    expect(page.get_by_text("No members are recorded yet.")).to_be_visible()
    tab.check("panel-empty")
    page.get_by_role("button", name="Add a member").click()
    expect(heading(page, "Add a panel member")).to_be_visible()
    tab.check("panel-member-form")
    page.get_by_label("Full name").fill("Morgan Independent")
    page.get_by_label("Role title").fill("Independent chair")
    page.get_by_label("This member is the independent chair of the panel").check()
    page.get_by_label("Their account in this service (optional)").select_option(
        label=chair.display_name()
    )
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_role("alert")).to_contain_text("Morgan Independent added to the panel")
    members = page.get_by_role("table", name="Members of the panel")
    expect(members.get_by_role("row").filter(has_text="Morgan Independent")).to_contain_text(
        "Independent chair"
    )
    tab.check("panel-member-added")
    member = PanelMember.objects.get(review=review)
    assert member.independent_chair and member.user == chair
    back_to_review_and_compliance(tab, review, "compliance-panel")
    expect(status_tag(page, "panel_appointed")).to_have_text("Met")
    expect(status_tag(page, "terms_of_reference_agreed")).not_to_have_text("Met")


def record_a_panel_meeting(tab) -> None:
    """The manager records a meeting but cannot minute the panel's decisions."""
    page = tab.page
    page.locator("#met > summary").click()  # the met lines are folded away
    page.get_by_role("link", name="Panel appointed", exact=True).click()
    expect(heading(page, "The review panel")).to_be_visible()
    page.get_by_role("button", name="Record a meeting").click()
    expect(heading(page, "Record a panel meeting")).to_be_visible()
    tab.check("meeting-form")
    group(page, "Who attended? (optional)").get_by_label(
        "Morgan Independent, Independent chair"
    ).check()
    page.get_by_label("Minutes (optional)").fill("The panel met to scope the review.")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("recorded; add its decisions")
    expect(page.get_by_text("None recorded")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Record a decision"))).to_have_count(0)
    tab.check("panel-meeting-added")


def minute_the_familys_involvement(tab, review) -> None:
    """The panel chair, at their own desk, minutes the extent of the family's involvement."""
    page = tab.page
    open_review(tab, review, "chair-review")
    page.get_by_role("link", name="Review panel: members, meetings and decisions").click()
    expect(heading(page, "The review panel")).to_be_visible()
    tab.check("chair-panel")
    page.get_by_role("link", name=re.compile(r"^Record a decision")).click()
    expect(heading(page, "Record a panel decision")).to_be_visible()
    tab.check("decision-form")
    group(page, "What did the panel decide?").get_by_label(
        "Extent of family involvement agreed (Rotherham 19.5)"
    ).check()
    page.get_by_label("The decision, as minuted").fill(
        "The mother is told of the review in Welsh and invited to meet the overview author."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Decision recorded: Extent of family involvement agreed"
    )
    expect(page.get_by_text("invited to meet the overview author")).to_be_visible()
    tab.check("chair-panel-decided")
    assert PanelDecision.objects.get(review=review).kind == "family_agreed"
    back_to_review_and_compliance(tab, review, "chair-compliance-family-agreed")
    expect(status_tag(page, "family_involvement_agreed")).to_have_text("Met")


def draft_and_agree_the_terms(tab, review, police_due: date) -> None:
    """The 19.3 questions are there because the child is black/minority ethnic; the police
    are asked for a report by `police_due`."""
    page = tab.page
    open_review(tab, review, "review-before-terms")
    page.get_by_role("link", name="Terms of reference").click()
    expect(heading(page, "Terms of reference")).to_be_visible()
    expect(page.get_by_text("No terms of reference are drafted yet.")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        "a black or minority ethnic child (Rotherham 19.3)"
    )
    tab.check("terms-none")
    page.get_by_role("button", name="Draft the terms of reference").click()
    expect(heading(page, "Draft version 1")).to_be_visible()
    diversity = page.get_by_label("Race, language, culture, religion and disability (optional)")
    for question in RACE_QUESTIONS:
        expect(diversity).to_have_value(re.compile(re.escape(question)))
    expect(diversity).not_to_have_value(re.compile(r"19\.4"))  # no disability in the register
    period_start = group(page, "Period under review: from")
    expect(period_start.get_by_label("Year")).to_have_value("2024")  # the date of birth
    tab.check("terms-form")
    page.get_by_label("Eastbrook Police", exact=True).check()
    fill_date(page, "Eastbrook Police: report due by (optional)", *parts(police_due))
    page.get_by_label("How the family will be involved").fill(
        "The mother, who has parental responsibility, is told of the review in Welsh."
    )
    page.get_by_label("Specific questions for this review (optional)").fill(
        "How did the agencies share what they knew?"
    )
    page.get_by_role("button", name="Save draft version 1").click()
    expect(page.get_by_role("alert")).to_contain_text("Version 1 of the terms of reference saved")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Version 1"))).to_contain_text(
        "Draft"
    )
    tab.check("terms-draft")
    page.get_by_role("link", name="Read version 1 as a document").click()
    expect(heading(page, "Terms of reference")).to_be_visible()
    document = page.locator("article.app-document")
    expect(document).to_contain_text("Draft, not yet agreed")
    expect(document).to_contain_text("From 17 May 2024 to 1 March 2026")
    expect(document.get_by_role("row").filter(has_text="Eastbrook Police")).to_contain_text(
        long_date(police_due)
    )
    expect(document.locator("ol").first.locator("li")).to_have_count(len(RACE_QUESTIONS))
    tab.check("terms-document")
    page.get_by_role("link", name="Back to the terms of reference").click()
    expect(heading(page, "Terms of reference")).to_be_visible()
    page.get_by_role("button", name="Agree this version").click()
    expect(page.get_by_role("alert")).to_contain_text("Version 1 of the terms of reference agreed")
    expect(page.locator("#version-1")).to_contain_text("Agreed")
    tab.check("terms-agreed")
    assert review.terms.get().status == TermsStatus.AGREED
    back_to_review_and_compliance(tab, review, "compliance-terms")
    expect(status_tag(page, "terms_of_reference_agreed")).to_have_text("Met")
    expect(status_tag(page, "family_involvement_agreed")).to_have_text("Met")


def move_to_agency_reports(tab, review) -> None:
    """The stages: decided, scoping, agency reports; overview drafting waits for reports."""
    page = tab.page
    back_to_review(tab, review, "review-to-stages")
    move_stage(tab, review, "scoping", "Start scoping", "Scoping")
    move_stage(tab, review, "agency_reports", "Ask agencies for their reports", "Agency reports")
    blocked = page.locator("#move-overview_drafting")
    expect(blocked).to_contain_text("Request the agencies' reports first")


def request_the_police_report(tab, review, police_due: date, police) -> AgencyReport:
    """The police are asked for the report the terms name."""
    page = tab.page
    page.get_by_role("link", name="Agency reports (individual management reviews)").click()
    expect(heading(page, "Agency reports")).to_be_visible()
    expect(page.get_by_text(f"Eastbrook Police, by {long_date(police_due)}")).to_be_visible()
    tab.check("reports-none")
    page.get_by_role("button", name="Request the reports the terms ask for").click()
    expect(page.get_by_role("alert")).to_contain_text("1 agency is asked")
    reports = page.get_by_role("table", name=re.compile(r"^Agency reports of review"))
    expect(reports.get_by_role("row").filter(has_text="Eastbrook Police")).to_contain_text(
        "Requested"
    )
    tab.check("reports-requested")
    return AgencyReport.objects.get(review=review, agency=police)


def submit_the_police_report(tab, review, report, author, today: date) -> None:
    """The police author, at their desk, writes the report and submits it with sign-off."""
    # The report's chronology of involvement is the agency's chronology (issue 11).
    chronology_entry(review, report.agency)
    page = tab.page
    open_review(tab, review, "police-review")
    page.get_by_role("link", name="Agency reports (individual management reviews)").click()
    expect(heading(page, "Agency reports")).to_be_visible()
    tab.check("police-reports")
    page.get_by_role("link", name="Eastbrook Police report").click()
    expect(heading(page, "Eastbrook Police report")).to_be_visible()
    tab.check("police-report-form")
    for label, text in (
        ("Author's role", "Detective inspector, review unit"),
        (
            "How the author is independent of the case",
            "Never worked with the family or managed those who did.",
        ),
        ("Context", "Two officers covered the area; no vacancies."),
        ("Methodology", "Read the case file; interviewed two officers."),
        ("Analysis", "Both calls were answered quickly; one was not shared."),
        ("Lessons for the agency", "Share domestic abuse calls with health."),
        ("Recommendations", "Notify health visitors of every call."),
        ("Action plan", "Public protection unit, by June 2027."),
        ("Name of the senior officer who signs off", "Alex Superintendent"),
        ("Their role", "Head of public protection"),
    ):
        page.get_by_label(label, exact=True).fill(text)
    fill_date(page, "Date the agency's records were secured", "3", "3", "2026")
    fill_date(page, "Date signed off", *parts(today))
    page.get_by_role("button", name="Submit to the panel").click()
    expect(page.get_by_role("alert")).to_contain_text("The report is submitted to the panel")
    expect(page.locator("#report-status")).to_contain_text("Submitted to the panel")
    expect(page.get_by_role("button", name="Submit to the panel")).to_have_count(0)
    tab.check("police-report-submitted")
    report.refresh_from_db()
    assert (report.status, report.author) == (ReportStatus.SUBMITTED, author)


def accept_the_police_report(tab, review) -> None:
    """The panel chair accepts the report."""
    page = tab.page
    open_review(tab, review, "chair-review-reports")
    page.get_by_role("link", name="Agency reports (individual management reviews)").click()
    expect(heading(page, "Agency reports")).to_be_visible()
    tab.check("chair-reports")
    page.get_by_role("link", name="Eastbrook Police report").click()
    expect(heading(page, "Eastbrook Police report")).to_be_visible()
    expect(page.get_by_text("Alex Superintendent")).to_be_visible()
    tab.check("chair-report")
    group(page, "What does the panel decide?").get_by_label("Accept the report").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text("The Eastbrook Police report is accepted")
    expect(page.locator("#report-status")).to_contain_text("Accepted by the panel")
    tab.check("report-accepted")


def the_reports_are_met(tab, review) -> None:
    page = tab.page
    open_review(tab, review, "review-reports-accepted")
    open_compliance(tab, review, "compliance-reports")
    for obligation in (
        "agency_reports_requested",
        "agency_reports_received",
        "agency_reports_accepted",
    ):
        expect(status_tag(page, obligation)).to_have_text("Met")
    expect(status_tag(page, "family_informed_of_review")).not_to_have_text("Met")


def tell_the_mother_in_welsh(tab, review, mother, today: date) -> None:
    """The mother is told of the review, in Welsh, and her letter is in Welsh."""
    page = tab.page
    back_to_review(tab, review, "review-to-family")
    page.get_by_role("link", name="The family: involvement, contacts and letters").click()
    expect(heading(page, "The family")).to_be_visible()
    card = page.locator(f"#member-{mother.pk}")
    expect(
        card.locator(".govuk-summary-list__row").filter(has_text="Preferred language")
    ).to_contain_text("Welsh")
    tab.check("family")
    card.get_by_role("link", name=f"Record a contact with {mother.full_name}").click()
    expect(heading(page, "Record a contact with the family")).to_be_visible()
    expect(page.get_by_label("Family member")).to_have_value(str(mother.pk))
    tab.check("contact-form")
    fill_date(page, "Date of the contact", *parts(today))
    group(page, "How").get_by_label("Letter").check()
    page.get_by_label("Language used").select_option(label="Welsh")
    group(page, "Was an interpreter used?").get_by_label("No").check()
    group(page, "What was the contact for? (optional)").get_by_label(
        "Told of the review and its purpose (Rotherham 19.5)"
    ).check()
    page.get_by_label("Note (optional)").fill("Letter in Welsh sent first class.")
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Contact with {mother.full_name} recorded")
    contacts = page.get_by_role("table", name="Contacts with the family, newest first")
    expect(contacts).to_contain_text("Welsh")
    expect(contacts).not_to_contain_text("Not their preferred language")
    expect(status_tag(page, "family_informed_of_review")).to_have_text("Met")
    tab.check("family-contacted")
    contact = FamilyContact.objects.get(review=review)
    assert (contact.language, contact.purposes) == ("cy", ["told_of_review"])

    # The visually hidden ": letter to ..." is a separate box, so the name has " : ".
    told = "Telling them of the review and its purpose"
    card.get_by_role(
        "link", name=re.compile(rf"^{told} ?: letter to {re.escape(mother.full_name)}$")
    ).click()
    expect(heading(page, told)).to_be_visible()
    letter = page.locator("article#letter")
    expect(letter).to_have_attribute("lang", "cy")
    expect(letter).to_contain_text(f"Annwyl {mother.full_name}")
    expect(letter).to_contain_text("Adolygiad Achos Difrifol")
    tab.check("letter-welsh")
    page.get_by_role("link", name="The family", exact=True).click()
    expect(heading(page, "The family")).to_be_visible()
    back_to_review_and_compliance(tab, review, "compliance-family")
    expect(status_tag(page, "family_informed_of_review")).to_have_text("Met")
    expect(status_tag(page, "family_preferred_language")).to_have_text("Met")


def move_to_the_overview(tab, review) -> None:
    """On to the overview report: everything the review owes so far is met."""
    page = tab.page
    back_to_review(tab, review, "review-to-overview")
    move_stage(tab, review, "overview_drafting", "Start the overview report", "Overview drafting")
    review.refresh_from_db()
    assert review.status == ReviewStatus.OVERVIEW_DRAFTING
    open_compliance(tab, review, "compliance-end")
    for obligation in (
        "panel_appointed",
        "family_involvement_agreed",
        "terms_of_reference_agreed",
        "agency_reports_requested",
        "agency_reports_received",
        "agency_reports_accepted",
        "family_informed_of_review",
        "family_preferred_language",
    ):
        expect(status_tag(page, obligation)).to_have_text("Met")


def test_a_review_runs_from_the_decision_to_the_overview(live_server, open_tab):
    world = World()
    manager, chair, author = (
        world.user(role) for role in ("board_manager", "panel_chair", "agency_author")
    )
    notification = make_notification(
        world.board, manager, agencies=[world.police], child={"ethnicity": "B2"}
    )
    review = with_review(notification, world.user("board_chair")).review
    mother = Person.objects.create(
        board=world.board,
        notification=notification,
        kind=PersonKind.FAMILY,
        given_names="Carys",
        family_name="Testchild",
        relationship="mother",
        parental_responsibility=True,
        preferred_language="cy",
    )
    devices = {user: authenticator(user) for user in (manager, chair, author)}
    today = timezone.localdate()
    police_due = today + timedelta(days=60)

    desk = open_tab()
    sign_in(desk, live_server, manager, devices[manager])
    nothing_of_the_panels_is_met(desk, review)
    appoint_an_independent_chair(desk, review, chair)
    record_a_panel_meeting(desk)

    chair_desk = open_tab()
    sign_in(chair_desk, live_server, chair, devices[chair])
    minute_the_familys_involvement(chair_desk, review)

    draft_and_agree_the_terms(desk, review, police_due)
    move_to_agency_reports(desk, review)
    report = request_the_police_report(desk, review, police_due, world.police)

    police_desk = open_tab()
    sign_in(police_desk, live_server, author, devices[author])
    submit_the_police_report(police_desk, review, report, author, today)
    sign_out(police_desk)

    accept_the_police_report(chair_desk, review)
    sign_out(chair_desk)

    the_reports_are_met(desk, review)
    tell_the_mother_in_welsh(desk, review, mother, today)
    move_to_the_overview(desk, review)
    sign_out(desk)
