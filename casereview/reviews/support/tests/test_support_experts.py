from datetime import date

from django.urls import reverse

from casereview.reviews.models import Appointment, ExpertAdvice, PanelDecision
from conftest import date_fields, review_of, status_of, verified_client

from .helpers import events_since, last_event


def appoint_expert(client, review, user, kind="race_culture", on=date(2026, 3, 20)):
    return client.post(
        reverse("reviews:expert_appoint", args=[review.pk]),
        {"expert-user": user.pk, "expert-kind": kind, **date_fields("expert-appointed_on", on)},
    )


def test_appointing_a_race_expert_for_a_bme_child_meets_the_obligation(world):
    review = review_of(world, ethnicity="B2")
    assert status_of(review, "independent_expert_race") in ("due", "overdue")
    client = verified_client(world.user("board_manager"))
    last = last_event()
    response = appoint_expert(client, review, world.user("independent_expert"))
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.role, appointment.kind) == ("independent_expert", "race_culture")
    assert events_since(last) == ["review.appoint"]
    assert status_of(review, "independent_expert_race") == "met"
    page = client.get(reverse("reviews:experts", args=[review.pk])).text
    assert "Race and culture (Rotherham 19.3)" in page


def test_the_appointed_expert_reaches_that_review_only(world):
    review = review_of(world, ethnicity="B2")
    other = review_of(world)
    expert = world.user("independent_expert")
    client = verified_client(expert)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 404
    appoint_expert(verified_client(world.user("board_manager")), review, expert)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    assert client.get(reverse("reviews:experts", args=[review.pk])).status_code == 200
    assert client.get(reverse("reviews:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:experts", args=[other.pk])).status_code == 404


def test_the_overview_author_is_appointed_without_a_kind(world):
    review = review_of(world)
    client = verified_client(world.user("panel_chair"))
    response = client.post(
        reverse("reviews:author_appoint", args=[review.pk]),
        {
            "author-user": world.user("independent_author").pk,
            **date_fields("author-appointed_on", date(2026, 3, 20)),
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.role, appointment.kind) == ("independent_author", "")
    author = verified_client(world.user("independent_author"))
    assert author.get(reverse("reviews:detail", args=[review.pk])).status_code == 200


def test_only_members_holding_the_role_can_be_appointed(world):
    review = review_of(world)
    response = appoint_expert(
        verified_client(world.user("board_manager")), review, world.user("panel_member")
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Appointment.objects.exists()


def test_an_expert_without_a_kind_or_date_is_refused_field_by_field(world):
    review = review_of(world)
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:expert_appoint", args=[review.pk]),
        {"expert-user": world.user("independent_expert").pk},
    )
    assert response.status_code == 200
    assert "Select what the expert advises on" in response.text
    assert "Enter appointed on" in response.text
    assert "govuk-error-summary" in response.text
    assert not Appointment.objects.exists()


def test_readers_cannot_appoint(world):
    review = review_of(world)
    for role in ("panel_member", "board_chair", "auditor", "agency_author"):
        response = appoint_expert(
            verified_client(world.user(role)), review, world.user("independent_expert")
        )
        assert response.status_code == 403, role
    assert not Appointment.objects.exists()


def test_the_expert_gives_advice_and_the_panel_records_it_considered_it(world):
    review = review_of(world, ethnicity="B2")
    expert = world.user("independent_expert")
    appoint_expert(verified_client(world.user("board_manager")), review, expert)
    client = verified_client(expert)
    add = reverse("reviews:expert_advice_add", args=[review.pk])
    assert client.get(add).status_code == 200
    last = last_event()
    response = client.post(
        add,
        {
            "about": "Health agency report",
            "advice": "Consider language.",
            **date_fields("given_on", date(2026, 4, 2)),
        },
    )
    assert response.status_code == 302
    assert events_since(last) == ["expert.advise"]
    item = ExpertAdvice.objects.get()
    assert item.appointment.user == expert and item.considered_by is None

    considered = reverse("reviews:expert_advice_considered", args=[review.pk, item.pk])
    assert client.post(considered, {}).status_code == 403  # the expert does not decide
    panel = verified_client(world.user("panel_member"))
    assert panel.get(considered).status_code == 200
    last = last_event()
    response = panel.post(
        considered,
        {"text": "Accepted; added to the terms.", **date_fields("held_on", date(2026, 4, 9))},
    )
    assert response.status_code == 302
    assert events_since(last) == ["expert.advice_considered"]
    item.refresh_from_db()
    decision = PanelDecision.objects.get()
    assert item.considered_by == decision and decision.kind == "expert_advice"
    assert decision.meeting.held_on == date(2026, 4, 9)
    page = panel.get(reverse("reviews:experts", args=[review.pk])).text
    assert "Considered at the meeting of 9 Apr 2026" in page


def test_advice_needs_its_fields(world):
    review = review_of(world)
    expert = world.user("independent_expert")
    appoint_expert(verified_client(world.user("board_manager")), review, expert)
    response = verified_client(expert).post(
        reverse("reviews:expert_advice_add", args=[review.pk]), {"about": "", "advice": ""}
    )
    assert response.status_code == 200
    assert "Enter your advice" in response.text
    assert not ExpertAdvice.objects.exists()


def test_only_the_appointed_expert_gives_advice(world):
    review = review_of(world)
    url = reverse("reviews:expert_advice_add", args=[review.pk])
    for role in ("board_manager", "panel_chair"):
        assert verified_client(world.user(role)).get(url).status_code == 403
    # An expert of the board who is not appointed to this review does not see it.
    assert verified_client(world.user("independent_expert")).get(url).status_code == 404


def test_advice_considered_twice_is_refused(world):
    review = review_of(world)
    expert = world.user("independent_expert")
    appoint_expert(verified_client(world.user("board_manager")), review, expert)
    verified_client(expert).post(
        reverse("reviews:expert_advice_add", args=[review.pk]),
        {"about": "Scope", "advice": "A.", **date_fields("given_on", date(2026, 4, 2))},
    )
    item = ExpertAdvice.objects.get()
    url = reverse("reviews:expert_advice_considered", args=[review.pk, item.pk])
    manager = verified_client(world.user("board_manager"))
    data = {"text": "Noted.", **date_fields("held_on", date(2026, 4, 9))}
    assert manager.post(url, data).status_code == 302
    assert manager.post(url, data).status_code == 200
    assert PanelDecision.objects.count() == 1
