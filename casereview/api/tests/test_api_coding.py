"""The review's coding for the national record through the API (issue 16 item 1). The
incident coding: read with each code's label, recorded or replaced through the web form's
service (learning/coding.py) with If-Match, refused field by field when a board's script
sends it wrongly (nothing saved), allowed to the roles that edit it on the web, and a change
after the board's sign-off replaces the stored national record. A recommendation's types:
read with the recommendation, corrected with a reason through the web's correction service."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import Role
from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import Notification
from casereview.learning import coding
from casereview.learning.models import IncidentCoding, Recommendation
from casereview.learning.tests.helpers import lesson_of, recommendation_of
from casereview.national.models import NationalRecord
from casereview.publication.models import Report
from casereview.publication.signals import board_signed_off
from casereview.reviews.models import Appointment, Review
from conftest import review_of, verified_client

from .helpers import Api, api_for

PROBLEM = "application/problem+json"
DEATH = {"death_category": "extreme_neglect", "harm_types": [], "maltreatment": ["neglect"]}


def _path(review) -> str:
    return f"/reviews/{review.pk}/coding"


def _put(api, review, body, etag=None):
    headers = {"If-Match": etag} if etag else None
    return api.call("put", _path(review), body, headers=headers)


def _pointers(response) -> dict:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    return {e["pointer"]: e["detail"] for e in response.json()["errors"]}


def _serious_harm(review):
    Notification.objects.filter(pk=review.notification_id).update(outcome="serious_harm")
    return Review.objects.get(pk=review.pk)


def test_a_review_with_no_coding_reads_as_version_0_with_nothing_recorded(world):
    review = review_of(world)
    answer = api_for(world.user("agency_author"), scope="read").get(_path(review))
    assert answer.status_code == 200 and answer["ETag"]
    assert answer.json() == {
        "review": str(review.pk),
        "outcome": "death",
        "vocabulary_version": "2026.1",
        "death_category": None,
        "harm_types": [],
        "maltreatment": [],
        "recorded_by": None,
        "recorded_at": None,
        "signed_off": False,
        "lock_version": 0,
    }


def test_the_panel_records_the_coding_and_reads_each_code_with_its_label(world):
    review = review_of(world)
    api = api_for(world.user("panel_member"))
    saved = _put(api, review, DEATH | {"maltreatment": ["neglect", "emotional"]})
    assert saved.status_code == 200, saved.content
    data = saved.json()
    assert data["death_category"] == {
        "code": "extreme_neglect",
        "label": "3. Extreme neglect or deprivational abuse",
    }
    # In the vocabulary's order, as the web form keeps them.
    assert data["maltreatment"] == [
        {"code": "emotional", "label": "Emotional abuse"},
        {"code": "neglect", "label": "Neglect"},
    ]
    assert data["recorded_by"] == "Test Panel_Member" and data["recorded_at"]
    assert data["lock_version"] == 1
    stored = IncidentCoding.objects.get(review=review)
    assert stored.maltreatment == ["emotional", "neglect"]
    event = AuditEvent.objects.get(action="coding.record")
    assert event.detail["changes"]["death_category"] == {"old": "", "new": "extreme_neglect"}
    read = api.get(_path(review))
    assert read.json() == data and read["ETag"] == saved["ETag"]
    # The web page shows what the API recorded.
    page = verified_client(world.user("panel_chair")).get(
        reverse("learning:coding", args=[review.pk])
    )
    assert "3. Extreme neglect or deprivational abuse" in page.text


def test_replacing_a_coding_needs_the_etag_of_the_version_read(world):
    review = review_of(world)
    api = api_for(world.user("board_manager"))
    first = _put(api, review, DEATH)
    etag = first["ETag"]
    again = DEATH | {"death_category": "severe_physical_assault", "maltreatment": ["physical"]}
    missing = _put(api, review, again)
    assert missing.status_code == 428 and missing["Content-Type"] == PROBLEM
    # Someone corrects it on the web meanwhile: the API's version is stale.
    coding.record_coding(
        review,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        death_category="accident",
        maltreatment=["neglect"],
        lock_version=1,
    )
    stale = _put(api, review, again, etag)
    assert stale.status_code == 412 and stale["Content-Type"] == PROBLEM
    assert IncidentCoding.objects.get().death_category == "accident"
    current = api.get(_path(review))
    done = _put(api, review, again, current["ETag"])
    assert done.status_code == 200
    assert done.json()["lock_version"] == 3
    assert AuditEvent.objects.filter(action="coding.correct").count() == 2


def test_a_first_recording_does_not_overwrite_one_recorded_meanwhile(world):
    review = review_of(world)
    api = api_for(world.user("board_manager"))
    empty = api.get(_path(review))["ETag"]
    coding.record_coding(
        review, actor=world.user("panel_chair"), context=SYSTEM, maltreatment=["online"]
    )
    assert _put(api, review, DEATH, empty).status_code == 412
    assert _put(api, review, DEATH).status_code == 428
    assert IncidentCoding.objects.get().maltreatment == ["online"]


@pytest.mark.parametrize(
    ("body", "pointer", "words"),
    [
        # A code of no axis: named.
        (DEATH | {"maltreatment": ["neglect", "made_up"]}, "/maltreatment", "made_up is not one"),
        # A code of another axis: named, with the axis it belongs to.
        (
            DEATH | {"maltreatment": ["suicide"]},
            "/maltreatment",
            "suicide is not one: it is a code of death_category",
        ),
        (DEATH | {"death_category": "physical"}, "/death_category", "physical is not one"),
        # A code twice, an empty code, null for a list or for the death category.
        (DEATH | {"maltreatment": ["neglect", "neglect"]}, "/maltreatment", "neglect is given"),
        (DEATH | {"maltreatment": ["neglect", ""]}, "/maltreatment", "leave it out"),
        (DEATH | {"maltreatment": None}, "/maltreatment", "send [] for none"),
        (DEATH | {"death_category": None}, "/death_category", 'send "" for none'),
        (DEATH | {"maltreatment": "neglect"}, "/maltreatment", "list"),
        (DEATH | {"maltreatment": [7]}, "/maltreatment/0", "string"),
        # A PUT replaces the whole coding: a field left out would erase what is saved.
        ({"death_category": "extreme_neglect", "harm_types": []}, "/maltreatment", "required"),
        # The web form's rule: harm types only when the child did not die.
        (DEATH | {"harm_types": ["physical"]}, "/harm_types", "national vocabulary 2026.1"),
        (DEATH | {"hram_types": ["physical"]}, "/hram_types", "not permitted"),
    ],
)
def test_a_wrong_entry_is_refused_on_its_field_and_nothing_is_saved(world, body, pointer, words):
    review = review_of(world)
    api = api_for(world.user("board_manager"))
    saved = _put(api, review, DEATH | {"maltreatment": ["physical"]})
    errors = _pointers(_put(api, review, body, saved["ETag"]))
    assert pointer in errors, errors
    assert words.casefold() in errors[pointer].casefold(), errors
    assert IncidentCoding.objects.get().maltreatment == ["physical"]
    assert api.get(_path(review))["ETag"] == saved["ETag"]
    assert not AuditEvent.objects.filter(action="coding.correct").exists()


def test_a_death_category_on_a_serious_harm_is_refused_and_every_field_is_named(world):
    review = _serious_harm(review_of(world))
    api = api_for(world.user("panel_chair"))
    body = {"death_category": "suicide", "harm_types": ["sexual"], "maltreatment": ["x", "y"]}
    # The vocabulary's problems of every field at once, then the outcome's rule.
    assert set(_pointers(_put(api, review, body))) == {"/maltreatment"}
    errors = _pointers(_put(api, review, body | {"maltreatment": []}))
    assert set(errors) == {"/death_category"} and "serious harm" in errors["/death_category"]
    assert not IncidentCoding.objects.exists()
    done = _put(api, review, {"death_category": "", "harm_types": ["sexual"], "maltreatment": []})
    assert done.status_code == 200
    assert done.json()["harm_types"] == [{"code": "sexual", "label": "Sexual"}]
    assert done.json()["outcome"] == "serious_harm"


def test_a_change_after_the_sign_off_needs_a_reason_and_replaces_the_national_record(world):
    review = review_of(world)
    api = api_for(world.user("board_manager"))
    _put(api, review, DEATH)
    board_signed_off.send(
        sender=Report, review=review, report=None, actor=world.user("board_chair")
    )
    stored = NationalRecord.objects.get()
    assert (stored.death_category, stored.maltreatment) == ("extreme_neglect", ["neglect"])
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    read = api.get(_path(review))
    assert read.json()["signed_off"] is True
    change = DEATH | {"death_category": "severe_physical_assault", "maltreatment": ["physical"]}
    errors = _pointers(_put(api, review, change, read["ETag"]))
    assert set(errors) == {"/reason"}
    done = _put(api, review, change | {"reason": "The criminal trial's finding"}, read["ETag"])
    assert done.status_code == 200, done.content
    stored = NationalRecord.objects.get()
    assert (stored.death_category, stored.maltreatment) == ("severe_physical_assault", ["physical"])
    assert AuditEvent.objects.filter(action="national_record.replace").count() == 1
    event = AuditEvent.objects.get(action="coding.correct")
    assert event.detail["after_sign_off"] is True
    assert event.detail["reason"] == "The criminal trial's finding"


# Roles with no grant to a case of the board (national analysts read anonymised records
# only; administrators no case data; experts and independent authors need an appointment).
OUTSIDE_THE_CASE = {
    Role.NATIONAL_ANALYST,
    Role.ADMINISTRATOR,
    Role.INDEPENDENT_EXPERT,
    Role.INDEPENDENT_AUTHOR,
}


@pytest.mark.parametrize("role", Role.values)
def test_who_records_the_coding_is_who_edits_it_on_the_web(world, role):
    review = review_of(world)
    api = api_for(world.user(role))
    read = api.get(_path(review))
    answer = _put(api, review, DEATH)
    web = verified_client(world.user(role)).post(
        reverse("learning:coding", args=[review.pk]), DEATH | {"lock_version": 1}
    )
    if role in (Role.BOARD_MANAGER, Role.PANEL_CHAIR, Role.PANEL_MEMBER):
        assert answer.status_code == 200, role
        assert web.status_code == 302, role
        return
    assert answer.status_code in (403, 404), role
    assert answer["Content-Type"] == PROBLEM
    # The web refuses the same people (the page answers 403 or 404 too).
    assert web.status_code in (403, 404), role
    assert read.status_code == (404 if role in OUTSIDE_THE_CASE else 200), role
    assert not IncidentCoding.objects.exists()
    denial = AuditEvent.objects.filter(action="deny", actor_id=world.user(role).pk).last()
    assert denial is not None and denial.outcome in ("denied", "not_found")


def test_an_appointed_overview_author_records_it_as_on_the_web(world):
    review = review_of(world)
    author = world.user(Role.INDEPENDENT_AUTHOR)
    assert _put(api_for(author), review, DEATH).status_code == 404
    Appointment.objects.create(
        review=review, user=author, role=Role.INDEPENDENT_AUTHOR, appointed_on=date(2026, 3, 11)
    )
    assert _put(api_for(author), review, DEATH).status_code == 200
    assert IncidentCoding.objects.get().recorded_by == author


def test_an_author_of_another_agency_a_read_token_and_no_token_are_refused(world):
    review = review_of(world)
    other_agency = api_for(world.health_author)
    assert other_agency.get(_path(review)).status_code == 404
    assert _put(other_agency, review, DEATH).status_code == 404
    reader = api_for(world.user("board_manager"), scope="read")
    assert reader.get(_path(review)).status_code == 200
    assert _put(reader, review, DEATH).status_code == 403
    anonymous = Api(None)
    assert anonymous.get(_path(review)).status_code == 401
    assert _put(anonymous, review, DEATH).status_code == 401
    assert not IncidentCoding.objects.exists()


def _rec_path(rec) -> str:
    return f"/reviews/{rec.review_id}/recommendations/{rec.pk}"


def _patch(api, rec, body, etag=None):
    headers = {"If-Match": etag} if etag else None
    return api.call("patch", _rec_path(rec), body, headers=headers)


def test_a_recommendations_types_are_read_and_corrected_with_a_reason(world):
    review = review_of(world)
    lesson = lesson_of(world, review)
    rec = recommendation_of(world, review, lessons=[lesson], types=["training"])
    api = api_for(world.user("panel_member"))
    read = api.get(_rec_path(rec))
    assert read.json()["types"] == ["training"]
    body = {"types": ["audit", "training"], "reason": "An audit too"}
    assert _patch(api, rec, body).status_code == 428
    done = _patch(api, rec, body, read["ETag"])
    assert done.status_code == 200, done.content
    # In the vocabulary's order; the recommendation's other fields and links kept.
    assert done.json()["types"] == ["training", "audit"]
    assert done.json()["lessons"] == [str(lesson.pk)]
    assert done.json()["text"] == read.json()["text"]
    event = AuditEvent.objects.get(action="recommendation.correct")
    assert event.detail == {
        "reason": "An audit too",
        "changes": {"types": {"old": ["training"], "new": ["training", "audit"]}},
    }
    stale = _patch(api, rec, {"types": [], "reason": "None"}, read["ETag"])
    assert stale.status_code == 412
    assert Recommendation.objects.get().types == ["training", "audit"]


@pytest.mark.parametrize(
    ("body", "pointer", "words"),
    [
        ({"types": ["training", "made_up"]}, "/types", "made_up is not one"),
        ({"types": ["neglect"]}, "/types", "it is a code of family_risk"),
        ({"types": ["audit", "audit"]}, "/types", "audit is given twice"),
        ({"types": None}, "/types", "send [] for none"),
        ({"types": ["audit"], "reason": ""}, "/reason", "at least 1"),
        ({"types": ["audit"], "text": "Another text"}, "/text", "not permitted"),
    ],
)
def test_a_wrong_type_correction_is_refused_on_its_field(world, body, pointer, words):
    rec = recommendation_of(world, review_of(world), types=["training"])
    api = api_for(world.user("board_manager"))
    etag = api.get(_rec_path(rec))["ETag"]
    errors = _pointers(_patch(api, rec, {"reason": "Corrected"} | body, etag))
    assert pointer in errors and words in errors[pointer], errors
    assert Recommendation.objects.get().types == ["training"]
    assert not AuditEvent.objects.filter(action="recommendation.correct").exists()


def test_who_corrects_the_types_is_who_corrects_a_recommendation_on_the_web(world):
    rec = recommendation_of(world, review_of(world), types=["training"])
    for role, status in (
        (Role.AGENCY_AUTHOR, 403),
        (Role.BOARD_CHAIR, 403),
        (Role.AUDITOR, 403),
        (Role.NATIONAL_ANALYST, 404),
    ):
        api = api_for(world.user(role))
        answer = _patch(api, rec, {"types": ["audit"], "reason": "No"}, '"x"')
        assert answer.status_code == status, role
    assert (
        _patch(api_for(world.health_author), rec, {"types": [], "reason": "No"}).status_code == 404
    )
    assert Recommendation.objects.get().types == ["training"]


def test_types_corrected_after_the_sign_off_replace_the_national_record(world):
    review = review_of(world)
    rec = recommendation_of(world, review, types=["training"])
    board_signed_off.send(
        sender=Report, review=review, report=None, actor=world.user("board_chair")
    )
    assert NationalRecord.objects.get().recommendation_types == ["training"]
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    api = api_for(world.user("panel_chair"))
    etag = api.get(_rec_path(rec))["ETag"]
    body = {"types": ["supervision"], "reason": "Supervision, not training"}
    assert _patch(api, rec, body, etag).status_code == 200
    assert NationalRecord.objects.get().recommendation_types == ["supervision"]
