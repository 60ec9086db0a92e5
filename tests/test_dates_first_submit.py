"""A form that checks dates is given its case's bounds, so that a date before the
notification is reported on the first submit together with the form's other errors, not
only after the rest is put right and the service runs (docs/dates.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casereview.cases.models import TaskKind
from conftest import date_fields, make_notification, verified_client, with_review

# The test cases are notified on 2 March 2026 (conftest.RECEIVED_AT).
BEFORE_NOTIFICATION = date(2026, 3, 1)
NOTIFIED = "on or after the notification (2 March 2026)"


@pytest.fixture
def notification(world):
    return make_notification(world.board, world.user("board_manager"), agencies=[world.police])


def _both(response, form_name, date_field, other_field):
    assert response.status_code == 200
    errors = response.context[form_name].errors
    assert NOTIFIED in str(errors.get(date_field, "")), errors
    assert other_field in errors, errors


def test_a_first_step_reports_its_date_with_the_missing_note(world, notification):
    task = notification.tasks.get(kind=TaskKind.OTHER_CHILDREN)
    response = verified_client(world.user("board_manager")).post(
        reverse("cases:task", args=[notification.pk, task.pk]),
        {**date_fields("done_on", BEFORE_NOTIFICATION), "note": ""},
    )
    _both(response, "form", "done_on", "note")


def test_a_child_considered_reports_its_date_with_the_other_errors(world, notification):
    task = notification.tasks.get(kind=TaskKind.OTHER_CHILDREN)
    response = verified_client(world.user("board_manager")).post(
        reverse("cases:task", args=[notification.pk, task.pk]),
        {
            "step": "child",
            "child-person": "new",
            "child-assessment": "at_risk",
            "child-note": "",
            "child-action": "referral",
            # Far in the future: refused at the field on the first submit.
            **date_fields("child-action_on", date(2099, 1, 1)),
        },
    )
    errors = response.context["children_form"].errors
    assert "action_on" in errors and "note" in errors and "given_names" in errors


def test_the_decision_reports_its_date_with_the_missing_reasons(world, notification):
    response = verified_client(world.user("board_chair")).post(
        reverse("cases:decision", args=[notification.pk]),
        {"outcome": "hold_review", "reasons": "", **date_fields("decided_on", BEFORE_NOTIFICATION)},
    )
    _both(response, "form", "decided_on", "reasons")


def test_a_pause_reports_its_date_with_the_missing_reason(world, notification):
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:case_pause", args=[notification.pk]),
        {**date_fields("starts_on", BEFORE_NOTIFICATION), "reason": ""},
    )
    _both(response, "pause_form", "starts_on", "reason")


def test_a_family_contact_reports_its_date_with_the_missing_method(world, notification):
    review = with_review(notification, world.user("board_chair")).review
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:family_contact_add", args=[review.pk]),
        {**date_fields("on", BEFORE_NOTIFICATION), "person": "", "interpreter": "no"},
    )
    _both(response, "form", "on", "method")
