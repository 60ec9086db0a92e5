"""Each person's work in front of them after sign-in: a list per role held, most urgent
first, linking to where it is done; nothing of another board or agency; queries constant as
data grows. The board dashboard at /dashboard/, the board's e-mail page, and the reminders
each obligation has had."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import EmailSent, Membership, Role
from casereview.audit.context import SYSTEM
from casereview.cases.services import record_panel_recommendation
from casereview.reviews.models import AgencyReport, Appointment, ReminderSent, Review
from conftest import make_notification, review_of, verified_client


def home(user) -> str:
    response = verified_client(user).get(reverse("home"))
    assert response.status_code == 200
    return response.text


def section(page: str, role: str) -> str:
    start = page.index(f'id="work-{role}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def scene(world):
    """Board A: a notification awaiting the panel, one awaiting the chair, a review with a
    police report requested, a health report submitted, an expert and an author appointed.
    Board B: the same kinds of work, which nobody of board A may see."""
    manager, today = world.user("board_manager"), timezone.localdate()
    world.awaiting_panel = make_notification(world.board, manager, agencies=[world.police])
    world.awaiting_chair = make_notification(world.board, manager, agencies=[world.police])
    record_panel_recommendation(
        world.awaiting_chair,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        recommendation="review_required",
        reasons="r",
    )
    world.review = review_of(world, agencies=[world.police, world.health])
    world.police_report = AgencyReport.objects.create(
        review=world.review,
        agency=world.police,
        requested_on=today,
        due_on=today + timedelta(days=30),
    )
    world.health_report = AgencyReport.objects.create(
        review=world.review,
        agency=world.health,
        requested_on=today,
        due_on=today + timedelta(days=10),
        status="submitted",
        submitted_on=today,
    )
    for role in ("independent_expert", "independent_author"):
        Appointment.objects.create(
            review=world.review,
            user=world.user(role),
            role=role,
            kind="race_culture" if role == "independent_expert" else "",
            appointed_on=today,
        )
    # Board B's work, and its refusals.
    world.foreign = make_notification(
        world.other_board, world.outsider, agencies=[world.other_police]
    )
    verified_client(world.outsider).get(reverse("cases:detail", args=[world.awaiting_panel.pk]))
    return world


def test_the_chair_sees_the_decisions_awaiting_them(scene):
    page = section(home(scene.user("board_chair")), "board_chair")
    assert "Decisions awaiting you" in page
    assert reverse("cases:decision", args=[scene.awaiting_chair.pk]) in page
    # Dated by the procedure's deadline for the decision, and listed once.
    link = reverse("cases:decision", args=[scene.awaiting_chair.pk])
    assert page.count(f'href="{link}"') == 1
    item = page[page.index(link) : page.index("</li>", page.index(link))]
    assert "due " in item


def test_the_panel_chair_sees_recommendations_to_make_and_reports_to_decide(scene):
    page = section(home(scene.user("panel_chair")), "panel_chair")
    assert reverse("cases:screening", args=[scene.awaiting_panel.pk]) in page
    assert reverse("reviews:report", args=[scene.review.pk, scene.health_report.pk]) in page
    assert "Accept or return the report of Eastbrook Health" in page
    assert reverse("reviews:report", args=[scene.review.pk, scene.police_report.pk]) not in page


def test_an_agency_author_sees_their_own_agencys_reports_due_with_the_terms(scene):
    page = section(home(scene.user("agency_author")), "agency_author")
    assert reverse("reviews:report", args=[scene.review.pk, scene.police_report.pk]) in page
    assert reverse("reviews:terms", args=[scene.review.pk]) in page
    due = scene.police_report.due_on
    assert f"due {due.day} {due:%b %Y}" in page
    # Not the health report, not another board's work.
    assert str(scene.health_report.pk) not in page and "Eastbrook Health" not in page


def test_an_expert_sees_advice_due_and_an_author_the_overview_to_draft(scene):
    expert = section(home(scene.user("independent_expert")), "independent_expert")
    assert reverse("reviews:experts", args=[scene.review.pk]) in expert
    assert "race and culture" in expert
    author = section(home(scene.user("independent_author")), "independent_author")
    assert "Write the overview report" in author
    assert reverse("reviews:detail", args=[scene.review.pk]) in author


@pytest.mark.parametrize("stage", ["panel_sign_off", "board_sign_off", "published", "closed"])
def test_an_author_is_not_asked_to_write_an_overview_already_signed_off_or_closed(scene, stage):
    # The demo's overview author was told "Write the overview report" of a closed review.
    Review.objects.filter(pk=scene.review.pk).update(status=stage)
    author = section(home(scene.user("independent_author")), "independent_author")
    assert "Write the overview report" not in author


@pytest.mark.parametrize("stage", ["board_sign_off", "published", "monitoring", "closed"])
def test_an_expert_is_not_asked_for_advice_on_a_review_already_complete(scene, stage):
    Review.objects.filter(pk=scene.review.pk).update(status=stage)
    expert = section(home(scene.user("independent_expert")), "independent_expert")
    assert reverse("reviews:experts", args=[scene.review.pk]) not in expert


def test_the_manager_sees_next_actions_from_the_procedure_most_urgent_first(scene):
    page = home(scene.user("board_manager"))
    mine = section(page, "board_manager")
    assert "Next actions across reviews" in mine
    assert scene.review.reference in mine or scene.awaiting_panel.reference in mine
    assert reverse("dashboard") in page


def test_the_auditor_sees_recent_refusals_of_their_board_only(scene):
    page = section(home(scene.user("auditor")), "auditor")
    assert ("Recent refusals" in page and "outsider" in page.lower()) or "Outsider" in page
    assert "?outcome=" in page


def test_the_analyst_is_shown_the_national_pages(scene):
    page = home(scene.user("national_analyst"))
    assert "anonymised records" in page
    for name in (
        "national:trends",
        "national:search",
        "national:issues",
        "national:report",
        "national:theme_across",
    ):
        assert reverse(name) in page
    assert reverse("dashboard") not in page
    assert (
        verified_client(scene.user("national_analyst")).get(reverse("dashboard")).status_code == 403
    )


def test_the_analyst_sees_the_recurring_issues_waiting_for_review_first(scene):
    """The analyst's own work is the groups waiting for their review: listed before the
    links to the national pages; an approved group is not; nobody else is shown them."""
    from datetime import UTC, datetime

    from casereview.national.models import RecurringIssue

    def issue(key, title, status):
        return RecurringIssue.objects.create(
            key=key,
            themes=[key],
            title=title,
            status=status,
            members_digest="d",
            review_count=3,
            proposed_at=datetime(2026, 4, 1, tzinfo=UTC),
        )

    waiting = issue("information_sharing", "Information sharing", "needs_review")
    approved = issue("voice_of_child", "Voice of the child", "approved")
    page = section(home(scene.user("national_analyst")), "national_analyst")
    link = reverse("national:issue", args=[waiting.pk])
    assert "Review the recurring issue “Information sharing”" in page
    assert page.index(link) < page.index(reverse("national:search"))
    assert reverse("national:issue", args=[approved.pk]) not in page
    for role in ("board_manager", "auditor", "panel_chair"):
        assert link not in home(scene.user(role))


@pytest.mark.parametrize(
    "role", ["agency_author", "independent_expert", "independent_author", "administrator"]
)
def test_the_board_wide_dashboard_is_for_board_wide_readers_only(scene, role):
    client = verified_client(scene.user(role))
    assert reverse("dashboard") not in client.get(reverse("home")).text
    assert client.get(reverse("dashboard")).status_code == 403


@pytest.mark.parametrize("role", Role.values)
def test_nobody_sees_another_boards_work_at_home(scene, role):
    page = home(scene.user(role))
    assert scene.foreign.reference not in page
    assert "WSCB" not in page and "Westmoor" not in page


def test_a_person_with_several_roles_sees_each_roles_list(scene):
    chair = scene.user("board_chair")
    Membership.objects.create(user=chair, board=scene.board, role=Role.PANEL_CHAIR)
    page = home(chair)
    assert 'id="work-board_chair"' in page and 'id="work-panel_chair"' in page
    assert page.index('id="work-board_chair"') < page.index('id="work-panel_chair"')


def test_the_home_records_one_read_and_the_dashboard_moved(scene):
    from casereview.audit.models import AuditEvent

    client = verified_client(scene.user("board_manager"))
    before = AuditEvent.objects.count()
    client.get(reverse("home"))
    assert AuditEvent.objects.count() == before + 1
    page = client.get(reverse("dashboard")).text
    assert "Board dashboard" in page and "Open cases, most overdue first" in page


@pytest.mark.parametrize("role", ["board_manager", "panel_chair", "agency_author"])
def test_the_homes_queries_do_not_grow_with_the_data(world, role, django_assert_max_num_queries):
    client = verified_client(world.user(role))
    today = timezone.localdate()

    def more():
        review = review_of(world, agencies=[world.police, world.health])
        for agency, status in ((world.police, "requested"), (world.health, "submitted")):
            AgencyReport.objects.create(
                review=review, agency=agency, requested_on=today, due_on=today, status=status
            )
        make_notification(world.board, world.user("board_manager"), agencies=[world.police])

    more()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(6):
        more()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))


def test_the_board_emails_page_lists_who_is_told_and_the_last_sent(scene):
    EmailSent.objects.create(
        board=scene.board,
        kind="decision_awaited",
        recipient=scene.user("board_chair"),
        object_type="cases.notification",
        object_id=str(scene.awaiting_chair.pk),
        reference=scene.awaiting_chair.reference,
        sent_at=timezone.now(),
    )
    url = reverse("reviews:board_emails", args=[scene.board.pk])
    page = verified_client(scene.user("board_manager")).get(url).text
    assert "Who is told what and when" in page
    assert "Board chair" in page and scene.awaiting_chair.reference in page
    assert "Test Board_Chair" in page
    assert verified_client(scene.user("panel_chair")).get(url).status_code == 403
    other = reverse("reviews:board_emails", args=[scene.other_board.pk])
    assert verified_client(scene.user("board_manager")).get(other).status_code == 404


def test_each_obligation_shows_the_reminders_sent_for_it(scene):
    review = scene.review
    ReminderSent.objects.create(
        case_id=review.notification_id,
        obligation="panel_appointed",
        recipient_id=scene.user("board_manager").pk,
        sent_on=date(2026, 3, 20),
        status="overdue",
    )
    page = (
        verified_client(scene.user("board_manager"))
        .get(reverse("reviews:compliance", args=[review.pk]))
        .text
    )
    reminders = page[page.index('id="reminders"') :]
    assert "#obligation-panel_appointed" in reminders
    assert "20 Mar 2026 to Test Board_Manager (overdue)" in reminders
