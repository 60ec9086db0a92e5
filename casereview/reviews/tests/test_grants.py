"""A removed expert loses the review: removing the role ends the appointments it allowed
and the person's sessions, and a grant needs a live membership of the review's board."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from casereview.accounts.models import Membership, Role
from casereview.accounts.permissions import grants_of
from casereview.audit.models import AuditEvent
from casereview.reviews.grants import review_grants
from casereview.reviews.models import Appointment, AppointmentRole, ExpertAdvice
from conftest import date_fields, make_notification, verified_client, with_review

# What the panel shares with an expert until it shares more (the other pages answer 403).
READ = ("detail", "terms", "experts")


@pytest.fixture
def appointed(world):
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police], child={"ethnicity": "B2"}
    )
    review = with_review(notification, world.user("board_chair")).review
    expert = world.user("independent_expert")
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:expert_appoint", args=[review.pk]),
        {
            "expert-user": expert.pk,
            "expert-kind": "race_culture",
            **date_fields("expert-appointed_on", date(2026, 3, 20)),
        },
    )
    assert response.status_code == 302
    return review, expert


def _remove_role(world, expert):
    membership = Membership.objects.get(user=expert, role=Role.INDEPENDENT_EXPERT)
    response = verified_client(world.user("administrator")).post(
        reverse("members:remove", args=[membership.pk])
    )
    assert response.status_code == 302


def _statuses(client, review) -> dict[str, int]:
    urls = {name: reverse(f"reviews:{name}", args=[review.pk]) for name in READ}
    return {name: client.get(url).status_code for name, url in urls.items()}


def _advise(client, review):
    return client.post(
        reverse("reviews:expert_advice_add", args=[review.pk]),
        {
            "about": "Scope",
            "advice": "Consider language.",
            **date_fields("given_on", date(2026, 4, 2)),
        },
    )


def test_the_appointed_expert_reads_the_reviews_pages(world, appointed):
    review, expert = appointed
    assert set(_statuses(verified_client(expert), review).values()) == {200}


def test_removing_the_role_closes_the_open_session(world, appointed):
    review, expert = appointed
    session = verified_client(expert)
    _remove_role(world, expert)
    for name, status in _statuses(session, review).items():
        assert status == 302, name  # signed out: the session is gone
    assert not Session.objects.filter(session_key=session.session.session_key).exists()


def test_a_fresh_sign_in_after_removal_does_not_reach_the_review(world, appointed):
    review, expert = appointed
    _remove_role(world, expert)
    fresh = verified_client(expert)
    assert set(_statuses(fresh, review).values()) == {404}
    response = _advise(fresh, review)
    assert response.status_code == 404
    assert not ExpertAdvice.objects.exists()


def test_removing_the_role_ends_the_appointment_and_keeps_its_record(world, appointed):
    _, expert = appointed
    _remove_role(world, expert)
    appointment = Appointment.objects.get()
    assert appointment.ended_on is not None
    event = AuditEvent.objects.filter(action="membership.delete").get()
    assert event.detail["appointments_ended"] == 1


def test_an_appointment_without_its_role_grants_nothing(world, appointed):
    """Even where the appointment was not ended (a role removed before this rule, or rows
    deleted some other way), the grant query itself asks for the live membership."""
    review, expert = appointed
    Membership.objects.filter(user=expert, role=Role.INDEPENDENT_EXPERT).delete()
    assert Appointment.objects.get().ended_on is None
    assert review_grants(expert) == []
    client = verified_client(expert)
    assert set(_statuses(client, review).values()) == {404}
    assert _advise(client, review).status_code == 404


def test_an_appointment_needs_the_role_in_the_reviews_own_board(world, appointed):
    _, expert = appointed
    Membership.objects.filter(user=expert, role=Role.INDEPENDENT_EXPERT).update(
        board=world.other_board
    )
    assert review_grants(expert) == []


def test_removing_another_role_keeps_the_appointment_but_ends_the_sessions(world, appointed):
    review, expert = appointed
    extra = Membership.objects.create(user=expert, board=world.board, role=Role.AUDITOR)
    session = verified_client(expert)
    verified_client(world.user("administrator")).post(reverse("members:remove", args=[extra.pk]))
    assert Appointment.objects.get().ended_on is None
    detail = reverse("reviews:detail", args=[review.pk])
    assert session.get(detail).status_code == 302
    assert verified_client(expert).get(detail).status_code == 200


def test_an_administrator_removing_a_role_of_their_own_stays_signed_in(world):
    admin = world.user("administrator")
    own = Membership.objects.create(user=admin, board=world.board, role=Role.AUDITOR)
    client = verified_client(admin)
    assert client.post(reverse("members:remove", args=[own.pk])).status_code == 302
    assert client.get(reverse("members:list")).status_code == 200


def test_appointment_roles_are_the_roles_that_allow_them():
    assert set(AppointmentRole.values) <= set(Role.values)


def test_the_grant_is_a_case_grant_of_the_reviews_board(world, appointed):
    review, expert = appointed
    grants = [g for g in grants_of(expert) if g.case_id is not None]
    assert [(g.board_id, g.case_id) for g in grants] == [(world.board.pk, review.notification_id)]
