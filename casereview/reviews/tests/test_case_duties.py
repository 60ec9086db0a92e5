"""Duties that come before a review, or without one: statutory notices and the rapid
review recorded on the notification's duties page, met with no review open; a case decided
against a review stays on the dashboard while any of its obligations is open."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.services import complete_task
from casereview.procedure.engine import evaluate
from casereview.reviews.models import OutboundNotification, RapidReview
from conftest import date_fields, decide_in_services, make_notification, verified_client


def _in_regime(world, regime: str) -> None:
    world.board.default_regime = regime
    world.board.save(update_fields=["default_regime"])


def _by_id(case) -> dict:
    return {r.obligation.id: r for r in evaluate(case)}


def _notice(client, case, recipient: str, **extra):
    body = {
        "recipient": recipient,
        "purpose": "Serious incident notification",
        **date_fields("sent_on", timezone.localdate()),
        "method": "Secure e-mail",
        "copy": "The text sent",
        **extra,
    }
    return client.post(reverse("reviews:case_notice_add", args=[case.pk]), body)


def _no_review_case(world, regime: str = "wt2013", **fields):
    _in_regime(world, regime)
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[],
        outcome=fields.pop("outcome", "serious_harm"),
        date_of_death=None,
        received_at=None,
        **fields,
    )
    return decide_in_services(n, world.user("board_chair"), outcome="no_review")


# --- Statutory notices on the notification ------------------------------------------------


def test_wt2013_notices_are_met_from_the_case_page_without_a_review(world):
    case = _no_review_case(world)
    lines = _by_id(case)
    assert lines["ofsted_and_board_notified"].status == "due"
    assert lines["no_review_to_national_panel"].status == "due"
    # The line says where to record it: the case's duties page, not a review that is not there.
    where = lines["no_review_to_national_panel"].where(case)
    assert where == reverse("reviews:case_duties", args=[case.pk]) + "#notices"

    client = verified_client(world.user("board_manager"))
    page = client.get(reverse("reviews:case_duties", args=[case.pk])).text
    assert 'id="obligation-no_review_to_national_panel"' in page
    assert reverse("reviews:case_notice_add", args=[case.pk]) in page

    last = AuditEvent.objects.order_by("-id").first().pk
    assert _notice(client, case, "ofsted").status_code == 302
    assert _notice(client, case, "national_panel").status_code == 302
    events = AuditEvent.objects.filter(pk__gt=last, action="notification.outbound")
    assert events.count() == 2

    lines = _by_id(case)
    assert lines["ofsted_and_board_notified"].status == "met"
    assert lines["no_review_to_national_panel"].status == "met"
    assert lines["no_review_to_national_panel"].evidence.url.endswith(
        f"/notifications/{case.pk}/duties/#notices"
    )
    page = client.get(reverse("reviews:case_duties", args=[case.pk])).text
    assert "Child Safeguarding Practice Review Panel" in page and "The text sent" in page


def test_a_notice_form_with_errors_is_shown_again_with_the_field_messages(world):
    case = _no_review_case(world)
    client = verified_client(world.user("board_manager"))
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _notice(client, case, "ofsted", **date_fields("sent_on", tomorrow))
    assert response.status_code == 200
    assert "must be today or in the past" in response.text
    assert not OutboundNotification.objects.filter(notification=case).exists()


def test_only_those_who_run_reviews_record_notices(world):
    case = _no_review_case(world)
    for role in ("panel_member", "auditor", "board_chair"):
        client = verified_client(world.user(role))
        assert _notice(client, case, "ofsted").status_code == 403, role
    assert not OutboundNotification.objects.filter(notification=case).exists()


def test_the_review_notifications_page_shows_the_notices_recorded_before_the_review(world):
    _in_regime(world, "wt2013")
    case = make_notification(
        world.board, world.user("board_manager"), received_at=None, agencies=[world.police]
    )
    client = verified_client(world.user("board_manager"))
    assert _notice(client, case, "ofsted", purpose="Told of the incident").status_code == 302
    case = decide_in_services(case, world.user("board_chair"))
    page = client.get(reverse("reviews:notifications", args=[case.review.pk])).text
    assert "Told of the incident" in page
    assert _by_id(case)["ofsted_and_board_notified"].status == "met"
    # With a review open, the line points at the review's notifications page.
    where = _by_id(case)["decision_notice_names_reviewers"].where(case)
    assert where == reverse("reviews:notifications", args=[case.review.pk])


# --- The rapid review (WT2018) ---------------------------------------------------------------


def _rapid_body(**extra) -> dict:
    return {
        **date_fields("completed_on", timezone.localdate()),
        "participants": "Police detective inspector; named nurse; social work team manager",
        "findings": "Synthetic findings of the rapid review",
        "local_review_recommended": "no",
        "recommendation_reasons": "The learning is already being acted on",
        **extra,
    }


def test_the_rapid_review_is_recorded_on_the_notification_before_any_decision(world):
    _in_regime(world, "wt2018")
    case = make_notification(
        world.board, world.user("board_manager"), received_at=None, agencies=[world.police]
    )
    lines = _by_id(case)
    assert lines["rapid_review"].status == "due"
    assert lines["rapid_review"].where(case) == reverse("reviews:rapid_review", args=[case.pk])

    client = verified_client(world.user("board_manager"))
    url = reverse("reviews:rapid_review", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _rapid_body())
    assert response.status_code == 302
    rapid = RapidReview.objects.get(notification=case)
    assert rapid.local_review_recommended is False
    assert AuditEvent.objects.filter(action="rapid_review.record").count() == 1

    met = _by_id(case)["rapid_review"]
    assert met.status == "met" and met.evidence.on == timezone.localdate()
    page = client.get(reverse("reviews:case_duties", args=[case.pk])).text
    assert "Synthetic findings of the rapid review" in page

    # Recorded once: the form sends the user back to what is recorded.
    again = client.post(url, _rapid_body(findings="Other"))
    assert again.status_code == 302
    assert RapidReview.objects.get(notification=case).findings.startswith("Synthetic")


def test_a_rapid_review_needs_its_findings_and_reasons(world):
    _in_regime(world, "wt2018")
    case = make_notification(
        world.board, world.user("board_manager"), received_at=None, agencies=[world.police]
    )
    client = verified_client(world.user("panel_chair"))
    response = client.post(
        reverse("reviews:rapid_review", args=[case.pk]),
        _rapid_body(findings="", local_review_recommended=""),
    )
    assert response.status_code == 200
    assert "Select yes if it recommends a local review" in response.text
    assert not RapidReview.objects.exists()


def test_the_rapid_review_applies_to_the_cases_notified_to_the_national_panel(world):
    _in_regime(world, "wt2018")
    not_abuse = make_notification(
        world.board, world.user("board_manager"), received_at=None, agencies=[], abuse_neglect="not"
    )
    lines = _by_id(not_abuse)
    assert lines["rapid_review"].status == "not_applicable"
    assert lines["national_panel_notified"].status == "not_applicable"


def test_national_panel_notified_without_a_review_in_wt2018(world):
    case = _no_review_case(world, "wt2018")
    assert _by_id(case)["national_panel_notified"].status == "due"
    client = verified_client(world.user("board_manager"))
    _notice(client, case, "national_panel")
    assert _by_id(case)["national_panel_notified"].status == "met"


# --- The dashboard and each person's work --------------------------------------------------


def _dashboard(world) -> str:
    return verified_client(world.user("board_manager")).get(reverse("dashboard")).text


def _open_case_row(page: str, reference: str) -> str:
    """The case's row in the dashboard's table of open cases."""
    table = page.split("Open cases, most overdue first", 1)[1]
    return table.split(reference, 1)[1].split("</tr>")[0]


def test_a_case_decided_against_a_review_stays_on_the_dashboard_while_it_owes(world):
    case = _no_review_case(world)
    page = _dashboard(world)
    assert case.reference in page
    listed = _open_case_row(page, case.reference)
    assert "Decided: no review" in listed
    assert "national panel" in listed  # the open obligation is listed with the case

    home = verified_client(world.user("board_chair")).get(reverse("home")).text
    assert "send the decision and its reasons to the national panel" in home

    client = verified_client(world.user("board_manager"))
    complete_task(
        case.tasks.get(kind="other_children"),
        actor=world.user("board_manager"),
        context=SYSTEM,
        done_on=timezone.localdate(),
        note="",
    )
    _notice(client, case, "ofsted")
    assert case.reference in _dashboard(world)  # the national panel is still owed
    _notice(client, case, "national_panel")
    assert not [r for r in evaluate(case) if r.is_open]
    assert case.reference not in _dashboard(world)


def test_other_learning_keeps_the_case_on_the_dashboard_too(world):
    _in_regime(world, "wt2018")
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[],
        outcome="serious_harm",
        date_of_death=None,
    )
    case = decide_in_services(n, world.user("board_chair"), outcome="other_learning")
    assert case.reference in _dashboard(world)
    # A month later, the notice to the national panel is overdue, on the dashboard.
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        page = _dashboard(world)
    listed = _open_case_row(page, case.reference)
    assert "Overdue" in listed


def test_a_case_without_a_review_reaches_its_compliance_page_from_the_notification(world):
    case = _no_review_case(world)
    client = verified_client(world.user("board_manager"))
    detail = client.get(reverse("cases:detail", args=[case.pk])).text
    assert reverse("reviews:case_duties", args=[case.pk]) in detail
    page = client.get(reverse("reviews:case_duties", args=[case.pk]))
    assert page.status_code == 200
    assert "What " + case.reference + " owes" in page.text


def test_an_agency_author_reads_only_their_lines_and_no_notices(world):
    _in_regime(world, "wt2013")
    case = make_notification(
        world.board, world.user("board_manager"), received_at=None, agencies=[world.police]
    )
    page = verified_client(world.user("agency_author")).get(
        reverse("reviews:case_duties", args=[case.pk])
    )
    assert page.status_code == 200
    assert 'id="notices"' not in page.text
    assert 'id="obligation-ofsted_and_board_notified"' not in page.text


def test_wt2013_another_learning_process_is_a_decision_not_to_review_for_the_panel(world):
    _in_regime(world, "wt2013")
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[],
        outcome="serious_harm",
        date_of_death=None,
    )
    case = decide_in_services(n, world.user("board_chair"), outcome="other_learning")
    assert _by_id(case)["no_review_to_national_panel"].status == "due"
    _notice(verified_client(world.user("board_manager")), case, "national_panel")
    assert _by_id(case)["no_review_to_national_panel"].status == "met"


def test_the_clocks_of_a_case_without_a_review_are_paused_from_its_duties_page(world):
    case = _no_review_case(world)
    client = verified_client(world.user("board_manager"))
    page = client.get(reverse("reviews:case_duties", args=[case.pk])).text
    assert reverse("reviews:case_pause", args=[case.pk]) in page
    response = client.post(
        reverse("reviews:case_pause", args=[case.pk]),
        {**date_fields("starts_on", timezone.localdate()), "reason": "Criminal proceedings"},
    )
    assert response.status_code == 302
    assert _by_id(case)["no_review_to_national_panel"].status == "paused"
    response = client.post(
        reverse("reviews:case_restart", args=[case.pk]),
        date_fields("ends_on", timezone.localdate()),
    )
    assert response.status_code == 302
    assert _by_id(case)["no_review_to_national_panel"].status == "due"
    # Only the board manager pauses the clocks.
    chair = verified_client(world.user("panel_chair"))
    denied = chair.post(
        reverse("reviews:case_pause", args=[case.pk]),
        {**date_fields("starts_on", timezone.localdate()), "reason": "Criminal proceedings"},
    )
    assert denied.status_code == 403


def test_wt2013_a_notice_sent_before_the_decision_is_not_the_decision_for_the_panel(world):
    case = _no_review_case(world)
    client = verified_client(world.user("board_manager"))
    yesterday = timezone.localdate() - timedelta(days=1)
    _notice(client, case, "national_panel", **date_fields("sent_on", yesterday))
    assert _by_id(case)["no_review_to_national_panel"].status == "due"
    _notice(client, case, "national_panel")
    assert _by_id(case)["no_review_to_national_panel"].status == "met"
