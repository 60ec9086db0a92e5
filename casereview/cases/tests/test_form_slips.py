"""The forms catch slips: the referrer is prefilled from whoever is signed in, a person's
relationship fits their kind, and a described disability agrees with the answer."""

import pytest
from django.urls import reverse

from casereview.cases.models import Notification
from casereview.cases.tests.helpers import URL, valid_post
from casereview.cases.vocab import RELATIONSHIPS_BY_KIND, PersonKind, Relationship


def test_the_referrer_is_prefilled_from_the_signed_in_user(world, client_for):
    author = world.user("agency_author")  # a member through the police
    author.job_title = "Detective sergeant"
    author.email = "test.author@example.invalid"
    author.save()
    form = client_for(author).get(URL).context["form"]
    assert form["referrer_name"].value() == author.get_full_name()
    assert form["referrer_role"].value() == "Detective sergeant"
    assert form["referrer_contact"].value() == "test.author@example.invalid"
    assert form["referrer_agency"].value() == world.police.pk


def test_a_referrer_of_no_agency_gets_no_agency_prefilled(world, client_for):
    form = client_for(world.user("board_manager")).get(URL).context["form"]
    assert form["referrer_name"].value() == world.user("board_manager").get_full_name()
    assert form["referrer_agency"].value() is None


def test_what_is_posted_wins_over_the_prefill(world, client_for):
    client_for(world.user("board_manager")).post(URL, valid_post(world))
    assert Notification.objects.get().referrer_name == "Dana Test"


def test_a_described_disability_with_the_answer_no_asks_which_is_right(world, client_for):
    response = client_for(world.user("board_manager")).post(
        URL, valid_post(world, disability="no", disability_description="Hearing impairment")
    )
    assert response.status_code == 200
    assert "You described a disability but did not answer yes" in str(
        response.context["form"].errors["disability"]
    )
    assert not Notification.objects.exists()


def _person(world, notification, client_for, **fields):
    data = {
        "kind": "family",
        "given_names": "Sam",
        "family_name": "Testperson",
        "relationship": "mother",
        "sex": "not_known",
        "ethnicity": "NK",
        "preferred_language": "en",
        "disability": "not_known",
        **fields,
    }
    return client_for(world.user("board_manager")).post(
        reverse("cases:person_add", args=[notification.pk]), data
    )


def test_another_child_cannot_be_the_mother(world, notification, client_for):
    response = _person(world, notification, client_for, kind="other_child")
    assert response.status_code == 200
    message = str(response.context["form"].errors["relationship"])
    assert "Mother does not fit other child" in message and "sibling" in message
    assert not notification.people.filter(family_name="Testperson").exists()


@pytest.mark.parametrize("kind", sorted(RELATIONSHIPS_BY_KIND))
def test_each_kind_takes_the_relationships_that_fit_it(world, notification, client_for, kind):
    for relationship in Relationship.values:
        fits = relationship in RELATIONSHIPS_BY_KIND[kind]
        response = _person(world, notification, client_for, kind=kind, relationship=relationship)
        assert (response.status_code == 302) == fits, (kind, relationship)


def test_the_register_offers_no_kind_without_its_relationships():
    assert set(RELATIONSHIPS_BY_KIND) == set(PersonKind.values) - {PersonKind.CHILD}


def test_a_described_disability_without_the_answer_yes_asks_which_is_right(
    world, notification, client_for
):
    response = _person(world, notification, client_for, disability_description="Uses a wheelchair")
    assert response.status_code == 200
    assert "You described a disability" in str(response.context["form"].errors["disability"])
