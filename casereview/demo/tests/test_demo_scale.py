"""The demo scale of `casereview seed`: its boards, logins, people and cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.cases.models import (
    Decision,
    DecisionOutcome,
    Notification,
    NotificationStatus,
    PanelRecommendation,
    Person,
    Task,
)
from casereview.cases.references import review_reference
from casereview.cases.screening import screen_notification
from casereview.cases.vocab import MINORITY_ETHNIC, Ethnicity, Language, PersonKind
from casereview.demo import generator
from casereview.demo.boards import DEMO_PASSWORD, DEMO_USERS, SECOND_BOARD_USERS
from casereview.demo.tests.fictional import FICTIONAL_POSTCODE, postcodes_in
from casereview.reviews.models import Review


@pytest.mark.django_db
def test_demo_has_every_role_agency_kind_and_documented_login(demo):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for slug in ("eastbrook", "westmoor"):
        kinds = set(Agency.objects.filter(board__slug=slug).values_list("kind", flat=True))
        assert kinds == set(AgencyKind.values), slug

    expected = {username: role for username, role, *_ in DEMO_USERS}
    for username, role in expected.items():
        membership = Membership.objects.select_related("board", "agency").get(
            user__username=username
        )
        assert membership.role == role
        assert membership.board.slug == "eastbrook"
        assert membership.user.get_full_name() and membership.user.job_title
    assert Membership.objects.get(user__username="police.author").agency.kind == "police"
    assert Membership.objects.get(user__username="health.author").agency.kind == "health_provider"
    westmoor = Membership.objects.get(user__username="westmoor.manager")
    assert (westmoor.board.slug, westmoor.role) == ("westmoor", Role.BOARD_MANAGER)

    manager = User.objects.get(username="manager")
    assert check_password(DEMO_PASSWORD, manager.password)
    # One hash for everybody: hashed once.
    assert User.objects.values("password").distinct().count() == 1
    assert TOTPDevice.objects.filter(confirmed=True).count() == User.objects.count()
    assert not Membership.objects.filter(role=Role.AGENCY_AUTHOR, agency__isnull=True).exists()

    assert Board.objects.get(slug="eastbrook").default_regime == "rotherham_wt2006"
    assert [login[0] for login in demo.logins] == [
        *(u[0] for u in DEMO_USERS),
        *(u[0] for u in SECOND_BOARD_USERS),
    ]


@pytest.mark.django_db
def test_demo_people_are_diverse(demo):
    children = Person.objects.filter(kind=PersonKind.CHILD)
    assert children.filter(ethnicity__in=MINORITY_ETHNIC).exists()
    assert Person.objects.filter(disability="yes").exclude(disability_description="").exists()
    assert children.filter(looked_after=True).exists()
    assert Person.objects.exclude(preferred_language=Language.ENGLISH).exists()
    assert Person.objects.filter(interpreter_needed=True).exists()
    assert children.filter(plan="cpp").exists() and children.filter(plan="cin").exists()
    assert len(set(children.values_list("ethnicity", flat=True))) >= 5
    # Every person's ethnicity and language is in the vocabularies.
    assert set(Person.objects.values_list("ethnicity", flat=True)) <= set(Ethnicity.values)
    assert set(Person.objects.values_list("preferred_language", flat=True)) <= set(Language.values)


@pytest.mark.django_db
def test_demo_cases_follow_the_rules(demo):
    eastbrook = Board.objects.get(slug="eastbrook")
    assert Notification.objects.filter(board=eastbrook).count() == 40
    assert Notification.objects.filter(board__slug="westmoor").count() == 10
    assert Review.objects.filter(board=eastbrook).count() == 15
    statuses = set(Notification.objects.values_list("status", flat=True))
    assert statuses == set(NotificationStatus.values)

    now = timezone.now()
    for n in Notification.objects.prefetch_related("people"):
        assert sum(p.kind == PersonKind.CHILD for p in n.people.all()) == 1
        # Received within 72 hours of the incident, in the last three years.
        assert n.received_at <= now
        assert (n.received_at.date() - n.incident_date).days <= 3
        assert n.incident_date >= (now - timedelta(days=3 * 366)).date()
        assert n.reference.startswith(
            f"{n.board.reference_prefix}-N{timezone.localdate(n.received_at).year}-"
        )
    for rec in PanelRecommendation.objects.select_related("notification"):
        assert rec.criteria_result == screen_notification(rec.notification).recommendation
        assert rec.recorded_at >= rec.notification.received_at
    for decision in Decision.objects.select_related("notification__panel_recommendation"):
        assert decision.recorded_at >= decision.notification.panel_recommendation.recorded_at
        if decision.notification.panel_recommendation.criteria_result == "review_required":
            # Unless the chair confirmed a departure (demo/showcase.py).
            assert decision.outcome == DecisionOutcome.HOLD_REVIEW or decision.departs_from
    for review in Review.objects.select_related("decision", "board", "notification"):
        assert review.decision.outcome == DecisionOutcome.HOLD_REVIEW
        assert review.regime == review.board.default_regime
        assert review.reference == review_reference(review.notification.reference)
        assert review.opened_at == review.decision.recorded_at
    # Cross-boundary cases name the other seeded board.
    notes = Notification.objects.exclude(cross_boundary_note="")
    assert notes.exists()
    names = set(Board.objects.values_list("name", flat=True))
    for n in notes.select_related("board"):
        assert any(name in n.cross_boundary_note for name in names - {n.board.name})
    assert Task.objects.filter(completed_at__isnull=False).exists()


@pytest.mark.django_db
def test_every_address_and_contact_is_fictional(demo):
    for text in Person.objects.values_list("address", flat=True):
        found = postcodes_in(text)
        assert found, text
        assert all(FICTIONAL_POSTCODE.match(code) for code in found), text
    for contact in Notification.objects.values_list("referrer_contact", flat=True):
        assert "01632 960" in contact and contact.endswith(".example")
    for text in Person.objects.exclude(contact_details="").values_list(
        "contact_details", flat=True
    ):
        assert not postcodes_in(text)
        assert text.startswith("07700 900") or not any(c.isdigit() for c in text)
    assert all(e.endswith(".example") for e in User.objects.values_list("email", flat=True))


def _names_for(seed: int) -> list[str]:
    """Generate a small demo inside a transaction that is rolled back afterwards."""
    with transaction.atomic():
        generator.generate_demo(seed=seed, notifications=(6, 3), reviews=(2, 1))
        names = sorted(
            f"{p.given_names} {p.family_name} {p.date_of_birth:%m-%d}" for p in Person.objects.all()
        )
        transaction.set_rollback(True)
    return names


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people():
    first = _names_for(7)
    assert first == _names_for(7)
    assert first != _names_for(8)
