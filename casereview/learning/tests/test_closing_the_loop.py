"""Closing the loop: the referring and involved agencies' leads are told when lessons are
agreed, and the referrer why a case gets no review; no names of the family in the e-mail."""

from django.core import mail as outbox_mail

from casereview.audit.context import SYSTEM
from casereview.learning import services
from casereview.learning.models import LessonCategory
from conftest import decide_in_services, make_notification, with_review

from .helpers import lesson_of


def _with_addresses(*users):
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save()


def test_agreeing_lessons_tells_the_referring_and_involved_agencies(
    world, django_capture_on_commit_callbacks
):
    police_lead, health_lead = world.user("agency_author"), world.health_author
    _with_addresses(police_lead, health_lead)
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police],
        referrer_agency=world.health,
    )
    review = with_review(n, world.user("board_chair")).review
    lesson_of(
        world, review, LessonCategory.DISABILITY, text=f"{n.child.given_names} was not seen alone"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)
    told = {
        address for m in outbox_mail.outbox for address in m.to if "lessons are agreed" in m.subject
    }
    assert told == {police_lead.email, health_lead.email}
    for message in outbox_mail.outbox:
        assert n.child.given_names not in message.body
        assert "Disabled children and parents (Rotherham 19.4): 1" in message.body


def test_a_no_review_decision_tells_the_referrer_why_without_names(
    world, django_capture_on_commit_callbacks
):
    _with_addresses(world.health_author)
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police],
        referrer_agency=world.health,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide_in_services(n, world.user("board_chair"), outcome="no_review")
    [message] = [m for m in outbox_mail.outbox if "decided not to hold" in m.subject]
    assert message.to == [world.health_author.email]
    assert "coroner's inquest" in message.body and n.reference in message.body


def test_when_the_last_change_is_verified_the_agencies_are_told_what_changed(
    world, django_capture_on_commit_callbacks
):
    from casereview.learning.models import ActionStatus

    from .helpers import TODAY, acted_review

    _with_addresses(world.user("agency_author"))
    _, _, action = acted_review(
        world,
        with_review(
            make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
            world.user("board_chair"),
        ).review,
    )
    services.update_action(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        lock_version=0,
        status=ActionStatus.COMPLETED,
        rag="green",
        text="Done",
        on=TODAY,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.verify(
            action,
            actor=world.user("board_manager"),
            context=SYSTEM,
            evidence_kind="data_measure",
            evidence="Re-audit",
            measure_before="60%",
            measure_after="95%",
            verified_on=TODAY,
        )
    [message] = [m for m in outbox_mail.outbox if "What changed" in m.subject]
    assert message.to == [world.user("agency_author").email]
    assert (
        "Every referral is followed up within 5 working days (before 60%, after 95%)"
        in message.body
    )
