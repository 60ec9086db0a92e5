"""From notification to review in a real browser: the board manager notifies an incident,
the panel chair recommends, the board chair decides to hold a review. Each person signs in
with a password and a code from their authenticator app. Every page is checked with axe-core
(WCAG 2.2 AA) and for Content-Security-Policy violations."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from casereview.cases.models import Notification, Task, TaskKind
from casereview.reviews.models import Review
from conftest import PASSWORD, World
from tests.e2e.pages import (
    authenticator,
    current_code,
    fill_date,
    group,
    heading,
    sign_in,
    sign_out,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_notification(page, *, death: tuple[str, str, str]) -> None:
    page.get_by_label("Your name").fill("Dana Test")
    page.get_by_label("Your role").fill("Board business manager")
    page.get_by_label("Your agency (optional)").select_option(label="Eastbrook Health")
    page.get_by_label("How to contact you").fill("dana.test@example.invalid")
    page.get_by_label("Child's given names").fill("Ada")
    page.get_by_label("Child's family name").fill("Testchild")
    fill_date(page, "Date of birth", "17", "5", "2024")
    group(page, "Sex").get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option(
        label="Black, Black British, Caribbean or African: African"
    )
    group(page, "Does the child have a disability?").get_by_label("No", exact=True).check()
    page.get_by_label("Child's address").fill("1 Example Street, Eastbrook ZZ99 1AA")
    group(page, "Is the child looked after by a local authority?").get_by_label("No").check()
    group(page, "Plan at the time of the incident").get_by_label("Child protection plan").check()
    fill_date(page, "Date of the incident", "1", "3", "2026")
    group(page, "What happened to the child?").get_by_label("The child died").check()
    fill_date(page, "Date of death (optional)", *death)
    group(page, "Did the child die in custody or detention?").get_by_label("No").check()
    group(page, "Was abuse or neglect a factor?").get_by_label("Suspected to be a factor").check()
    group(page, "Which of these apply? (Rotherham 19.1) (optional)").get_by_label(
        re.compile(r"^\(e\) ")
    ).check()
    page.get_by_label("What happened, and why the criteria apply").fill(
        "Synthetic circumstances for a browser test."
    )
    agencies = group(page, "Agencies involved with the child or family (optional)")
    agencies.get_by_label("Eastbrook Police").check()
    agencies.get_by_label("Eastbrook Health").check()
    page.get_by_label("Key dates (optional)").fill("14/02/2026 Seen by health visitor")


def notify_with_a_death_before_the_birth(tab) -> None:
    """The notification is refused with a field-level message, and nothing is saved."""
    page = tab.page
    page.get_by_role("link", name="Notify an incident").click()
    expect(heading(page, "Notify a serious incident")).to_be_visible()
    tab.check("notify")

    fill_notification(page, death=("2", "3", "2024"))  # before the child was born
    page.get_by_role("button", name="Save notification").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    message = "Date of death must be on or after the child's date of birth"
    expect(summary.get_by_role("link", name=message)).to_have_attribute(
        "href", "#id_date_of_death_day"
    )
    expect(page.locator("#id_date_of_death-error")).to_have_text(f"Error: {message}")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_label("Child's given names")).to_have_value("Ada")
    tab.check("notify-errors")
    assert not Notification.objects.exists()
    assert not Task.objects.exists()


def notify(tab, live_server, world) -> Notification:
    """The corrected notification is saved with its child and first steps."""
    page = tab.page
    fill_notification(page, death=("2", "3", "2026"))
    page.get_by_role("button", name="Save notification").click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Notification "))).to_be_visible()
    notification = Notification.objects.get()
    assert page.url == f"{live_server.url}/notifications/{notification.pk}/"
    child = notification.child
    assert (child.full_name, child.ethnicity, child.sex, child.plan) == (
        "Ada Testchild",
        "B2",
        "female",
        "cpp",
    )
    assert notification.considerations["e"] and not notification.considerations["a"]
    assert {i.agency for i in notification.involvements.all()} == {world.police, world.health}
    expect(page.get_by_role("alert")).to_contain_text(f"Notification {notification.reference}")
    steps = page.get_by_role("table", name="First steps")
    for step in (
        "Consider whether other children are at risk",
        "Eastbrook Police: secure records",
        "Eastbrook Health: secure records",
    ):
        expect(steps.get_by_role("row").filter(has_text=step)).to_contain_text("Due now")
    tab.check("notification")
    return notification


def record_the_first_step(tab, manager) -> None:
    """From the notification page: the step about other children is recorded as done."""
    page = tab.page
    steps = page.get_by_role("table", name="First steps")
    steps.get_by_role("link", name="Consider whether other children are at risk").click()
    expect(heading(page, "Consider whether other children are at risk")).to_be_visible()
    tab.check("task")
    page.get_by_label("What was done").fill("Siblings seen by children's social care today.")
    page.get_by_role("button", name="Record this step").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Recorded: Consider whether other children are at risk"
    )
    expect(
        steps.get_by_role("row").filter(has_text="Consider whether other children are at risk")
    ).to_contain_text("Done")
    tab.check("notification-step-done")
    assert Task.objects.get(kind=TaskKind.OTHER_CHILDREN).completed_by == manager


def recommend_a_review(tab, notification) -> None:
    """The panel chair finds the notification and records the panel's recommendation."""
    page = tab.page
    page.get_by_role("link", name="Notifications").click()
    expect(heading(page, "Notifications")).to_be_visible()
    tab.check("notifications")
    page.get_by_role("link", name=notification.reference).click()
    expect(heading(page, f"Notification {notification.reference}")).to_be_visible()
    tab.check("notification-for-panel")
    page.get_by_role("button", name="Record the panel's recommendation").click()
    expect(heading(page, "Panel recommendation")).to_be_visible()
    criteria = page.locator("#criteria-result")
    expect(criteria).to_contain_text("A serious case review is required")
    expect(criteria).to_contain_text("Rotherham 19.1")
    tab.check("screening")
    group(page, "The panel recommends").get_by_label("A serious case review is required").check()
    page.get_by_label("Reasons").fill("The child died and neglect is suspected.")
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.get_by_role("alert")).to_contain_text("The panel's recommendation is recorded")
    tab.check("notification-recommended")


def decide_to_hold_a_review(tab, notification) -> Review:
    """The board chair finds the decision awaiting them on their home page and records it;
    the review is open."""
    page = tab.page
    awaiting = page.locator("#work-board_chair")
    expect(awaiting.get_by_role("heading", name="Decisions awaiting you")).to_be_visible()
    awaiting.get_by_role(
        "link", name=f"Decide whether to hold a review ({notification.reference})"
    ).click()
    expect(heading(page, "Chair's decision")).to_be_visible()
    expect(page.get_by_text("The child died and neglect is suspected.")).to_be_visible()
    tab.check("decision")
    group(page, "The chair's decision").get_by_label("Hold a serious case review").check()
    page.get_by_label("Reasons for the decision").fill(
        "The criteria for a serious case review are met."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text("The decision is recorded")
    review = Review.objects.get(notification=notification)
    expect(page.get_by_text("Hold a serious case review")).to_be_visible()
    tab.check("notification-decided")
    return review


def visit_the_review_and_account(tab, review) -> None:
    page = tab.page
    page.get_by_role("link", name=review.reference).click()
    expect(heading(page, f"Review {review.reference}")).to_be_visible()
    tab.check("review")
    page.get_by_role("link", name="Your account").click()
    expect(heading(page, "Your account")).to_be_visible()
    tab.check("account")


def test_a_notification_becomes_a_review(live_server, open_tab):
    world = World()
    manager, panel_chair, board_chair = (
        world.user(role) for role in ("board_manager", "panel_chair", "board_chair")
    )
    devices = {user: authenticator(user) for user in (manager, panel_chair, board_chair)}
    tab = open_tab()

    # The board business manager notifies an incident.
    sign_in(tab, live_server, manager, devices[manager])
    notify_with_a_death_before_the_birth(tab)
    notification = notify(tab, live_server, world)
    record_the_first_step(tab, manager)
    sign_out(tab)

    # The panel chair recommends.
    sign_in(tab, live_server, panel_chair, devices[panel_chair])
    recommend_a_review(tab, notification)
    sign_out(tab)

    # The board chair decides to hold a serious case review.
    sign_in(tab, live_server, board_chair, devices[board_chair])
    review = decide_to_hold_a_review(tab, notification)
    visit_the_review_and_account(tab, review)
    sign_out(tab)


def test_a_new_user_sets_up_two_factor_sign_in(live_server, open_tab):
    world = World()
    user = world.user("panel_member")
    tab = open_tab()
    page = tab.page
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Set up two-factor sign in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    tab.check("enrol")

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Security code").press_sequentially(current_code(device))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Your backup codes")).to_be_visible()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    tab.check("backup-codes")
    device.refresh_from_db()
    assert device.confirmed
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Your work")).to_be_visible()
    tab.check("home-after-enrolment")


def test_notify_works_without_javascript(live_server, open_tab):
    world = World()
    manager = world.outsider  # board manager of another board
    tab = open_tab(javascript=False)
    page = tab.page
    sign_in(tab, live_server, manager, authenticator(manager))
    page.get_by_role("link", name="Notify an incident").click()
    expect(heading(page, "Notify a serious incident")).to_be_visible()
    tab.check("nojs-notify")
    page.get_by_label("Child's given names").fill("Ada")
    fill_date(page, "Date of birth", "31", "2", "2024")
    page.get_by_role("button", name="Save notification").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name="Date of birth must be a real date")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter your name")).to_be_visible()
    expect(page.get_by_label("Child's given names")).to_have_value("Ada")
    tab.check("nojs-notify-errors")
    assert not Notification.objects.exists()
