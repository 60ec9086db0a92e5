"""One agency report: its author writes it, saves without losing anyone's work, submits it
with a senior sign-off, and the panel chair accepts it or returns it with reasons."""

from datetime import date

import pytest
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.reviews.models import ReportStatus
from casereview.reviews.reports.services import CONFLICT
from conftest import make_notification, status_of, verified_client, with_review

from .helpers import SIGNED, form_data, report_of, url

TODAY = timezone.localdate()


@pytest.fixture
def review(world):
    n = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    return with_review(n, world.user("board_chair")).review


def test_the_agency_author_writes_their_own_report(world, review):
    report = report_of(review, world.police)
    client = verified_client(world.user("agency_author"))
    page = client.get(url("report", report))
    assert page.status_code == 200
    assert "Save the draft" in page.text and 'name="lock_version"' in page.text
    last = AuditEvent.objects.latest("id").id
    response = client.post(url("report", report), form_data(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.author == world.user("agency_author")
    assert report.records_secured_on == date(2026, 3, 2)
    assert report.analysis == "The referral of May 2025 was not followed up"
    assert report.lock_version == 1
    assert [e.action for e in AuditEvent.objects.filter(id__gt=last)] == ["report.save"]


def test_an_agency_author_gets_404_on_another_agencys_report(world, review):
    health = report_of(review, world.health)
    client = verified_client(world.user("agency_author"))  # police
    assert client.get(url("report", health)).status_code == 404
    assert client.post(url("report", health), form_data(health)).status_code == 404
    assert client.post(url("report_submit", health), form_data(health)).status_code == 404
    health.refresh_from_db()
    assert health.lock_version == 0 and health.analysis == ""


def test_readers_see_the_report_but_may_not_write_it(world, review):
    report = report_of(review, world.police, analysis="Some analysis")
    for role in ("panel_member", "panel_chair", "auditor", "board_chair"):
        client = verified_client(world.user(role))
        page = client.get(url("report", report))
        assert page.status_code == 200 and "Some analysis" in page.text
        assert "Save the draft" not in page.text
        assert client.post(url("report", report), form_data(report)).status_code == 403, role
    report.refresh_from_db()
    assert report.lock_version == 0


def test_a_stale_save_is_refused_and_keeps_what_the_user_typed(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    manager = verified_client(world.user("board_manager"))
    stale = form_data(report, analysis="The author's long analysis")
    manager.post(url("report", report), form_data(report, analysis="The manager's edit"))
    last = AuditEvent.objects.latest("id").id
    response = author.post(url("report", report), stale)
    assert response.status_code == 409
    text = response.text
    assert "There is a problem" in text
    assert CONFLICT.replace("'", "&#x27;") in text
    assert "The author&#x27;s long analysis" in text  # nothing lost
    assert "The manager&#x27;s edit" in text  # and what is saved now is shown
    report.refresh_from_db()
    assert report.analysis == "The manager's edit"
    assert not AuditEvent.objects.filter(id__gt=last, action__startswith="report.").exists()
    # The form now carries the new version: saving again is a deliberate overwrite.
    assert f'name="lock_version" value="{report.lock_version}"' in text


def test_submitting_needs_the_senior_sign_off(world, review):
    report = report_of(review, world.police)
    client = verified_client(world.user("agency_author"))
    response = client.post(url("report_submit", report), form_data(report))
    assert response.status_code == 200
    text = response.text
    assert "Enter the name of the senior officer who signs off" in text
    assert "Enter their role" in text and "Enter the date signed off" in text
    assert "The referral of May 2025 was not followed up" in text  # input kept
    report.refresh_from_db()
    assert report.status == ReportStatus.REQUESTED and report.analysis == ""


def test_the_author_submits_the_report_to_the_panel(world, review):
    report = report_of(review, world.police)
    client = verified_client(world.user("agency_author"))
    last = AuditEvent.objects.latest("id").id
    response = client.post(url("report_submit", report), form_data(report, **SIGNED))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_on == TODAY
    assert report.senior_sign_off_name == "Pat Senior"
    assert [e.action for e in AuditEvent.objects.filter(id__gt=last)] == ["report.submit"]
    page = client.get(url("report", report)).text
    assert "Save the draft" not in page and "Submitted to the panel" in page
    again = client.post(url("report", report), form_data(report))
    assert "cannot be changed now" in again.text


def test_only_the_panel_chair_accepts_or_returns(world, review):
    report = report_of(review, world.police, status=ReportStatus.SUBMITTED, submitted_on=TODAY)
    for role in ("board_manager", "panel_member", "agency_author", "board_chair"):
        response = verified_client(world.user(role)).post(
            url("report_decide", report), {"decision": "accept"}
        )
        assert response.status_code == 403, role
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_returning_needs_reasons(world, review):
    report = report_of(review, world.police, status=ReportStatus.SUBMITTED, submitted_on=TODAY)
    client = verified_client(world.user("panel_chair"))
    response = client.post(url("report_decide", report), {"decision": "return", "reasons": " "})
    assert response.status_code == 200
    assert "Enter the reasons for returning the report" in response.text
    empty = client.post(url("report_decide", report), {})
    assert "Select whether to accept or return the report" in empty.text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_panel_chair_returns_then_accepts_the_report(world, review):
    report = report_of(review, world.police, status=ReportStatus.SUBMITTED, submitted_on=TODAY)
    chair = verified_client(world.user("panel_chair"))
    last = AuditEvent.objects.latest("id").id
    chair.post(
        url("report_decide", report), {"decision": "return", "reasons": "Add the chronology"}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.decided_on == TODAY
    assert report.returned_reasons == "Add the chronology"
    author = verified_client(world.user("agency_author"))
    page = author.get(url("report", report)).text
    assert "Add the chronology" in page and "Save the draft" in page
    author.post(url("report_submit", report), form_data(report, **SIGNED))
    chair.post(url("report_decide", report), {"decision": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.returned_reasons == ""
    actions = [
        e.action for e in AuditEvent.objects.filter(id__gt=last, action__startswith="report.")
    ]
    assert actions == ["report.return", "report.submit", "report.accept"]


def test_the_obligations_turn_met_when_every_report_reaches_each_state(world, review):
    police = report_of(review, world.police)
    health = report_of(review, world.health)
    assert status_of(review, "agency_reports_requested") == "met"
    assert status_of(review, "agency_reports_received") != "met"
    author = verified_client(world.user("agency_author"))
    author.post(url("report_submit", police), form_data(police, **SIGNED))
    assert status_of(review, "agency_reports_received") != "met"  # health is still writing
    verified_client(world.health_author).post(
        url("report_submit", health), form_data(health, **SIGNED)
    )
    assert status_of(review, "agency_reports_received") == "met"
    assert status_of(review, "agency_reports_accepted") != "met"
    chair = verified_client(world.user("panel_chair"))
    chair.post(url("report_decide", police), {"decision": "accept"})
    assert status_of(review, "agency_reports_accepted") != "met"
    chair.post(url("report_decide", health), {"decision": "accept"})
    assert status_of(review, "agency_reports_accepted") == "met"
    assert status_of(review, "agency_reports_received") == "met"


def test_the_author_is_the_agency_writer_not_the_manager_who_helps(world, review):
    report = report_of(review, world.police)
    verified_client(world.user("board_manager")).post(url("report", report), form_data(report))
    report.refresh_from_db()
    assert report.author is None and report.status == ReportStatus.DRAFT
    verified_client(world.user("agency_author")).post(url("report", report), form_data(report))
    report.refresh_from_db()
    assert report.author == world.user("agency_author")
