"""Correcting what was entered wrongly, through the real pages: recommendations and actions
corrected with a reason (optimistic locking) or withdrawn with a reason, the board's response
corrected with a reason, progress updates and verifications withdrawn with a reason. Every
wrong entry is refused with a field-level message; withdrawn rows are kept and leave the
lists and the 19.2 obligations."""

from datetime import timedelta

from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.learning import services
from casereview.learning.models import (
    Action,
    ActionStatus,
    BoardResponse,
    ProgressUpdate,
    Recommendation,
    Verification,
)
from casereview.procedure.registry import CHECKS
from conftest import date_fields, review_of

from .helpers import MADE_ON, TODAY, acted_review, action_of, lesson_of, recommendation_of


def _action_body(action, **overrides):
    return {
        "owner_agency": action.owner_agency_id,
        "owner": action.owner,
        "description": action.description,
        "expected_change": action.expected_change,
        "measure": action.measure,
        "evidence_required": action.evidence_required,
        **date_fields("target_date", action.target_date),
        "reason": "The owner was recorded wrongly",
        "lock_version": action.lock_version,
    } | overrides


def _rec_body(rec, **overrides):
    return {
        "text": rec.text,
        "level": rec.level,
        "kind": rec.kind,
        **date_fields("made_on", rec.made_on),
        "reason": "A typing error",
        "lock_version": rec.lock_version,
    } | overrides


def _errors(response) -> dict:
    return response.context["form"].errors


def test_an_action_is_corrected_with_a_reason_and_the_old_values_kept(world, client_for):
    _, _, action = acted_review(world, review_of(world))
    url = reverse("learning:action_correct", args=[action.review_id, action.pk])
    manager = client_for(world.user("board_manager"))
    assert manager.get(url).status_code == 200
    no_reason = manager.post(url, _action_body(action, reason=""))
    assert no_reason.status_code == 200 and "reason" in _errors(no_reason)
    too_early = manager.post(
        url, _action_body(action, **date_fields("target_date", MADE_ON - timedelta(days=1)))
    )
    assert "target_date" in _errors(too_early)
    assert "recommendation" in _errors(too_early)["target_date"][0]
    done = manager.post(url, _action_body(action, owner="Head of safeguarding"))
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.owner == "Head of safeguarding" and action.lock_version == 1
    event = AuditEvent.objects.get(action="action.correct")
    assert event.detail["reason"] == "The owner was recorded wrongly"
    assert event.detail["changes"]["owner"]["old"] == "Detective Chief Inspector, public protection"


def test_a_stale_action_correction_is_a_conflict_that_loses_nothing(world, client_for):
    _, _, action = acted_review(world, review_of(world))
    url = reverse("learning:action_correct", args=[action.review_id, action.pk])
    stale = _action_body(action, description="My careful new wording")
    manager = client_for(world.user("board_manager"))
    assert manager.post(url, _action_body(action, owner="Someone else")).status_code == 302
    response = manager.post(url, stale)
    assert response.status_code == 409
    assert "Someone else changed this action" in response.text
    assert "My careful new wording" in response.text
    action.refresh_from_db()
    assert action.description == "Audit 50 referrals a quarter"
    assert f'name="lock_version" value="{action.lock_version}"' in response.text


def test_a_recommendation_is_corrected_and_a_stale_form_conflicts(world, client_for):
    review = review_of(world)
    rec = recommendation_of(world, review)
    url = reverse("learning:recommendation_correct", args=[review.pk, rec.pk])
    chair = client_for(world.user("panel_chair"))
    future = chair.post(url, _rec_body(rec, **date_fields("made_on", TODAY + timedelta(days=3))))
    assert "made_on" in _errors(future)
    stale = _rec_body(rec, text="Mine")
    assert chair.post(url, _rec_body(rec, text="Audit every referral")).status_code == 302
    conflict = chair.post(url, stale)
    assert conflict.status_code == 409 and "Mine" in conflict.text
    assert Recommendation.objects.get(pk=rec.pk).text == "Audit every referral"
    assert AuditEvent.objects.get(action="recommendation.correct").detail["changes"]["text"] == {
        "old": "Audit how referrals are followed up",
        "new": "Audit every referral",
    }


def test_a_withdrawn_action_leaves_the_lists_and_the_obligations(world, client_for):
    review = review_of(world)
    _, _, action = acted_review(world, review)
    services.agree_lessons(review, actor=world.user("panel_chair"), context=SYSTEM)
    met = CHECKS["lessons_have_actions_and_change"].fn
    assert review.notification_id in met([review.notification])
    url = reverse("learning:action_withdraw", args=[review.pk, action.pk])
    manager = client_for(world.user("board_manager"))
    refused = manager.post(url, {"reason": ""})
    assert refused.status_code == 200 and "reason" in _errors(refused)
    assert manager.post(url, {"reason": "Entered twice"}).status_code == 302
    kept = Action.objects.get(pk=action.pk)
    assert kept.withdrawn_at and kept.withdrawn_reason == "Entered twice"
    assert review.notification_id not in met([review.notification])
    page = manager.get(reverse("learning:actions", args=[review.pk])).text
    assert str(action.pk) not in page
    tracker = manager.get(reverse("learning:tracker", args=[review.board_id])).text
    assert "0 actions<" in tracker
    # Withdrawn already: refused, with a message.
    again = manager.post(url, {"reason": "Again"})
    assert again.status_code == 200 and "already withdrawn" in again.text


def test_a_recommendation_with_live_actions_is_not_withdrawn(world, client_for):
    review = review_of(world)
    _, rec, action = acted_review(world, review)
    url = reverse("learning:recommendation_withdraw", args=[review.pk, rec.pk])
    chair = client_for(world.user("panel_chair"))
    refused = chair.post(url, {"reason": "Entered in error"})
    assert "Withdraw this recommendation's actions first" in _errors(refused)["reason"][0]
    client_for(world.user("board_manager")).post(
        reverse("learning:action_withdraw", args=[review.pk, action.pk]), {"reason": "Error"}
    )
    assert chair.post(url, {"reason": "Entered in error"}).status_code == 302
    assert Recommendation.objects.get(pk=rec.pk).withdrawn_reason == "Entered in error"
    page = chair.get(reverse("learning:recommendations", args=[review.pk])).text
    assert 'id="recommendation-1"' not in page


def test_the_boards_response_is_corrected_only_with_a_reason(world, client_for):
    review = review_of(world)
    rec = recommendation_of(world, review)
    services.respond(
        rec,
        actor=world.user("board_chair"),
        context=SYSTEM,
        kind="accepted",
        reasons="",
        responded_on=TODAY,
    )
    chair = client_for(world.user("board_chair"))
    # Responding again is refused: a correction gives its reason.
    again = chair.post(
        reverse("learning:recommendation_respond", args=[review.pk, rec.pk]),
        {"r1-kind": "not_accepted", "r1-reasons": "Cost", **date_fields("r1-responded_on", TODAY)},
    )
    assert "correct its response" in again.text
    url = reverse("learning:response_correct", args=[review.pk, rec.pk])
    body = {"kind": "not_accepted", "reasons": "", **date_fields("responded_on", TODAY)}
    no_reason = chair.post(url, body)
    assert set(_errors(no_reason)) >= {"reason"}
    no_reasons = chair.post(url, body | {"reason": "Minuted wrongly"})
    assert "reasons" in _errors(no_reasons)
    done = chair.post(url, body | {"reasons": "Cost", "reason": "Minuted wrongly"})
    assert done.status_code == 302
    assert BoardResponse.objects.get(recommendation=rec).kind == "not_accepted"
    event = AuditEvent.objects.get(action="recommendation.response_correct")
    assert event.detail["changes"]["kind"] == {"old": "accepted", "new": "not_accepted"}
    assert client_for(world.user("panel_chair")).post(url, body).status_code == 403


def _update(world, action, text, status):
    action.refresh_from_db()
    return services.update_action(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        lock_version=action.lock_version,
        status=status,
        rag="amber",
        text=text,
        on=TODAY,
    )


def test_a_progress_update_entered_in_error_is_withdrawn_and_the_status_goes_back(
    world, client_for
):
    _, _, action = acted_review(world, review_of(world))
    _update(world, action, "Audit started", ActionStatus.IN_PROGRESS)
    wrong = _update(world, action, "Completed (wrong action)", ActionStatus.COMPLETED)
    url = reverse("learning:update_withdraw", args=[action.review_id, action.pk, wrong.pk])
    lead = client_for(world.user("agency_author"))  # police: owns the action
    assert "reason" in _errors(lead.post(url, {"reason": " "}))
    assert lead.post(url, {"reason": "Written on the wrong action"}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.completed_on is None
    assert ProgressUpdate.objects.get(pk=wrong.pk).withdrawn_reason == "Written on the wrong action"
    page = lead.get(reverse("learning:action", args=[action.review_id, action.pk])).text
    assert 'id="withdrawn-updates"' in page
    assert f'id="update-{wrong.pk}"' not in page
    other = client_for(world.health_author)
    assert other.post(url, {"reason": "x"}).status_code == 404


def _verify(world, action, evidence="The re-audit"):
    action.refresh_from_db()
    return services.verify(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        evidence_kind="audit",
        evidence=evidence,
        verified_on=TODAY,
    )


def _verified(world):
    """A review whose one action is completed and its change verified."""
    review = review_of(world)
    _, _, action = acted_review(world, review)
    _update(world, action, "Done", ActionStatus.COMPLETED)
    _verify(world, action)
    action.refresh_from_db()
    return review, action


def test_a_verification_withdrawn_puts_the_action_back_to_completed(world, client_for):
    review, action = _verified(world)
    url = reverse("learning:verification_withdraw", args=[review.pk, action.pk])
    assert client_for(world.user("agency_author")).post(url, {"reason": "x"}).status_code == 403
    chair = client_for(world.user("board_chair"))
    assert "reason" in _errors(chair.post(url, {"reason": ""}))
    assert chair.post(url, {"reason": "Verified the wrong action"}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETED and action.verified_on is None
    assert action.verification is None
    # Kept, and a new verification with evidence is possible.
    assert Verification.objects.get(action=action).withdrawn_reason == "Verified the wrong action"
    services.verify(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        evidence_kind="reinspection",
        evidence="The re-inspection",
        verified_on=TODAY,
    )
    assert action.verifications.count() == 2
    assert Action.objects.get(pk=action.pk).verification.evidence == "The re-inspection"


def test_an_agency_lead_sees_their_agencys_open_actions_and_what_is_due_next(world, client_for):
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    soon = action_of(world, rec, world.police, target_date=TODAY + timedelta(days=5))
    action_of(world, rec, world.police, target_date=TODAY + timedelta(days=60))
    health = action_of(world, rec, world.health)
    url = reverse("learning:agency_actions", args=[review.board_id])
    page = client_for(world.user("agency_author")).get(url).text
    assert "2 open actions" in page and str(health.pk) not in page
    assert str(soon.pk) in page and "Due in 5 days" in page
    # A lead cannot choose another agency's view.
    chosen = client_for(world.user("agency_author")).get(url, {"agency": world.health.pk}).text
    assert str(health.pk) not in chosen
    # Board staff lead no agency: they choose one.
    staff = client_for(world.user("board_manager")).get(url, {"agency": world.health.pk}).text
    assert "1 open action<" in staff and str(health.pk) in staff


def test_the_reviews_actions_page_draws_its_charts_with_tables(world, client_for):
    review = review_of(world)
    acted_review(world, review)
    other_review = review_of(world)
    other_rec = recommendation_of(world, other_review)
    overdue = action_of(world, other_rec)
    Action.objects.filter(pk=overdue.pk).update(target_date=MADE_ON + timedelta(days=1))
    manager = client_for(world.user("board_manager"))
    page = manager.get(reverse("learning:actions", args=[review.pk])).text
    assert 'id="chart-by-status"' in page and "<svg" in page and "<table" in page
    # Only this review's actions: the other review's overdue one is not drawn here.
    overdue = page.split('id="chart-overdue"')[1].split("</figure>")[0]
    assert "Nothing to show yet" in overdue
    board = manager.get(reverse("learning:tracker", args=[review.board_id])).text
    assert "Nothing to show yet" not in board.split('id="chart-overdue"')[1].split("</figure>")[0]


def test_a_recommendation_is_not_corrected_to_a_date_after_what_followed_it(world, client_for):
    """Moving a recommendation's date past its board's response, or past progress on its
    action, would leave a response or progress dated before the recommendation: refused at
    the date, and the date kept."""
    review = review_of(world)
    rec = recommendation_of(world, review)
    responded_on = MADE_ON + timedelta(days=10)
    services.respond(
        rec,
        actor=world.user("board_chair"),
        context=SYSTEM,
        kind="accepted",
        reasons="",
        responded_on=responded_on,
    )
    url = reverse("learning:recommendation_correct", args=[review.pk, rec.pk])
    chair = client_for(world.user("panel_chair"))
    late = chair.post(url, _rec_body(rec, **date_fields("made_on", responded_on + timedelta(1))))
    assert late.status_code == 200
    assert _errors(late)["made_on"] == [
        "The board's response to this recommendation is dated before this date"
    ]
    assert Recommendation.objects.get(pk=rec.pk).made_on == MADE_ON

    action = action_of(world, rec)
    services.update_action(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        lock_version=action.lock_version,
        status=ActionStatus.IN_PROGRESS,
        rag="amber",
        text="Audit started",
        on=MADE_ON + timedelta(days=5),
    )
    after_progress = chair.post(
        url, _rec_body(rec, **date_fields("made_on", MADE_ON + timedelta(days=7)))
    )
    assert _errors(after_progress)["made_on"] == [
        "Progress on an action of this recommendation is dated before this date"
    ]
    assert Recommendation.objects.get(pk=rec.pk).made_on == MADE_ON
    # A date that keeps the order is a correction like any other.
    ok = chair.post(url, _rec_body(rec, **date_fields("made_on", MADE_ON + timedelta(days=2))))
    assert ok.status_code == 302
    assert Recommendation.objects.get(pk=rec.pk).made_on == MADE_ON + timedelta(days=2)


def test_a_verification_withdrawn_in_a_closed_review_puts_it_back_in_monitoring(world, client_for):
    """The review was closed on every change being verified (19.2): with one verification
    withdrawn as recorded in error, the board follows that action again."""
    from casereview.audit.models import AuditEvent
    from casereview.reviews.models import Review, StatusChange

    review, action = _verified(world)
    Review.objects.filter(pk=review.pk).update(status="closed")
    url = reverse("learning:verification_withdraw", args=[review.pk, action.pk])
    chair = client_for(world.user("board_chair"))
    assert "it goes back to monitoring" in chair.get(url).text
    response = chair.post(url, {"reason": "Verified the wrong action"}, follow=True)
    assert "the review is back in monitoring" in response.text
    assert Review.objects.get(pk=review.pk).status == "monitoring"
    change = StatusChange.objects.get(review=review, to_status="monitoring")
    assert change.from_status == "closed" and "Verified the wrong action" in change.reason
    assert change.changed_by == world.user("board_chair")
    assert AuditEvent.objects.filter(action="review.move", detail__reopened=True).count() == 1
    # A review still in monitoring stays where it is.
    _verify(world, action, "The second audit")
    assert chair.post(url, {"reason": "Wrong again"}).status_code == 302
    assert StatusChange.objects.filter(review=review, to_status="monitoring").count() == 1
