"""The case's dates keep the date rules (issue 9 item 4; docs/dates.md), through the real
forms and, for callers that bypass them, the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases.models import ClockPause, Decision, Notification, Person, TaskKind
from casereview.cases.services import (
    complete_task,
    create_notification,
    pause_clocks,
    record_decision,
    restart_clocks,
    save_person,
)
from conftest import child_fields, date_fields, decide, notification_fields, recommend

from .helpers import URL, valid_post


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def _parts(name: str, on: date) -> dict:
    return {k: str(v) for k, v in date_fields(name, on).items()}


# --- The notification form --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("date_of_birth", "Date of birth must be today or in the past"),
        ("incident_date", "Date of the incident must be today or in the past"),
        ("date_of_death", "Date of death must be today or in the past"),
    ],
)
def test_the_notification_refuses_a_future_date_at_its_field(world, client_for, field, message):
    response = client_for(world.user("board_manager")).post(
        URL, valid_post(world, **_parts(field, tomorrow()))
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Notification.objects.exists()


def test_the_notification_refuses_an_incident_before_the_birth(world, client_for):
    response = client_for(world.user("board_manager")).post(
        URL, valid_post(world, **_parts("incident_date", date(2024, 5, 1)))
    )
    assert response.context["form"].errors["incident_date"] == [
        "Date of the incident must be on or after the child's date of birth"
    ]
    assert not Notification.objects.exists()


def test_the_notification_refuses_a_death_before_the_incident(world, client_for):
    response = client_for(world.user("board_manager")).post(
        URL, valid_post(world, **_parts("date_of_death", date(2026, 2, 27)))
    )
    assert response.context["form"].errors["date_of_death"] == [
        "Date of death must be on or after the date of the incident (1 March 2026)"
    ]
    assert not Notification.objects.exists()


def test_a_key_date_may_come_before_the_birth_but_not_after_today(world, client_for):
    client = client_for(world.user("board_manager"))
    later = tomorrow().strftime("%d/%m/%Y")
    response = client.post(URL, valid_post(world, key_dates=f"14/02/2026 Seen\n{later} Booked"))
    assert response.context["form"].errors["key_dates"] == [
        "Line 2: Key date must be today or in the past"
    ]
    assert not Notification.objects.exists()
    response = client.post(URL, valid_post(world, key_dates="01/09/2023 Antenatal booking"))
    assert response.status_code == 302
    assert Notification.objects.get().key_dates.get().date == date(2023, 9, 1)


def test_the_service_refuses_what_the_form_refuses(world):
    """A caller that bypasses the form (a command, the demo, an API) gets the same errors."""
    with pytest.raises(ValidationError) as raised:
        create_notification(
            board=world.board,
            actor=world.user("board_manager"),
            context=SYSTEM,
            fields=notification_fields(incident_date=tomorrow(), date_of_death=date(2024, 1, 1)),
            child=child_fields(),
            agencies=[],
            key_dates=[(tomorrow(), "Booked")],
        )
    errors = raised.value.message_dict
    assert errors["incident_date"] == ["Date of the incident must be today or in the past"]
    assert errors["date_of_death"] == [
        "Date of death must be on or after the child's date of birth"
    ]
    assert errors["key_dates"][0].startswith("Key date must be today or in the past")
    assert not Notification.objects.exists()


# --- The people register ----------------------------------------------------------------


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


def test_a_parent_is_born_before_the_child_but_not_in_the_future(world, notification, client_for):
    response = _person(world, notification, client_for, **_parts("date_of_birth", tomorrow()))
    assert response.context["form"].errors["date_of_birth"] == [
        "Date of birth must be today or in the past"
    ]
    response = _person(world, notification, client_for, **_parts("date_of_birth", date(1995, 6, 1)))
    assert response.status_code == 302
    assert notification.people.get(family_name="Testperson").date_of_birth == date(1995, 6, 1)


def test_the_childs_date_of_birth_cannot_move_after_the_incident(world, notification):
    child = notification.child
    child.date_of_birth = date(2026, 3, 2)
    with pytest.raises(ValidationError) as raised:
        save_person(child, actor=world.user("board_manager"), context=SYSTEM, created=False)
    assert raised.value.message_dict["date_of_birth"] == [
        "Date of birth must be on or before the date of the incident (1 March 2026)"
    ]
    assert Person.objects.get(pk=child.pk).date_of_birth == date(2024, 5, 17)


# --- First steps, the decision, the clocks -------------------------------------------------


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (date(2026, 3, 1), "Date it was done must be on or after the notification (2 March 2026)"),
        (None, "Date it was done must be today or in the past"),
    ],
)
def test_a_first_step_is_done_after_the_notification_and_not_in_the_future(
    world, notification, client_for, on, message
):
    task = notification.tasks.get(kind=TaskKind.OTHER_CHILDREN)
    response = client_for(world.user("board_manager")).post(
        reverse("cases:task", args=[notification.pk, task.pk]),
        {**_parts("done_on", on or tomorrow()), "note": "Siblings considered"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["done_on"] == [message]
    task.refresh_from_db()
    assert task.done_on is None and not task.is_done


def test_a_first_step_on_the_day_of_the_notification_is_recorded(world, notification):
    task = notification.tasks.get(kind=TaskKind.OTHER_CHILDREN)
    complete_task(
        task, actor=world.user("board_manager"), context=SYSTEM, done_on=date(2026, 3, 2), note=""
    )
    assert task.done_on == date(2026, 3, 2)


def test_the_decision_follows_the_notification(world, notification, client_for):
    recommend(world, notification)
    client = client_for(world.user("board_chair"))
    response = decide(client, notification, **_parts("decided_on", date(2026, 3, 1)))
    assert response.status_code == 200
    assert response.context["form"].errors["decided_on"] == [
        "Date of the decision must be on or after the notification (2 March 2026)"
    ]
    response = decide(client, notification, **_parts("decided_on", tomorrow()))
    assert response.context["form"].errors["decided_on"] == [
        "Date of the decision must be today or in the past"
    ]
    assert not Decision.objects.exists()
    with pytest.raises(ValidationError):
        record_decision(
            notification,
            actor=world.user("board_chair"),
            context=SYSTEM,
            outcome="hold_review",
            reasons="r",
            dissent="",
            decided_on=date(2026, 3, 1),
        )
    assert not Decision.objects.exists()


def test_a_pause_starts_after_the_notification_and_ends_after_it_starts(world, notification):
    manager = world.user("board_manager")
    for starts_on, message in (
        (date(2026, 3, 1), "on or after the notification (2 March 2026)"),
        (tomorrow(), "must be today or in the past"),
    ):
        with pytest.raises(ValidationError) as raised:
            pause_clocks(
                notification, actor=manager, context=SYSTEM, starts_on=starts_on, reason="Trial"
            )
        assert message in raised.value.message_dict["starts_on"][0]
    assert not ClockPause.objects.exists()
    pause_clocks(
        notification, actor=manager, context=SYSTEM, starts_on=date(2026, 3, 10), reason="Trial"
    )
    for ends_on, message in (
        (date(2026, 3, 9), "The restart date must be on or after the pause began (10 March 2026)"),
        (tomorrow(), "The restart date must be today or in the past"),
    ):
        with pytest.raises(ValidationError) as raised:
            restart_clocks(notification, actor=manager, context=SYSTEM, ends_on=ends_on)
        assert raised.value.message_dict["ends_on"] == [message]
    assert ClockPause.objects.get().ends_on is None
