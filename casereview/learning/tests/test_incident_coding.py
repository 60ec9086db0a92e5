"""The review's coding for the national record (learning/coding.py), through the real
pages: the incident coding on the learning section's coding page, the recommendation types
on the recommendation forms. Codes outside the vocabulary, a death category on a non-fatal
incident and harm types on a death are refused on their field; after the board's sign-off a
change needs a reason and its audit event keeps the old and new values."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import Notification
from casereview.learning import coding, corrections
from casereview.learning.models import IncidentCoding, Recommendation
from casereview.reviews.models import Review
from conftest import date_fields, review_of

from .helpers import MADE_ON, recommendation_of


def _url(review):
    return reverse("learning:coding", args=[review.pk])


def _errors(response) -> dict:
    return response.context["form"].errors


def _serious_harm(review):
    Notification.objects.filter(pk=review.notification_id).update(outcome="serious_harm")
    return Review.objects.get(pk=review.pk)


def _signed_off(review):
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    return Review.objects.get(pk=review.pk)


def test_the_panel_records_a_deaths_coding_and_everyone_of_the_section_reads_it(world, client_for):
    review = review_of(world)
    manager = client_for(world.user("board_manager"))
    page = manager.get(_url(review))
    assert page.status_code == 200 and "Record the coding" in page.text
    response = manager.post(
        _url(review),
        {
            "death_category": "extreme_neglect",
            "maltreatment": ["neglect", "emotional"],
            "lock_version": 0,
        },
    )
    assert response.status_code == 302
    saved = IncidentCoding.objects.get(review=review)
    assert saved.death_category == "extreme_neglect"
    # Kept in the vocabulary's order, whatever order they came in.
    assert saved.maltreatment == ["emotional", "neglect"] and saved.harm_types == []
    event = AuditEvent.objects.get(action="coding.record")
    assert event.detail["changes"]["death_category"] == {"old": "", "new": "extreme_neglect"}
    # An agency author reads the learning section: the coding, with no form.
    author = client_for(world.user("agency_author")).get(_url(review))
    assert author.status_code == 200
    assert "3. Extreme neglect or deprivational abuse" in author.text
    assert "Emotional abuse; Neglect" in author.text and author.context["form"] is None


def test_a_death_category_on_serious_harm_is_refused_on_its_field_citing_the_vocabulary(
    world, client_for
):
    review = _serious_harm(review_of(world))
    manager = client_for(world.user("board_manager"))
    response = manager.post(_url(review), {"death_category": "suicide", "harm_types": ["sexual"]})
    assert response.status_code == 200
    assert "national vocabulary 2026.1, incident" in _errors(response)["death_category"][0]
    assert "harm_types" not in _errors(response)
    assert not IncidentCoding.objects.exists()
    ok = manager.post(_url(review), {"harm_types": ["sexual", "physical"]})
    assert ok.status_code == 302
    assert IncidentCoding.objects.get().harm_types == ["physical", "sexual"]


def test_harm_types_on_a_death_are_refused_on_their_field(world, client_for):
    review = review_of(world)
    response = client_for(world.user("panel_chair")).post(
        _url(review), {"death_category": "suicide", "harm_types": ["physical"]}
    )
    assert response.status_code == 200
    assert "national vocabulary 2026.1, incident" in _errors(response)["harm_types"][0]
    assert not IncidentCoding.objects.exists()


def test_a_code_outside_the_vocabulary_is_refused(world, client_for):
    review = review_of(world)
    response = client_for(world.user("board_manager")).post(
        _url(review), {"maltreatment": ["neglect", "made_up"]}
    )
    assert response.status_code == 200 and "maltreatment" in _errors(response)
    with pytest.raises(ValidationError) as refused:
        coding.record_coding(
            review,
            actor=world.user("board_manager"),
            context=SYSTEM,
            death_category="sudden_death",
            maltreatment=["neglect"],
        )
    assert set(refused.value.message_dict) == {"death_category"}
    with pytest.raises(ValidationError) as refused:
        recommendation_of(world, review, types=["training", "more_training"])
    assert "more_training" in refused.value.message_dict["types"][0]
    assert not IncidentCoding.objects.exists() and not Recommendation.objects.exists()


def test_a_stale_form_gets_409_and_keeps_the_users_choices(world, client_for):
    """Also for the first recording: someone else recorded one since the page was read."""
    review = review_of(world)
    chair = world.user("panel_chair")
    manager = client_for(world.user("board_manager"))
    coding.record_coding(review, actor=chair, context=SYSTEM, maltreatment=["neglect"])
    first = manager.post(_url(review), {"maltreatment": ["online"], "lock_version": 0})
    assert first.status_code == 409
    coding.record_coding(review, actor=chair, context=SYSTEM, maltreatment=["physical"])
    response = manager.post(_url(review), {"maltreatment": ["online"], "lock_version": 1})
    assert response.status_code == 409
    assert IncidentCoding.objects.get().maltreatment == ["physical"]
    assert response.context["form"].data["lock_version"] == "2"
    assert response.context["form"]["maltreatment"].value() == ["online"]


def test_after_the_sign_off_a_correction_needs_a_reason_and_keeps_old_and_new(world, client_for):
    review = review_of(world)
    manager = client_for(world.user("board_manager"))
    coding.record_coding(
        review,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        death_category="accident",
        maltreatment=["neglect"],
    )
    review = _signed_off(review)
    page = manager.get(_url(review))
    assert "a correction needs a reason" in page.text
    body = {"death_category": "extreme_neglect", "maltreatment": ["neglect"], "lock_version": 0}
    refused = manager.post(_url(review), body)
    assert refused.status_code == 200 and "reason" in _errors(refused)
    assert IncidentCoding.objects.get().death_category == "accident"
    done = manager.post(_url(review), body | {"reason": "The inquest's finding", "lock_version": 1})
    assert done.status_code == 302
    event = AuditEvent.objects.get(action="coding.correct")
    assert event.detail == {
        "changes": {"death_category": {"old": "accident", "new": "extreme_neglect"}},
        "after_sign_off": True,
        "reason": "The inquest's finding",
    }


def test_recommendation_types_are_recorded_shown_corrected_and_audited(world, client_for):
    review = review_of(world)
    manager = client_for(world.user("board_manager"))
    response = manager.post(
        reverse("learning:recommendation_add", args=[review.pk]),
        {
            "text": "Train health visitors in assessing neglect",
            "level": "board",
            "kind": "smart",
            "types": ["training", "practice_tool"],
            **date_fields("made_on", MADE_ON),
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.types == ["training", "practice_tool"]
    listed = manager.get(reverse("learning:recommendations", args=[review.pk]))
    assert "Training" in listed.text and "Practice tool" in listed.text
    csv = manager.get(reverse("learning:recommendations", args=[review.pk]), {"format": "csv"})
    assert "Training; Practice tool" in csv.content.decode()
    corrections.correct_recommendation(
        rec,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        lock_version=rec.lock_version,
        reason="Audit, not a tool",
        text=rec.text,
        level=rec.level,
        kind=rec.kind,
        made_on=rec.made_on,
        types=["audit", "training"],
    )
    rec.refresh_from_db()
    assert rec.types == ["training", "audit"]
    event = AuditEvent.objects.get(action="recommendation.correct")
    assert event.detail["changes"]["types"] == {
        "old": ["training", "practice_tool"],
        "new": ["training", "audit"],
    }
    form = manager.get(reverse("learning:recommendation_correct", args=[review.pk, rec.pk]))
    assert form.context["form"]["types"].value() == ["training", "audit"]
