"""The learning services: dates, reasons, locking, verification with evidence, and who may
update an action."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from casereview.accounts.permissions import can
from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.learning import corrections, services
from casereview.learning.models import Action, ActionStatus, Lesson, Rag
from casereview.learning.rag import suggest
from casereview.reviews import lifecycle
from casereview.reviews.models import Review, ReviewStatus
from conftest import review_of

from .helpers import TODAY, acted_review, action_of, lesson_of, recommendation_of


def _update(world, action, lock_version, text, status=ActionStatus.IN_PROGRESS):
    return services.update_action(
        action,
        actor=world.user("agency_author"),
        context=SYSTEM,
        lock_version=lock_version,
        status=status,
        rag=Rag.AMBER,
        text=text,
        on=TODAY,
    )


def test_two_concurrent_updates_one_wins_the_other_is_a_conflict(world):
    _, _, action = acted_review(world, review_of(world))
    first = Action.objects.get(pk=action.pk)
    second = Action.objects.get(pk=action.pk)
    _update(world, first, 0, "Audit started")
    with pytest.raises(services.Conflict):
        _update(world, second, 0, "Audit planned", status=ActionStatus.COMPLETED)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.lock_version == 1
    assert [u.text for u in action.updates.all()] == ["Audit started"]


def test_a_change_cannot_be_verified_without_evidence(world):
    _, _, action = acted_review(world, review_of(world))
    _update(world, action, 0, "Done", status=ActionStatus.COMPLETED)
    with pytest.raises(ValidationError) as refused:
        services.verify(
            action,
            actor=world.user("board_manager"),
            context=SYSTEM,
            evidence_kind="audit",
            evidence="  ",
            verified_on=TODAY,
        )
    assert "evidence" in refused.value.message_dict
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETED and action.verified_on is None
    services.verify(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        evidence_kind="data_measure",
        evidence="Re-audit of 50 referrals in October",
        measure_before="62%",
        measure_after="94%",
        verified_on=TODAY,
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.VERIFIED and action.verified_on == TODAY
    assert action.rag == Rag.GREEN
    assert AuditEvent.objects.filter(action="action.verify").count() == 1


def test_only_a_completed_action_is_verified(world):
    _, _, action = acted_review(world, review_of(world))
    with pytest.raises(ValidationError, match="completed"):
        services.verify(
            action,
            actor=world.user("board_manager"),
            context=SYSTEM,
            evidence_kind="audit",
            evidence="An audit",
            verified_on=TODAY,
        )


def test_agency_leads_update_only_their_own_agencys_actions(world):
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    police = action_of(world, rec, world.police)
    health = action_of(world, rec, world.health)
    police_lead, health_lead = world.user("agency_author"), world.health_author
    assert can(police_lead, "action.update", police)
    assert not can(police_lead, "action.update", health)
    assert can(health_lead, "action.update", health)
    assert not can(health_lead, "action.update", police)
    assert not can(police_lead, "action.verify", police)
    assert can(world.user("board_manager"), "action.update", health)
    seen = Action.objects.visible_to(police_lead, "section.learning")
    assert list(seen) == [police]


def test_dates_target_not_before_the_recommendation_and_progress_not_in_the_future(world):
    review = review_of(world)
    rec = recommendation_of(world, review)
    with pytest.raises(ValidationError) as refused:
        action_of(world, rec, target_date=rec.made_on - timedelta(days=1))
    # A new action's target is today at the earliest, and so after the recommendation too
    # (a correction's bound by the recommendation: test_learning_corrections.py).
    assert "today or in the future" in refused.value.message_dict["target_date"][0]
    action = action_of(world, rec)
    with pytest.raises(ValidationError) as refused:
        services.update_action(
            action,
            actor=world.user("board_manager"),
            context=SYSTEM,
            lock_version=0,
            status=ActionStatus.IN_PROGRESS,
            rag="",
            text="Started",
            on=TODAY + timedelta(days=1),
        )
    assert "today or in the past" in refused.value.message_dict["on"][0]


def test_an_action_is_never_overdue_the_day_it_is_set(world):
    # The walk of session 24: an action recorded today with a target date of last month was
    # saved, and showed as overdue the moment it was set.
    review = review_of(world)
    rec = recommendation_of(world, review)
    with pytest.raises(ValidationError) as refused:
        action_of(world, rec, target_date=TODAY - timedelta(days=1))
    assert refused.value.message_dict["target_date"] == [
        "Target date must be today or in the future"
    ]
    assert not Action.objects.filter(review=review).exists()
    assert action_of(world, rec, target_date=TODAY).target_date == TODAY


def test_a_corrected_target_date_stays_on_or_after_the_day_the_action_was_set(world):
    review = review_of(world)
    rec = recommendation_of(world, review)
    action = action_of(world, rec, target_date=TODAY + timedelta(days=30))
    set_on = TODAY - timedelta(days=20)
    Action.objects.filter(pk=action.pk).update(created_at=action.created_at - timedelta(days=20))
    action.refresh_from_db()

    def correct(target_date):
        return corrections.correct_action(
            action,
            actor=world.user("board_manager"),
            context=SYSTEM,
            lock_version=action.lock_version,
            reason="The target date was typed wrongly",
            owner_agency=action.owner_agency,
            owner=action.owner,
            description=action.description,
            expected_change=action.expected_change,
            measure=action.measure,
            evidence_required=action.evidence_required,
            target_date=target_date,
        )

    with pytest.raises(ValidationError) as refused:
        correct(set_on - timedelta(days=1))
    assert "on or after the day the action was set" in refused.value.message_dict["target_date"][0]
    # A target already passed is a fact a correction may record: the day it was set bounds it.
    assert correct(set_on).target_date == set_on


def test_a_lesson_is_withdrawn_with_a_reason_and_kept(world):
    lesson = lesson_of(world, review_of(world))
    with pytest.raises(ValidationError):
        services.withdraw_lesson(lesson, actor=world.user("panel_chair"), context=SYSTEM, reason="")
    services.withdraw_lesson(
        lesson, actor=world.user("panel_chair"), context=SYSTEM, reason="Entered twice"
    )
    kept = Lesson.objects.get(pk=lesson.pk)
    assert kept.withdrawn_at and kept.withdrawn_reason == "Entered twice"


def test_the_board_response_needs_reasons_unless_accepted(world):
    rec = recommendation_of(world, review_of(world))
    with pytest.raises(ValidationError) as refused:
        services.respond(
            rec,
            actor=world.user("board_chair"),
            context=SYSTEM,
            kind="in_part",
            reasons="",
            responded_on=TODAY,
        )
    assert "reasons" in refused.value.message_dict
    response = services.respond(
        rec,
        actor=world.user("board_chair"),
        context=SYSTEM,
        kind="accepted",
        reasons="",
        responded_on=TODAY,
    )
    assert response.kind == "accepted"


def test_theme_tags_come_from_the_national_vocabulary_with_their_evidence(world):
    lesson = lesson_of(world, review_of(world), text="Nobody asked the child what life was like")
    with pytest.raises(ValidationError):
        services.tag_lesson(
            lesson,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            code="made_up",
            span_start=0,
            span_end=5,
        )
    tag = services.tag_lesson(
        lesson,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        code="voice_of_child",
        span_start=0,
        span_end=len(lesson.text),
        confidence=0.8,
    )
    assert tag.assigned_by == world.user("panel_chair") and tag.confirmed


def test_the_rag_rule_suggests_and_a_person_sets(world):
    assert suggest(ActionStatus.COMPLETED, TODAY - timedelta(days=5), TODAY) == Rag.GREEN
    assert suggest(ActionStatus.IN_PROGRESS, TODAY - timedelta(days=1), TODAY) == Rag.RED
    assert suggest(ActionStatus.NOT_STARTED, TODAY + timedelta(days=10), TODAY) == Rag.RED
    assert suggest(ActionStatus.IN_PROGRESS, TODAY + timedelta(days=10), TODAY) == Rag.AMBER


def _monitored(world):
    review = review_of(world)
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    Review.objects.filter(pk=review.pk).update(status=ReviewStatus.MONITORING)
    review.refresh_from_db()
    return review, rec


def _close(world, review):
    return lifecycle.move(
        review,
        to=ReviewStatus.CLOSED,
        actor=world.user("board_manager"),
        context=SYSTEM,
        reason="Every action in the plan completed and evidenced",
        by_hand=True,
    )


def test_a_review_is_not_closed_while_an_action_awaits_its_verified_change(world):
    # The walk of session 24: a review closed "every action completed and evidenced" still had
    # an action not started, overdue on its agency's home page.
    review, rec = _monitored(world)
    action = action_of(world, rec)
    reasons = lifecycle.blockers(review, ReviewStatus.CLOSED, by_hand=True)
    assert len(reasons) == 1 and "Rotherham 19.2" in reasons[0]
    assert "Eastbrook Police" in reasons[0]
    with pytest.raises(ValidationError):
        _close(world, review)
    review.refresh_from_db()
    assert review.status == ReviewStatus.MONITORING
    for status in (ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED):
        action.refresh_from_db()
        services.update_action(
            action,
            actor=world.user("board_manager"),
            context=SYSTEM,
            lock_version=action.lock_version,
            status=status,
            rag="green",
            text="Done",
            on=TODAY,
        )
    # Completed is not yet the change verified with evidence of its impact.
    assert lifecycle.blockers(review, ReviewStatus.CLOSED, by_hand=True)
    action.refresh_from_db()
    services.verify(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        evidence_kind="audit",
        evidence="The re-audit",
        verified_on=TODAY,
    )
    assert lifecycle.blockers(review, ReviewStatus.CLOSED, by_hand=True) == []
    assert _close(world, review).to_status == ReviewStatus.CLOSED


def test_an_action_withdrawn_in_error_does_not_hold_the_review_open(world):
    review, rec = _monitored(world)
    action = action_of(world, rec)
    corrections.withdraw_action(
        action, actor=world.user("board_manager"), context=SYSTEM, reason="Entered twice"
    )
    assert lifecycle.blockers(review, ReviewStatus.CLOSED, by_hand=True) == []
