"""A correction keeps the date rules of the record it corrects (docs/dates.md): a date that
could not be recorded cannot be corrected into place either. Through the correction
services, which every correction page calls."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases import corrections as case_corrections
from casereview.cases import services as case_services
from casereview.cases.models import Amendment, Person, PersonKind
from casereview.reviews import corrections as review_corrections
from casereview.reviews.models import Appointment, FamilyContact
from conftest import make_notification, review_of

pytestmark = pytest.mark.django_db

BEFORE_NOTIFICATION = date(2026, 3, 1)  # the test cases are notified on 2 March 2026
TOMORROW = timezone.localdate() + timedelta(days=1)


def _refused(field: str, call) -> str:
    with pytest.raises(ValidationError) as raised:
        call()
    assert not Amendment.objects.exists()
    return " ".join(raised.value.message_dict[field])


def test_a_first_step_is_not_corrected_to_before_the_notification(world):
    manager = world.user("board_manager")
    n = make_notification(world.board, manager, agencies=[])
    task = n.tasks.get(kind="other_children")
    case_services.complete_task(
        task, actor=manager, context=SYSTEM, done_on=date(2026, 3, 3), note="None"
    )
    task.refresh_from_db()
    message = _refused(
        "done_on",
        lambda: case_corrections.correct_task(
            task,
            actor=manager,
            context=SYSTEM,
            done_on=BEFORE_NOTIFICATION,
            note="None",
            reason="Typed the wrong day",
        ),
    )
    assert "on or after the notification (2 March 2026)" in message


def test_a_decision_is_not_made_again_in_the_future(world):
    from conftest import decide_in_services

    n = decide_in_services(
        make_notification(world.board, world.user("board_manager")),
        world.user("board_chair"),
        on=date(2026, 3, 10),
    )
    message = _refused(
        "decided_on",
        lambda: case_corrections.redecide(
            n,
            actor=world.user("board_chair"),
            context=SYSTEM,
            outcome="hold_review",
            reasons="r",
            dissent="",
            decided_on=TOMORROW,
            reason="The date was wrong",
        ),
    )
    assert "today or in the past" in message


def test_the_childs_date_of_birth_is_not_corrected_to_after_the_incident(world):
    n = make_notification(world.board, world.user("board_manager"))
    child = n.child
    message = _refused(
        "date_of_birth",
        lambda: case_corrections.correct_person(
            child,
            actor=world.user("board_manager"),
            context=SYSTEM,
            values={"date_of_birth": date(2026, 3, 2)},
            reason="From the health record",
        ),
    )
    assert "on or before the date of the incident" in message
    assert Person.objects.get(pk=child.pk).date_of_birth == date(2024, 5, 17)


def test_the_incident_is_not_corrected_to_before_the_childs_birth(world):
    n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    message = _refused(
        "incident_date",
        lambda: case_corrections.correct_notification(
            n,
            actor=world.user("board_manager"),
            context=SYSTEM,
            fields={"incident_date": date(2023, 1, 1)},
            agencies=[world.police],
            reason="The referrer gave the wrong year",
        ),
    )
    assert "child's date of birth" in message


def test_a_family_contact_is_not_corrected_to_before_the_notification(world):
    review = review_of(world)
    mother = Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Rhian",
        family_name="Testmother",
        relationship="mother",
        parental_responsibility=True,
        preferred_language="en",
    )
    contact = FamilyContact.objects.create(
        review=review,
        person=mother,
        on=date(2026, 3, 20),
        method="letter",
        language="en",
        purposes=["told_of_review"],
    )
    message = _refused(
        "on",
        lambda: review_corrections.correct_contact(
            contact,
            actor=world.user("board_manager"),
            context=SYSTEM,
            values={"on": BEFORE_NOTIFICATION},
            reason="Wrong day",
        ),
    )
    assert "on or after the notification (2 March 2026)" in message


def test_an_appointment_does_not_end_before_it_began(world):
    review = review_of(world)
    appointment = Appointment.objects.create(
        review=review,
        user=world.user("independent_expert"),
        role="independent_expert",
        kind="disability",
        appointed_on=date(2026, 3, 11),
    )
    message = _refused(
        "ended_on",
        lambda: review_corrections.end_appointment(
            appointment,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            ended_on=date(2026, 3, 10),
            reason="Entered in error",
        ),
    )
    assert "on or after the date of appointment (11 March 2026)" in message
