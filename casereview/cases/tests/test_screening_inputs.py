"""Screening inputs make sense (issue 9 item 3), through the real notify form and page."""

from datetime import date

import pytest

from casereview.cases.models import Notification, Person
from casereview.cases.nhs_number import check_digit, is_valid

from .helpers import URL, valid_post


def post(world, client_for, **overrides):
    return client_for(world.user("board_manager")).post(URL, valid_post(world, **overrides))


@pytest.mark.parametrize("letter", ["a", "b", "d"])
def test_an_abuse_criterion_with_no_abuse_is_refused_on_the_criteria_field(
    world, client_for, letter
):
    response = post(world, client_for, abuse_neglect="not", considerations=[letter])
    assert response.status_code == 200
    assert f"Rotherham 19.1 ({letter}), which is abuse or neglect" in response.text
    assert 'href="#id_considerations' in response.text
    assert not Notification.objects.exists()


def test_killed_by_a_parent_with_serious_harm_is_refused(world, client_for):
    response = post(
        world,
        client_for,
        outcome="serious_harm",
        considerations=["d"],
        date_of_death_day="",
        date_of_death_month="",
        date_of_death_year="",
    )
    assert "which means the child died" in response.text
    assert not Notification.objects.exists()


def test_killed_by_a_parent_with_a_death_is_a_must_shown_on_the_case(world, client_for):
    response = post(world, client_for, considerations=["d"], abuse_neglect="known")
    notification = Notification.objects.get()
    page = client_for(world.user("board_manager")).get(response["Location"]).text
    assert "The criteria say: A serious case review is required" in page
    assert "Rotherham 19.1 (d)" in page
    assert notification.consider_killed_by_mentally_ill_parent


def test_a_death_in_custody_is_recorded_and_shown_and_needs_an_answer(world, client_for):
    assert (
        "Select whether the child died in custody"
        in post(world, client_for, death_in_custody="").text
    )
    response = post(world, client_for, death_in_custody="yes", looked_after="yes")
    notification = Notification.objects.get()
    assert notification.death_in_custody and notification.child.looked_after
    client = client_for(world.user("board_manager"))
    page = client.get(response["Location"]).text
    assert "Died in custody or detention" in page
    screening = client.get(f"/notifications/{notification.pk}/screening/").text
    assert 'id="screened-facts"' in screening and "Died in custody or detention" in screening


def test_a_death_in_custody_with_serious_harm_is_refused(world, client_for):
    response = post(
        world,
        client_for,
        outcome="serious_harm",
        considerations=[],
        death_in_custody="yes",
        date_of_death_day="",
        date_of_death_month="",
        date_of_death_year="",
    )
    assert "A death in custody or detention is recorded only when the child died" in (response.text)


def test_the_child_must_be_under_18_at_the_incident(world, client_for):
    response = post(world, client_for, date_of_birth_year="2008", date_of_birth_month="2")
    assert "18 or over on the date of the incident" in response.text
    assert not Notification.objects.exists()
    # The day before the 18th birthday is still a child's.
    response = post(
        world,
        client_for,
        date_of_birth_day="2",
        date_of_birth_month="3",
        date_of_birth_year="2008",
    )
    assert response.status_code == 302


def test_an_unborn_child_and_a_pre_birth_incident_can_be_recorded(world, client_for):
    response = post(
        world,
        client_for,
        outcome="serious_harm",
        considerations=["a"],
        date_of_death_day="",
        date_of_death_month="",
        date_of_death_year="",
        date_of_birth_day="",
        date_of_birth_month="",
        date_of_birth_year="",
        unborn="on",
        expected_date_of_birth_day="20",
        expected_date_of_birth_month="6",
        expected_date_of_birth_year="2026",
    )
    assert response.status_code == 302, response.text
    child = Person.objects.get()
    assert child.unborn and child.date_of_birth is None
    assert child.expected_date_of_birth == date(2026, 6, 20)
    page = client_for(world.user("board_manager")).get(response["Location"]).text
    assert "Unborn, expected 20 Jun 2026" in page


def test_an_unborn_child_needs_an_expected_date_after_the_incident(world, client_for):
    common = {
        "date_of_birth_day": "",
        "date_of_birth_month": "",
        "date_of_birth_year": "",
        "unborn": "on",
    }
    assert "Enter the expected date of birth" in post(world, client_for, **common).text
    text = post(
        world,
        client_for,
        **common,
        expected_date_of_birth_day="1",
        expected_date_of_birth_month="1",
        expected_date_of_birth_year="2026",
    ).text
    assert "must be after the date of the incident" in text
    missing = post(
        world, client_for, date_of_birth_day="", date_of_birth_month="", date_of_birth_year=""
    )
    assert "or tick that the child was not yet born" in missing.text


def test_nhs_numbers_are_checked_by_their_check_digit_and_stored_as_digits(world, client_for):
    assert "Enter a valid NHS number" in post(world, client_for, nhs_number="943 476 5918").text
    assert post(world, client_for, nhs_number="943 476 5919").status_code == 302
    assert Person.objects.get().nhs_number == "9434765919"


def test_the_check_digit():
    assert check_digit("943476591") == 9 and is_valid("9434765919")
    assert not is_valid("943476591") and not is_valid("94347659１9")


def child_edit(world, notification, client_for, **fields):
    from django.urls import reverse

    child = notification.child
    url = reverse("cases:person_edit", args=[notification.pk, child.pk])
    data = {
        "given_names": child.given_names,
        "family_name": child.family_name,
        "sex": "female",
        "ethnicity": "W1",
        "preferred_language": "en",
        "disability": "no",
        "plan": "none",
        "reason": "Corrected from the health record",
        **fields,
    }
    return client_for(world.user("board_manager")).post(url, data)


def test_the_childs_entry_takes_an_nhs_number_and_the_unborn_rules(world, notification, client_for):
    response = child_edit(world, notification, client_for, nhs_number="943-476-5919")
    assert response.status_code == 302
    assert notification.child.nhs_number == "9434765919"
    bad = child_edit(world, notification, client_for, nhs_number="1234567890")
    assert "Enter a valid NHS number" in bad.text
    unborn = child_edit(
        world,
        notification,
        client_for,
        unborn="on",
        date_of_birth_day="17",
        date_of_birth_month="5",
        date_of_birth_year="2024",
    )
    assert "leave the date of birth empty" in unborn.text
    adult = child_edit(
        world,
        notification,
        client_for,
        date_of_birth_day="1",
        date_of_birth_month="1",
        date_of_birth_year="2000",
    )
    assert "18 or over on the date of the incident" in adult.text


def test_a_wt2018_board_has_no_criteria_to_tick_and_screens_for_the_panel(world, client_for):
    from casereview.accounts.models import Board

    Board.objects.filter(pk=world.board.pk).update(default_regime="wt2018")
    client = client_for(world.user("board_manager"))
    assert 'name="considerations"' not in client.get(URL).text
    response = client.post(URL, valid_post(world, considerations=[]))
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "Notify the national Panel and hold a rapid review" in page
    assert "Working Together 2018" in page
