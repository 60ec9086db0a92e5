"""Every review form that takes a date refuses, at the field, a date before the notification
and a date in the future, and saves nothing (issue 9 item 4; docs/dates.md). Each form is
posted through its real view with the valid body of the access matrix, one date changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Membership
from casereview.accounts.permissions import can
from casereview.accounts.roles import Role
from casereview.audit.models import AuditEvent
from casereview.cases.models import ClockPause
from casereview.reviews.models import AgencyReport, Appointment, Review
from conftest import make_notification, make_user, with_review
from tests.matrix import ON, ROUTES, body_for, csrf_token, day, item_of, kwargs_for, signed_in

# The test cases are notified on 2 March 2026 (conftest.RECEIVED_AT).
BEFORE_NOTIFICATION = date(2026, 3, 1)
NOTIFIED = "on or after the notification (2 March 2026)"

# (URL name, the date field as the form posts it): each must follow the notification.
AFTER_NOTIFICATION = [
    ("reviews:pause", "starts_on"),
    ("reviews:restart", "ends_on"),
    ("reviews:panel_member_add", "joined_on"),
    ("reviews:meeting_add", "held_on"),
    ("reviews:terms_agree", "agreed_on"),
    ("reviews:report", "records_secured_on"),
    ("reviews:report", "signed_off_on"),
    ("reviews:report_submit", "signed_off_on"),
    ("reviews:expert_appoint", "expert-appointed_on"),
    ("reviews:author_appoint", "author-appointed_on"),
    ("reviews:expert_advice_add", "given_on"),
    ("reviews:expert_advice_considered", "held_on"),
    ("reviews:child_involvement", "recorded_on"),
    ("reviews:family_contact_add", "on"),
    ("reviews:professional_add", "support_offered_on"),
    ("reviews:professional_add", "debriefed_on"),
    ("reviews:professional_add", "feedback_on"),
    ("reviews:notification_add", "sent_on"),
    ("learning:recommendation_add", "made_on"),
    ("learning:recommendation_respond", "r1-responded_on"),
    ("publication:sign_panel", "signed_on"),
    ("publication:sign_board", "signed_on"),
]
# Dates that need not follow the notification but are never in the future.
NOT_FUTURE_ONLY = [
    ("reviews:parallel_add", "started_on"),
    ("reviews:parallel_add", "concluded_on"),
    ("chronology:entry_add", "occurred_from"),
    ("chronology:entry_edit", "occurred_from"),
    # Progress and verification follow the recommendation (learning/dates.py).
    ("learning:action", "on"),
    ("learning:action_verify", "verified_on"),
]


@pytest.fixture
def review(world):
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    review = with_review(notification, world.user("board_chair")).review
    for role in (Role.INDEPENDENT_EXPERT, Role.INDEPENDENT_AUTHOR):
        Appointment.objects.create(
            review=review,
            user=world.user(role),
            role=role,
            kind="race_culture" if role == Role.INDEPENDENT_EXPERT else "",
            appointed_on=ON,
        )
    for username, role in (
        ("expert_not_appointed", Role.INDEPENDENT_EXPERT),
        ("author_not_appointed", Role.INDEPENDENT_AUTHOR),
    ):
        Membership.objects.create(user=make_user(username), board=world.board, role=role)
    return review


# Changes a body needs besides its date: a debriefing before the notification is tried with
# no support offered (else the form names the support offered first).
NO_SUPPORT = {"support_taken_up": "no", **dict.fromkeys(day("support_offered_on", ON), "")}
ALSO = {
    ("reviews:professional_add", "debriefed_on"): NO_SUPPORT,
    ("reviews:professional_add", "feedback_on"): NO_SUPPORT,
}


def _post(world, review, name: str, changes: dict):
    """POST the URL's valid body with `changes`, as the first user the table allows."""
    notification = review.notification
    kwargs = kwargs_for(name, notification, world)
    review = Review.objects.get(pk=review.pk)
    item = item_of(name, review, kwargs)
    if name in ("reviews:report", "reviews:report_submit"):
        AgencyReport.objects.filter(pk=item.pk).update(status="draft")
        item.refresh_from_db()
    if name == "reviews:restart":
        ClockPause.objects.create(
            board=review.board,
            notification=notification,
            starts_on=date(2026, 3, 15),
            reason="Criminal proceedings",
            recorded_by=world.user("board_manager"),
        )
    rule = ROUTES[name]["post"]
    target = item if rule.on_item else review
    candidates = [world.user(r) for r in Role.values] + [world.health_author]
    user = next(
        u for u in candidates if all(any(can(u, a, target) for a in g) for g in rule.groups)
    )
    client = signed_in(user)
    url = reverse(name, kwargs=kwargs)
    page = url if "get" in ROUTES[name] else reverse("reviews:detail", args=[review.pk])
    data = {"csrfmiddlewaretoken": csrf_token(client, page)}
    data.update(body_for(name, review, world, item))
    data.update(changes)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(url, data)
    written = list(
        AuditEvent.objects.filter(pk__gt=last)
        .exclude(action__in=("deny", "read"))
        .values_list("action", flat=True)
    )
    return response, written


def _refused_at_field(response, written, field: str, message: str) -> None:
    assert response.status_code == 200, response.status_code
    text = response.text
    assert message in text
    # Shown at the field (its error message), linked from the summary.
    assert f'id="id_{field}-error"' in text
    assert f'href="#id_{field}_day"' in text
    # Nothing was written (reading the page writes no audit event).
    assert written == []


def test_every_dated_review_form_is_tried():
    dated = {name for name, _ in AFTER_NOTIFICATION + NOT_FUTURE_ONLY}
    assert dated >= {
        "reviews:pause",
        "reviews:restart",
        "reviews:panel_member_add",
        "reviews:meeting_add",
        "reviews:terms_agree",
        "reviews:report",
        "reviews:expert_appoint",
        "reviews:expert_advice_add",
        "reviews:family_contact_add",
        "reviews:professional_add",
        "reviews:notification_add",
        "reviews:parallel_add",
    }


@pytest.mark.parametrize(("name", "field"), AFTER_NOTIFICATION)
def test_a_date_before_the_notification_is_refused_at_its_field(world, review, name, field):
    changes = {**ALSO.get((name, field), {}), **day(field, BEFORE_NOTIFICATION)}
    response, written = _post(world, review, name, changes)
    _refused_at_field(response, written, field, NOTIFIED)


@pytest.mark.parametrize(("name", "field"), AFTER_NOTIFICATION + NOT_FUTURE_ONLY)
def test_a_date_in_the_future_is_refused_at_its_field(world, review, name, field):
    future = timezone.localdate() + timedelta(days=30)
    response, written = _post(world, review, name, day(field, future))
    _refused_at_field(response, written, field, "must be today or in the past")


def test_a_parallel_process_may_begin_before_the_notification_but_not_before_the_birth(
    world, review
):
    response, written = _post(
        world, review, "reviews:parallel_add", day("started_on", date(2024, 5, 1))
    )
    _refused_at_field(
        response,
        written,
        "started_on",
        "The date it began must be on or after the child&#x27;s date of birth",
    )
    response, written = _post(
        world, review, "reviews:parallel_add", day("started_on", BEFORE_NOTIFICATION)
    )
    assert response.status_code == 302 and written == ["parallel.create"]


def test_advice_is_not_given_before_the_expert_was_appointed(world, review):
    response, written = _post(
        world, review, "reviews:expert_advice_add", day("given_on", date(2026, 3, 10))
    )
    _refused_at_field(
        response, written, "given_on", "on or after the expert&#x27;s appointment (20 March 2026)"
    )


def test_the_period_under_review_may_start_in_pregnancy_and_ends_after_it_starts(world, review):
    # The child was born on 17 May 2024: a period from the pregnancy is accepted.
    response, written = _post(
        world, review, "reviews:terms_new", day("period_start", date(2023, 9, 1))
    )
    assert response.status_code == 302 and written == ["terms.draft"]
    response, written = _post(
        world,
        review,
        "reviews:terms_new",
        {**day("period_start", date(2026, 3, 1)), **day("period_end", date(2026, 3, 1))},
    )
    _refused_at_field(
        response, written, "period_end", "The end of the period must be after its start"
    )
    future = timezone.localdate() + timedelta(days=1)
    response, written = _post(world, review, "reviews:terms_new", day("period_end", future))
    _refused_at_field(response, written, "period_end", "must be today or in the past")
    # The end of the period is not before the birth.
    response, written = _post(
        world,
        review,
        "reviews:terms_new",
        {**day("period_start", date(2023, 9, 1)), **day("period_end", date(2024, 1, 1))},
    )
    _refused_at_field(response, written, "period_end", "date of birth")


def test_a_draft_report_keeps_the_same_date_rules_as_a_submitted_one(world, review):
    """Saving a draft (reviews:report) checks what submitting does: both refuse the dates."""
    for name in ("reviews:report", "reviews:report_submit"):
        response, written = _post(
            world, review, name, day("signed_off_on", timezone.localdate() + timedelta(days=3))
        )
        _refused_at_field(response, written, "signed_off_on", "must be today or in the past")


def test_a_report_asked_for_in_the_terms_falls_due_after_the_notification(world, review):
    police = world.police.pk
    response, written = _post(
        world,
        review,
        "reviews:terms_new",
        {f"report_{police}": "on", **day(f"due_{police}", BEFORE_NOTIFICATION)},
    )
    _refused_at_field(
        response,
        written,
        f"due_{police}",
        "Eastbrook Police: report due by must be on or after the notification (2 March 2026)",
    )
    later = timezone.localdate() + timedelta(days=30)
    response, written = _post(
        world,
        review,
        "reviews:terms_new",
        {f"report_{police}": "on", **day(f"due_{police}", later)},
    )
    assert response.status_code == 302 and written == ["terms.draft"]
