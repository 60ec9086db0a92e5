"""POST and GET /api/v1/national/records: a board's own instance submits the anonymised
record of a signed-off review, idempotently; national analysts list the records."""

from __future__ import annotations

from casereview.audit.models import AuditEvent
from casereview.national.models import NationalLesson, NationalRecord

from .helpers import api_for, national_record


def test_a_board_manager_submits_and_a_repeat_is_idempotent(world):
    api = api_for(world.user("board_manager"))
    first = api.call("post", "/national/records", national_record())
    assert first.status_code == 201, first.content
    data = first.json()
    assert data["source_key"] == "eastbrook/EXT-2025-0007"
    assert data["incident_month"] == "2025-01" and data["submitted_via"] == "api"
    assert data["lessons"][0]["themes"] == ["invisible_men_fathers"]
    again = api.call("post", "/national/records", national_record())
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert NationalRecord.objects.count() == 1 and NationalLesson.objects.count() == 1
    assert AuditEvent.objects.filter(action="national_record.create").count() == 1
    assert not AuditEvent.objects.filter(action="national_record.replace").exists()
    changed = api.call("post", "/national/records", national_record(lessons=[]))
    assert changed.status_code == 200 and changed.json()["id"] == data["id"]
    assert NationalLesson.objects.count() == 0
    assert AuditEvent.objects.filter(action="national_record.replace").count() == 1


def test_codes_months_and_order_are_checked(world):
    api = api_for(world.user("board_manager"))
    for body, pointer in [
        (national_record(age_band="toddler"), "/age_band"),
        (national_record(practice_issues=["neglect"]), "/practice_issues/0"),
        (national_record(incident_month="2025-13"), "/incident_month"),
        (national_record(incident_month="2025-01-14"), "/incident_month"),
        (national_record(completed_month="2999-01"), "/completed_month"),
        (national_record(decided_month="2024-12"), "/decided_month"),
        (national_record(outcome="serious_harm"), "/death_category"),
        (national_record(harm_types=["physical"]), "/harm_types"),
        (national_record(region="Atlantis"), "/region"),
    ]:
        response = api.call("post", "/national/records", body)
        assert response.status_code == 422, (pointer, response.status_code)
        assert pointer in [e["pointer"] for e in response.json()["errors"]], response.json()
    assert not NationalRecord.objects.exists()


def test_a_decision_or_completion_before_the_notification_is_refused(world):
    """The decision follows the notification: a record decided (or completed) in a month
    before the board was notified cannot be true, even when it follows the incident."""
    api = api_for(world.user("board_manager"))
    late_notice = {"incident_month": "2025-01", "notified_month": "2025-06"}
    for body, pointer in [
        (national_record(**late_notice, decided_month="2025-03"), "/decided_month"),
        (
            national_record(**late_notice, decided_month=None, completed_month="2025-04"),
            "/completed_month",
        ),
    ]:
        response = api.call("post", "/national/records", body)
        assert response.status_code == 422, response.content
        errors = response.json()["errors"]
        assert errors == [
            {"pointer": pointer, "detail": "The month must not be before notified_month"}
        ]
    assert not NationalRecord.objects.exists()
    ok = national_record(**late_notice, decided_month="2025-06", completed_month="2025-09")
    assert api.call("post", "/national/records", ok).status_code == 201


def test_only_a_manager_of_the_board_named_submits(world):
    for role in ("board_chair", "national_analyst", "agency_author", "auditor"):
        response = api_for(world.user(role)).call("post", "/national/records", national_record())
        assert response.status_code == 403, role
    outsider = api_for(world.outsider).call("post", "/national/records", national_record())
    assert outsider.status_code == 422  # a manager, of another board
    assert not NationalRecord.objects.exists()


def test_national_analysts_list_records_and_others_are_refused(world):
    api_for(world.user("board_manager")).call("post", "/national/records", national_record())
    listed = api_for(world.user("national_analyst")).get("/national/records", board="eastbrook")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert AuditEvent.objects.filter(action="list", object_type__icontains="national").exists()
    assert api_for(world.user("board_manager")).get("/national/records").status_code == 403
