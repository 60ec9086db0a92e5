"""Closing the loop: the referring and involved agencies' leads are told when lessons are
agreed, and the referrer why a case gets no review; no names of the family in the e-mail."""

from datetime import date

from django.core import mail as outbox_mail

from casereview.audit.context import SYSTEM
from casereview.cases import corrections
from casereview.cases.models import Decision
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


def _referred_by_health(world):
    _with_addresses(world.health_author)
    return make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police],
        referrer_agency=world.health,
    )


def _decide_again(n, chair, outcome, reasons, on=None):
    return corrections.redecide(
        n,
        actor=chair,
        context=SYSTEM,
        outcome=outcome,
        reasons=reasons,
        dissent="",
        decided_on=on or n.decision.decided_on,
        reason="Looked at again with the inquest's findings",
    )


def _changed(outbox):
    return [m for m in outbox if "changed its decision" in m.subject]


def test_deciding_again_tells_the_referrer_what_the_decision_now_is_without_names(
    world, django_capture_on_commit_callbacks
):
    n = _referred_by_health(world)
    chair = world.user("board_chair")
    with django_capture_on_commit_callbacks(execute=True):
        decide_in_services(n, chair, outcome="no_review")
    n.refresh_from_db()
    reasons = f"{n.child.given_names}'s school records show a learning process will serve better."
    with django_capture_on_commit_callbacks(execute=True):
        _decide_again(n, chair, "other_learning", reasons)
    [message] = _changed(outbox_mail.outbox)
    assert message.to == [world.health_author.email] and n.reference in message.body
    assert "Use another learning process" in message.body
    assert "This replaces its earlier decision: No review" in message.body
    assert "school records show" in message.body
    assert n.child.given_names not in message.body


def test_deciding_again_to_hold_a_review_tells_a_referrer_told_there_would_be_none(
    world, django_capture_on_commit_callbacks
):
    n = _referred_by_health(world)
    chair = world.user("board_chair")
    with django_capture_on_commit_callbacks(execute=True):
        decide_in_services(n, chair, outcome="no_review")
    n.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _decide_again(n, chair, "hold_review", "New facts: the criteria in 19.1 are met.")
    [message] = _changed(outbox_mail.outbox)
    assert "Hold a serious case review" in message.body


def test_a_decision_made_again_unchanged_tells_no_one(world, django_capture_on_commit_callbacks):
    n = _referred_by_health(world)
    chair = world.user("board_chair")
    with django_capture_on_commit_callbacks(execute=True):
        decide_in_services(n, chair, outcome="no_review")
    n.refresh_from_db()
    same = n.decision.reasons
    with django_capture_on_commit_callbacks(execute=True):
        _decide_again(n, chair, "no_review", same)
    assert not _changed(outbox_mail.outbox)


def test_a_decision_to_hold_a_review_made_again_on_another_date_tells_no_one(
    world, django_capture_on_commit_callbacks
):
    n = with_review(_referred_by_health(world), world.user("board_chair"))
    outbox_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide_again(n, world.user("board_chair"), "hold_review", "r", on=date(2026, 3, 12))
    assert Decision.objects.get(notification=n).decided_on == date(2026, 3, 12)
    assert not _changed(outbox_mail.outbox)
