"""A decision against a "review required" screening needs a confirmation and substantive
reasons, shows the clause it departs from, and stays visible (issue 9 item 6)."""

from django.urls import reverse

from casereview.cases.decision_guard import MIN_CHARACTERS
from casereview.cases.models import Decision
from casereview.procedure.engine import evaluate
from conftest import DEPARTURE_REASONS, decide, recommend


def chair(world, client_for):
    return client_for(world.user("board_chair"))


def test_the_decision_page_shows_the_clause_a_departure_would_leave(
    world, notification, client_for
):
    recommend(world, notification)
    page = chair(world, client_for).get(reverse("cases:decision", args=[notification.pk])).text
    assert 'id="required-review"' in page and "Rotherham 19.1" in page
    assert "id_confirm_departure" in page


def test_no_review_without_confirmation_or_with_thin_reasons_is_refused(
    world, notification, client_for
):
    recommend(world, notification)
    client = chair(world, client_for)
    response = decide(
        client, notification, outcome="no_review", reasons="Not needed.", confirm_departure=""
    )
    assert "Confirm that the decision departs from Rotherham 19.1" in response.text
    assert f"{MIN_CHARACTERS} characters" in response.text
    assert not Decision.objects.exists()
    copied = "A child dies and abuse or neglect are known or suspected to be a factor in the death"
    response = decide(client, notification, outcome="other_learning", reasons=copied)
    assert "own reasons" in response.text
    assert not Decision.objects.exists()


def test_a_confirmed_substantive_departure_is_kept_and_shown(world, notification, client_for):
    recommend(world, notification)
    client = chair(world, client_for)
    response = decide(client, notification, outcome="other_learning")
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.departs_from == "Rotherham 19.1"
    assert decision.reasons == DEPARTURE_REASONS
    detail = client.get(reverse("cases:detail", args=[notification.pk])).text
    assert 'id="departure"' in detail and "Against a required review" in detail
    dashboard = client_for(world.user("board_manager")).get(reverse("dashboard")).text
    assert 'id="departures"' in dashboard and notification.reference in dashboard
    made = next(r for r in evaluate(notification) if r.obligation.id == "decision_made")
    assert made.evidence.label == (
        "Decided: Use another learning process (against the criteria: Rotherham 19.1)"
    )


def test_holding_the_review_needs_no_confirmation(world, notification, client_for):
    recommend(world, notification)
    assert decide(chair(world, client_for), notification).status_code == 302
    assert Decision.objects.get().departs_from == ""


def test_a_case_to_consider_can_be_decided_against_without_confirmation(world, client_for):
    from conftest import make_notification

    n = make_notification(
        world.board,
        world.user("board_manager"),
        outcome="serious_harm",
        date_of_death=None,
        abuse_neglect="not",
        consider_interagency_concerns=True,
    )
    recommend(world, n)
    page = chair(world, client_for).get(reverse("cases:decision", args=[n.pk])).text
    assert "id_confirm_departure" not in page
    response = decide(chair(world, client_for), n, outcome="no_review", reasons="Short.")
    assert response.status_code == 302
    assert Decision.objects.get().departs_from == ""


def test_the_first_decision_form_of_a_decided_case_sends_the_chair_to_decide_again(
    world, notification, client_for
):
    # The walk of session 24: the chair's home linked an overdue "hold a review" of a case
    # decided long ago to the empty first-decision form, refused only once filled in.
    recommend(world, notification)
    client = chair(world, client_for)
    assert decide(client, notification, outcome="other_learning").status_code == 302
    response = client.get(reverse("cases:decision", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:decision_again", args=[notification.pk])
    assert client.get(response["Location"]).status_code == 200
    # Still refused, not redirected, for those who may not decide.
    member = client_for(world.user("panel_member"))
    assert member.get(reverse("cases:decision", args=[notification.pk])).status_code == 403
