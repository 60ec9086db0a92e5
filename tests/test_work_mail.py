"""E-mails at the moments that start someone's work: once per event, to the right people
(agency authors of the agency concerned only), after the change commits, and never with a
name of the child or the family."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail as outbox
from django.utils import timezone

from casereview.accounts.models import EmailSent, Role
from casereview.audit.context import SYSTEM
from casereview.cases.models import Person
from conftest import chronology_entry, decide_in_services, make_notification, review_of

CHILD = {"given_names": "Zephyrine", "family_name": "Quartermaine"}


@pytest.fixture
def addressed(world):
    for role, user in world.users.items():
        user.email = f"{role}@example.org"
        user.save(update_fields=["email"])
    world.health_author.email = "health_author@example.org"
    world.health_author.save(update_fields=["email"])
    world.outsider.email = "outsider@example.org"
    world.outsider.save(update_fields=["email"])
    return world


def sent_to(kind=None) -> list[str]:
    return sorted(a for m in outbox.outbox for a in m.to)


def assert_no_names():
    for m in outbox.outbox:
        text = (m.subject + m.body).lower()
        assert "zephyrine" not in text and "quartermaine" not in text


def test_the_chair_is_told_once_when_the_panel_recommends(
    addressed, django_capture_on_commit_callbacks
):
    world = addressed
    n = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police], child=CHILD
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide_in_services(n, world.user("board_chair"), recommender=world.user("panel_chair"))
    assert sent_to() == ["board_chair@example.org"]
    message = outbox.outbox[0]
    assert n.reference in message.subject and f"/notifications/{n.pk}/decision/" in message.body
    assert_no_names()
    row = EmailSent.objects.get()
    assert (row.kind, row.recipient, row.reference) == (
        "decision_awaited",
        world.user("board_chair"),
        n.reference,
    )


def test_a_rolled_back_change_tells_nobody(addressed, django_capture_on_commit_callbacks):
    from django.db import transaction

    from casereview.cases.services import record_panel_recommendation

    world = addressed
    n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        record_panel_recommendation(
            n,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            recommendation="review_required",
            reasons="r",
        )
        raise RuntimeError
    assert outbox.outbox == [] and not EmailSent.objects.exists()


def test_report_request_submit_and_return_tell_the_right_people(
    addressed, django_capture_on_commit_callbacks
):
    from casereview.reviews.reports import services

    world = addressed
    review = review_of(world, agencies=[world.police, world.health], **CHILD)
    Person.objects.filter(notification=review.notification).update(aliases="Zeph")
    manager, due = world.user("board_manager"), timezone.localdate() + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            review, actor=manager, context=SYSTEM, agency=world.police, due_on=due
        )
    # The police author only: not the health author, nobody of the other board.
    assert sent_to() == ["agency_author@example.org"]
    body = outbox.outbox[0].body
    assert review.reference in body and f"/reports/{report.pk}/" in body
    assert f"/reviews/{review.pk}/terms/" in body and f"{due.day} {due:%B %Y}" in body

    outbox.outbox.clear()
    author = world.user("agency_author")
    chronology_entry(review, world.police, author)
    # Every section is needed to submit (IMR standard format 2010), and an entry in the
    # agency's chronology.
    fields = {name: "Written" for name in services.REQUIRED_TO_SUBMIT} | {
        "records_secured_on": timezone.localdate(),
        "senior_sign_off_name": "A Senior",
        "senior_sign_off_role": "Superintendent",
        "signed_off_on": timezone.localdate(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(
            report, actor=author, context=SYSTEM, fields=fields, lock_version=report.lock_version
        )
    assert sent_to() == ["panel_chair@example.org"]

    outbox.outbox.clear()
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_report(
            report,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            decision="return",
            reasons="Say more about Zephyrine's contact with QUARTERMAINE and zeph's school.",
        )
    assert sent_to() == ["agency_author@example.org"]
    assert (
        "Say more about [name]'s contact with [name] and [name]'s school." in outbox.outbox[0].body
    )
    assert_no_names()
    assert list(EmailSent.objects.order_by("sent_at").values_list("kind", flat=True)) == [
        "report_requested",
        "report_submitted",
        "report_returned",
    ]


def test_accepting_a_report_tells_nobody(addressed, django_capture_on_commit_callbacks):
    from casereview.reviews.models import AgencyReport
    from casereview.reviews.reports import services

    world = addressed
    review = review_of(world)
    report = AgencyReport.objects.create(
        review=review,
        agency=world.police,
        requested_on=date(2026, 3, 1),
        due_on=date(2026, 4, 1),
        status="submitted",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_report(
            report, actor=world.user("panel_chair"), context=SYSTEM, decision="accept", reasons=""
        )
    assert outbox.outbox == []


def test_an_appointed_expert_is_told_their_advice_is_due(
    addressed, django_capture_on_commit_callbacks
):
    from casereview.accounts.models import Membership
    from casereview.reviews.support.services import appoint

    world = addressed
    review = review_of(world, **CHILD)
    other_expert = Membership.objects.create(
        user=world.health_author, board=world.board, role=Role.INDEPENDENT_EXPERT
    )
    assert other_expert
    with django_capture_on_commit_callbacks(execute=True):
        appoint(
            review,
            actor=world.user("board_manager"),
            context=SYSTEM,
            user=world.user("independent_expert"),
            role="independent_expert",
            kind="race_culture",
            appointed_on=timezone.localdate(),
        )
        appoint(
            review,
            actor=world.user("board_manager"),
            context=SYSTEM,
            user=world.user("independent_author"),
            role="independent_author",
            appointed_on=timezone.localdate(),
        )
    assert sent_to() == ["independent_expert@example.org"]
    assert f"/reviews/{review.pk}/experts/" in outbox.outbox[0].body
    assert_no_names()


def test_nobody_without_an_address_or_disabled_is_mailed(
    addressed, django_capture_on_commit_callbacks
):
    world = addressed
    chair = world.user("board_chair")
    chair.is_active = False
    chair.save(update_fields=["is_active"])
    n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    from casereview.cases.services import record_panel_recommendation

    with django_capture_on_commit_callbacks(execute=True):
        record_panel_recommendation(
            n,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            recommendation="review_required",
            reasons="r",
        )
    assert outbox.outbox == [] and not EmailSent.objects.exists()


def test_the_synthetic_data_generator_tells_nobody(addressed, django_capture_on_commit_callbacks):
    from casereview.accounts import mail

    world = addressed
    n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    with django_capture_on_commit_callbacks(execute=True), mail.silenced():
        decide_in_services(n, world.user("board_chair"), recommender=world.user("panel_chair"))
    assert outbox.outbox == [] and not EmailSent.objects.exists()
