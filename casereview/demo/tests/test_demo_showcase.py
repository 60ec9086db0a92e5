"""The demonstration's decision against a required review, and its unborn child."""

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.cases.models import Decision, DecisionOutcome, Person, PersonKind
from casereview.cases.screening import screen_notification
from conftest import verified_client


@pytest.mark.django_db
def test_the_demo_has_a_decision_against_a_required_review_shown_on_its_pages(demo):
    decision = Decision.objects.exclude(departs_from="").select_related("notification__board")
    assert decision.count() == 1
    decision = decision.get()
    n = decision.notification
    assert n.board.slug == "eastbrook"
    assert decision.outcome == DecisionOutcome.OTHER_LEARNING
    assert screen_notification(n).recommendation == "review_required"
    assert decision.criteria_result == "review_required"
    assert "Rotherham 19.1" in decision.departs_from
    assert "domestic homicide review" in decision.reasons
    assert "killed" in n.circumstances and n.outcome == "death"
    assert not hasattr(n, "review") or n.review is None
    manager = User.objects.get(username="manager")
    client = verified_client(manager)
    dashboard = client.get(reverse("dashboard")).text
    assert "Against the criteria" in dashboard and n.reference in dashboard
    detail = client.get(reverse("cases:detail", args=[n.pk])).text
    assert 'id="departure"' in detail and "Against a required review" in detail


@pytest.mark.django_db
def test_the_demo_has_a_notification_about_an_unborn_child(demo):
    child = Person.objects.select_related("notification__board").get(
        kind=PersonKind.CHILD, unborn=True
    )
    n = child.notification
    assert n.board.slug == "eastbrook"
    assert child.date_of_birth is None
    assert child.expected_date_of_birth > n.incident_date
    assert child.disability == "not_known"
    assert "pregnant" in n.circumstances and n.outcome == "serious_harm"
    assert not hasattr(n, "decision")
    mother = n.people.get(relationship="mother")
    assert "refuge" in mother.contact_details
    page = verified_client(User.objects.get(username="manager")).get(
        reverse("cases:detail", args=[n.pk])
    )
    assert "Unborn, expected" in page.text
