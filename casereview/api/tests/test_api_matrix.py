"""Every operation of the OpenAPI schema, tried as every role against another board's and
another agency's objects: none succeeds, each refusal is audited in that board's log, and
lists hold none of their rows. A new operation fails here until it is classified below."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from casereview.accounts.models import Membership, Role
from casereview.api.api import api
from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import Notification
from casereview.chronology.models import AgencyChronology, ChronologyEntry
from casereview.documents.services import documents_of
from casereview.learning.models import Action, Lesson, ProgressUpdate
from casereview.learning.models import Recommendation as LearningRecommendation
from casereview.learning.services import update_action
from casereview.reviews.models import AgencyReport
from conftest import chronology_entry, make_notification, with_review

from .helpers import acted, api_for, new_notification

PREFIX = "/api/v1"

# The body of an operation that takes a file (sent as multipart/form-data).
UPLOAD = "<a file>"

# Operations on one object: the body each takes (a valid one, so that a refusal is a
# refusal and not bad input). Their path parameters are filled with the foreign objects.
OBJECT_OPERATIONS = {
    ("get", "/notifications/{pk}"): None,
    (
        "patch",
        "/notifications/{pk}",
    ): {"reason": "The referrer gave the wrong day", "incident_date": "2026-02-28"},
    ("get", "/notifications/{pk}/screening"): None,
    ("put", "/notifications/{pk}/screening/recommendation"): {
        "recommendation": "review_required",
        "reasons": "A death; neglect suspected.",
    },
    ("get", "/notifications/{pk}/decision"): None,
    ("post", "/notifications/{pk}/decision"): {
        "outcome": "hold_review",
        "reasons": "19.1 met",
        "decided_on": "2026-03-12",
    },
    ("get", "/reviews/{pk}"): None,
    ("get", "/reviews/{pk}/compliance"): None,
    ("get", "/reviews/{pk}/agency-reports"): None,
    ("get", "/reviews/{pk}/agency-reports/{report_pk}"): None,
    ("get", "/reviews/{pk}/chronologies"): None,
    ("get", "/reviews/{pk}/chronology/entries"): None,
    ("get", "/reviews/{pk}/chronology/entries/{entry_pk}"): None,
    ("post", "/reviews/{pk}/chronologies/{chronology_pk}/entries"): {
        "entries": [{"date": "2025-06-03", "source_ref": "M-1", "event": "Home visit"}]
    },
    ("get", "/reviews/{pk}/lessons"): None,
    ("get", "/reviews/{pk}/lessons/{item_pk}"): None,
    ("get", "/reviews/{pk}/lessons/{item_pk}/themes"): None,
    ("post", "/reviews/{pk}/lessons/{item_pk}/themes"): {
        "code": "information_sharing",
        "evidence": "Agencies",
    },
    ("get", "/reviews/{pk}/coding"): None,
    ("put", "/reviews/{pk}/coding"): {
        "death_category": "extreme_neglect",
        "harm_types": [],
        "maltreatment": ["neglect"],
    },
    ("get", "/reviews/{pk}/recommendations"): None,
    ("get", "/reviews/{pk}/recommendations/{item_pk}"): None,
    ("patch", "/reviews/{pk}/recommendations/{item_pk}"): {
        "types": ["training"],
        "reason": "A training recommendation",
    },
    ("get", "/reviews/{pk}/actions"): None,
    ("get", "/reviews/{pk}/actions/{item_pk}"): None,
    ("post", "/reviews/{pk}/actions/{item_pk}/progress"): {
        "status": "in_progress",
        "text": "Audit started",
        "on": "2026-04-20",
    },
    ("post", "/reviews/{pk}/actions/{item_pk}/progress/{update_pk}/evidence"): UPLOAD,
    ("get", "/reviews/{pk}/actions/{item_pk}/progress/{update_pk}/evidence"): None,
    ("get", "/reviews/{pk}/actions/{item_pk}/progress/{update_pk}/evidence/{document_pk}"): None,
}
# Lists: they answer 200 with only the rows the user may see.
LISTS = {("get", "/notifications"), ("get", "/reviews")}
# Creation in a board: the body names the board.
CREATIONS = {("post", "/notifications")}
# The national store (anonymised records, not board data): national analysts list every
# record, a board's manager submits their board's; everyone else gets 403
# (test_national_operations_refuse_every_other_role below).
NATIONAL = {
    ("get", "/national/records"),
    ("post", "/national/records"),
    ("get", "/national/trends"),
}
# The national vocabulary: no case data, any valid token reads it (test_api.py checks it).
VOCABULARY = {("get", "/themes")}


def schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(m, p.removeprefix(PREFIX)) for p, item in paths.items() for m in item}


def test_every_operation_is_classified():
    assert schema_operations() == set(OBJECT_OPERATIONS) | LISTS | CREATIONS | NATIONAL | VOCABULARY


@pytest.mark.parametrize("role", Role.values)
def test_national_operations_refuse_every_other_role(world, foreign, role):
    from casereview.national.models import NationalRecord

    from .helpers import national_record

    api = api_for(world.user(role))
    listed = api.call("get", "/national/records")
    assert listed.status_code == (200 if role == Role.NATIONAL_ANALYST else 403), role
    assert foreign.review.reference not in listed.text
    assert foreign.child.family_name not in listed.text
    trends = api.call("get", "/national/trends")
    assert trends.status_code == (200 if role == Role.NATIONAL_ANALYST else 403), role
    # Nobody of board A submits a record for board B.
    response = api.call("post", "/national/records", national_record(board="westmoor"))
    assert response.status_code in (403, 422), f"{role}: {response.status_code}"
    assert response["Content-Type"] == "application/problem+json"
    assert not NationalRecord.objects.filter(board_code="westmoor").exists()


@pytest.fixture
def foreign(world):
    n = make_notification(world.other_board, world.outsider, agencies=[world.other_police])
    n = with_review(n, world.outsider)
    AgencyReport.objects.create(
        review=n.review,
        agency=world.other_police,
        requested_on=date(2026, 3, 12),
        due_on=date(2026, 4, 12),
    )
    chronology_entry(n.review, world.other_police, actor=world.outsider)
    _, _, action = acted(world, n.review, world.other_police)
    update_action(
        action,
        actor=world.outsider,
        context=SYSTEM,
        lock_version=action.lock_version,
        status="in_progress",
        rag="",
        text="Audit started",
        on=date(2026, 4, 20),
        upload=SimpleUploadedFile("audit.txt", b"Synthetic audit of the other board"),
    )
    return n


def first_pk(model, review, default):
    found = model.objects.filter(review=review).values_list("pk", flat=True).first()
    return found or default


ITEMS = {"lessons": Lesson, "recommendations": LearningRecommendation, "actions": Action}


def send(api, method: str, path: str, body):
    if body == UPLOAD:
        return api.call(method, path, files={"file": SimpleUploadedFile("a.txt", b"Evidence")})
    return api.call(method, path, body)


def path_for(path: str, n: Notification) -> str:
    review = n.review
    update = ProgressUpdate.objects.filter(review=review).first()
    document = update and documents_of(update).first()
    pk = review.pk if path.startswith("/reviews/") else n.pk
    parts = path.split("/")
    item = ITEMS.get(parts[3]) if len(parts) > 4 else None
    return path.format(
        pk=pk,
        report_pk=first_pk(AgencyReport, review, pk),
        chronology_pk=first_pk(AgencyChronology, review, pk),
        entry_pk=first_pk(ChronologyEntry, review, pk),
        item_pk=first_pk(item, review, pk) if item else pk,
        update_pk=update.pk if update else pk,
        document_pk=document.pk if document else pk,
    )


@pytest.mark.parametrize("role", Role.values)
def test_no_role_reaches_another_boards_objects(world, foreign, role):
    api = api_for(world.user(role))
    for (method, path), body in OBJECT_OPERATIONS.items():
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = send(api, method, path_for(path, foreign), body)
        assert response.status_code == 404, f"{role} {method} {path}: {response.status_code}"
        assert response["Content-Type"] == "application/problem+json"
        denials = list(AuditEvent.objects.filter(pk__gt=last))
        assert [(e.action, e.outcome) for e in denials] == [("deny", "not_found")], path
        assert {e.board_id for e in denials} == {foreign.board_id}, f"{role} {path}"


def exportable() -> set[tuple[str, str]]:
    """The operations that answer as a spreadsheet too (their `format` parameter)."""
    paths = api.get_openapi_schema()["paths"]
    return {
        ("get", p.removeprefix(PREFIX))
        for p, item in paths.items()
        if any(q["name"] == "format" for q in item.get("get", {}).get("parameters", []))
    }


def text_of(response) -> str:
    """What a CSV or XLSX answer says (an XLSX is compressed: its cells' values)."""
    if response["Content-Type"].startswith("text/csv"):
        return response.content.decode()
    book = load_workbook(io.BytesIO(response.content))
    rows = (row for sheet in book for row in sheet.iter_rows(values_only=True))
    return " ".join(str(v) for row in rows for v in row)


def test_the_exports_are_the_lists():
    assert exportable() - NATIONAL == {
        ("get", "/notifications"),
        ("get", "/reviews"),
        ("get", "/reviews/{pk}/agency-reports"),
        ("get", "/reviews/{pk}/chronologies"),
        ("get", "/reviews/{pk}/chronology/entries"),
        ("get", "/reviews/{pk}/lessons"),
        ("get", "/reviews/{pk}/recommendations"),
        ("get", "/reviews/{pk}/actions"),
    }


@pytest.mark.parametrize("role", Role.values)
def test_no_role_exports_another_boards_rows(world, foreign, role):
    api = api_for(world.user(role), scope="read")
    for method, path in sorted(exportable() - NATIONAL):
        for kind in ("csv", "xlsx"):
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = api.call(method, path_for(path, foreign), format=kind)
            if (method, path) in LISTS:
                assert response.status_code == 200, f"{role} {path}"
                for secret in (foreign.reference, foreign.review.reference):
                    assert secret not in text_of(response), f"{role} {path} {kind}"
                continue
            assert response.status_code == 404, f"{role} {path} {kind}: {response.status_code}"
            denials = list(AuditEvent.objects.filter(pk__gt=last))
            assert [(e.action, e.outcome) for e in denials] == [("deny", "not_found")], path
            assert {e.board_id for e in denials} == {foreign.board_id}, f"{role} {path}"


@pytest.mark.parametrize("role", Role.values)
def test_lists_hold_no_foreign_rows_and_no_one_creates_in_another_board(world, foreign, role):
    api = api_for(world.user(role))
    for method, path in sorted(LISTS):
        response = api.call(method, path)
        assert response.status_code == 200, f"{role} {path}"
        body = response.text
        for secret in (str(foreign.pk), str(foreign.review.pk), foreign.reference):
            assert secret not in body, f"{role} {path}"
        assert foreign.review.reference not in body
        assert foreign.child.family_name not in body
    before = Notification.objects.filter(board=world.other_board).count()
    body = new_notification(world, board=world.other_board.pk, agencies=[world.other_police.pk])
    response = api.call("post", "/notifications", body)
    assert response.status_code in (403, 422), f"{role}: {response.status_code}"
    assert Notification.objects.filter(board=world.other_board).count() == before


def test_an_agency_author_does_not_reach_another_agencys_case(world):
    case = with_review(
        make_notification(world.board, world.user("board_manager"), agencies=[world.health]),
        world.user("board_chair"),
    )
    AgencyReport.objects.create(
        review=case.review,
        agency=world.health,
        requested_on=date(2026, 3, 12),
        due_on=date(2026, 4, 12),
    )
    api = api_for(world.user("agency_author"))  # police
    for (method, path), body in OBJECT_OPERATIONS.items():
        response = send(api, method, path_for(path, case), body)
        assert response.status_code == 404, f"{method} {path}: {response.status_code}"
    for method, path in sorted(LISTS):
        assert str(case.pk) not in api.call(method, path).text


def test_the_matrix_uses_real_objects_that_their_own_board_reaches(world, foreign):
    """A control: the other board's own people, with every role, reach the same objects
    (neither 401, 403 nor 404), so the refusals above are refusals, not wrong addresses."""
    for role in Role.values:
        agency = world.other_police if role == Role.AGENCY_AUTHOR else None
        Membership.objects.get_or_create(
            user=world.outsider, board=world.other_board, role=role, agency=agency
        )
    api = api_for(world.outsider)
    for (method, path), body in OBJECT_OPERATIONS.items():
        status = send(api, method, path_for(path, foreign), body).status_code
        assert status not in (401, 403, 404, 405), f"{method} {path}: {status}"
    for method, path in sorted(LISTS):
        assert str(foreign.pk) in api.call(method, path).text or path == "/reviews"
    for method, path in sorted(exportable() - NATIONAL):
        for kind in ("csv", "xlsx"):
            response = api.call(method, path_for(path, foreign), format=kind)
            assert response.status_code == 200, f"{path} {kind}: {response.status_code}"
            if (method, path) in LISTS:
                assert foreign.reference in text_of(response) or path == "/reviews"
                assert path != "/reviews" or foreign.review.reference in text_of(response)
    assert str(foreign.review.pk) in api.call("get", "/reviews").text
