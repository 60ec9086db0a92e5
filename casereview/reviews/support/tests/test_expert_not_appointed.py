"""Rotherham 19.3 and 19.4 make an independent expert "normal practice": the panel may
record that none is appointed, with reasons, and that explains the departure."""

from datetime import date

from django.urls import reverse

from casereview.procedure.engine import evaluate
from casereview.reviews.models import ExpertNotAppointed
from conftest import date_fields, review_of, status_of, verified_client

from .helpers import events_since, last_event

REASONS = "The panel's vice-chair leads the board's work on race equality and will advise."


def record_no_expert(client, review, kind="race_culture", reasons=REASONS, on=date(2026, 3, 20)):
    return client.post(
        reverse("reviews:expert_not_appointed", args=[review.pk]),
        {
            "noexpert-kind": kind,
            "noexpert-reasons": reasons,
            **date_fields("noexpert-decided_on", on),
        },
    )


def test_reasons_for_no_race_expert_meet_the_obligation_and_are_the_evidence(world):
    review = review_of(world, ethnicity="B2")
    assert status_of(review, "independent_expert_race") in ("due", "overdue")
    client = verified_client(world.user("board_manager"))
    last = last_event()
    response = record_no_expert(client, review)
    assert response.status_code == 302
    assert events_since(last) == ["review.expert_not_appointed"]
    result = next(r for r in evaluate(review) if r.obligation.id == "independent_expert_race")
    assert result.status == "met"
    assert result.evidence.on == date(2026, 3, 20)
    assert result.evidence.label.startswith("Not appointed: The panel's vice-chair leads")
    compliance = client.get(reverse("reviews:compliance", args=[review.pk])).text
    assert "Not appointed: The panel" in compliance
    page = client.get(reverse("reviews:experts", args=[review.pk])).text
    assert "Experts the panel decided not to appoint" in page and "race equality" in page


def test_a_long_reason_is_summarised_on_the_compliance_line(world):
    review = review_of(world, ethnicity="B2")
    long = "The panel considered it at length. " * 10
    record_no_expert(verified_client(world.user("panel_chair")), review, reasons=long)
    row = ExpertNotAppointed.objects.get()
    assert row.reasons == long.strip()
    result = next(r for r in evaluate(review) if r.obligation.id == "independent_expert_race")
    assert result.evidence.label.endswith("…") and len(result.evidence.label) < 100


def test_the_disability_expert_is_explained_separately(world):
    review = review_of(world, disability="yes", disability_description="Cerebral palsy")
    client = verified_client(world.user("board_manager"))
    record_no_expert(client, review, kind="race_culture")
    assert status_of(review, "independent_expert_disability") in ("due", "overdue")
    record_no_expert(client, review, kind="disability")
    assert status_of(review, "independent_expert_disability") == "met"


def test_a_word_or_two_is_not_a_reason(world):
    review = review_of(world, ethnicity="B2")
    response = record_no_expert(
        verified_client(world.user("board_manager")), review, reasons="Not needed"
    )
    assert response.status_code == 200
    assert "a sentence or more" in str(response.context["no_expert_form"].errors["reasons"])
    assert not ExpertNotAppointed.objects.exists()


def test_no_reasons_and_no_kind_are_refused_field_by_field(world):
    review = review_of(world, ethnicity="B2")
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:expert_not_appointed", args=[review.pk]), {}
    )
    errors = response.context["no_expert_form"].errors
    assert set(errors) >= {"kind", "reasons", "decided_on"}


def test_recording_again_replaces_the_reasons(world):
    review = review_of(world, ethnicity="B2")
    client = verified_client(world.user("board_manager"))
    record_no_expert(client, review)
    record_no_expert(client, review, reasons="The family asked that no further person is involved.")
    assert ExpertNotAppointed.objects.get().reasons.startswith("The family asked")


def test_there_is_nothing_to_explain_when_an_expert_is_appointed(world):
    review = review_of(world, ethnicity="B2")
    client = verified_client(world.user("board_manager"))
    client.post(
        reverse("reviews:expert_appoint", args=[review.pk]),
        {
            "expert-user": world.user("independent_expert").pk,
            "expert-kind": "race_culture",
            **date_fields("expert-appointed_on", date(2026, 3, 20)),
        },
    )
    response = record_no_expert(client, review)
    assert response.status_code == 200
    assert "appointed already" in str(response.context["no_expert_form"].errors["kind"])


def test_only_those_who_may_appoint_may_record_it(world):
    review = review_of(world, ethnicity="B2")
    for role in ("independent_expert", "agency_author"):
        response = record_no_expert(verified_client(world.user(role)), review)
        assert response.status_code in (403, 404)
    assert not ExpertNotAppointed.objects.exists()
