"""The learning pages through real requests: recording, the conflict of two concurrent
progress updates, agency leads, verification, the tracker and its XLSX export."""

import io
from datetime import timedelta

from django.urls import reverse
from openpyxl import load_workbook

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.documents.services import documents_of
from casereview.learning import services
from casereview.learning.models import Action, ActionStatus, Lesson, Recommendation
from conftest import date_fields, review_of

from .helpers import MADE_ON, TODAY, acted_review, action_of, lesson_of, recommendation_of


def test_the_panel_records_a_lesson_highlighted_as_19_3(world, client_for):
    review = review_of(world)
    client = client_for(world.user("panel_chair"))
    url = reverse("learning:lesson_add", args=[review.pk])
    response = client.post(
        url,
        {
            "text": "The family's language was not used",
            "category": "communities",
            "theme": "culture_ethnicity_faith_language",
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(review=review)
    assert [t.code for t in lesson.tags.all()] == ["culture_ethnicity_faith_language"]
    page = client.get(reverse("learning:lessons", args=[review.pk])).text
    assert "Highlighted as Rotherham 19.3 asks" in page
    assert AuditEvent.objects.filter(action="lesson.add").count() == 1


def test_an_empty_lesson_shows_field_errors(world, client_for):
    review = review_of(world)
    response = client_for(world.user("panel_chair")).post(
        reverse("learning:lesson_add", args=[review.pk]), {"text": "", "category": ""}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "Enter finding and lesson" in response.text


def test_a_recommendation_and_the_boards_response_with_reasons(world, client_for):
    review = review_of(world)
    lesson = lesson_of(world, review)
    chair = client_for(world.user("panel_chair"))
    response = chair.post(
        reverse("learning:recommendation_add", args=[review.pk]),
        {
            "text": "Audit referrals",
            "level": "agency",
            "agency": world.police.pk,
            "kind": "smart",
            "lessons": [lesson.pk],
            **date_fields("made_on", MADE_ON),
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(review=review)
    board_chair = client_for(world.user("board_chair"))
    url = reverse("learning:recommendation_respond", args=[review.pk, rec.pk])
    refused = board_chair.post(
        url, {"r1-kind": "not_accepted", "r1-reasons": "", **date_fields("r1-responded_on", TODAY)}
    )
    assert refused.status_code == 200 and "Give the reasons" in refused.text
    done = board_chair.post(
        url,
        {"r1-kind": "in_part", "r1-reasons": "Cost", **date_fields("r1-responded_on", TODAY)},
    )
    assert done.status_code == 302
    assert rec.response.kind == "in_part"
    assert chair.post(url, {}).status_code == 403


def _progress(action, text, status="in_progress", **extra):
    return {
        "status": status,
        "rag": "amber",
        "text": text,
        **date_fields("on", TODAY),
        "lock_version": action.lock_version,
        **extra,
    }


def test_two_concurrent_updates_the_second_sees_a_conflict_and_keeps_its_text(world, client_for):
    _, _, action = acted_review(world, review_of(world))
    url = reverse("learning:action", args=[action.review_id, action.pk])
    lead, manager = client_for(world.user("agency_author")), client_for(world.user("board_manager"))
    stale = _progress(action, "My careful account of the audit")
    assert manager.post(url, _progress(action, "Audit started")).status_code == 302
    response = lead.post(url, stale)
    assert response.status_code == 409
    assert "Someone else saved this action" in response.text
    assert "My careful account of the audit" in response.text  # nothing lost
    action.refresh_from_db()
    assert f'name="lock_version" value="{action.lock_version}"' in response.text
    assert [u.text for u in action.updates.all()] == ["Audit started"]
    # Saving again is a deliberate choice: it now goes through.
    again = lead.post(url, _progress(action, "My careful account of the audit"))
    assert again.status_code == 302


def test_agency_leads_see_and_update_only_their_own_agencys_actions(world, client_for):
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    police = action_of(world, rec, world.police)
    health = action_of(world, rec, world.health)
    lead = client_for(world.user("agency_author"))  # police
    page = lead.get(reverse("learning:actions", args=[review.pk])).text
    assert str(police.pk) in page and str(health.pk) not in page
    assert (
        lead.post(
            reverse("learning:action", args=[review.pk, health.pk]), _progress(health, "x")
        ).status_code
        == 404
    )
    assert (
        lead.post(
            reverse("learning:action", args=[review.pk, police.pk]), _progress(police, "Done")
        ).status_code
        == 302
    )


def test_verification_needs_evidence_on_the_page(world, client_for):
    _, _, action = acted_review(world, review_of(world))
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.COMPLETED)
    action.refresh_from_db()
    client = client_for(world.user("board_chair"))
    url = reverse("learning:action_verify", args=[action.review_id, action.pk])
    body = {
        "evidence_kind": "audit",
        "evidence": "",
        **date_fields("verified_on", TODAY),
        "lock_version": action.lock_version,
    }
    refused = client.post(url, body)
    assert refused.status_code == 200 and "govuk-error-summary" in refused.text
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETED
    ok = client.post(url, body | {"evidence": "Re-audit: all 50 followed up"})
    assert ok.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.VERIFIED
    assert client_for(world.user("agency_author")).post(url, body).status_code == 403


def test_the_tracker_filters_and_exports_without_formulas(world, client_for):
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    late = action_of(world, rec, world.police)
    Action.objects.filter(pk=late.pk).update(
        target_date=TODAY - timedelta(days=3), owner='=HYPERLINK("x")'
    )
    action_of(world, rec, world.health)
    manager = client_for(world.user("board_manager"))
    url = reverse("learning:tracker", args=[world.board.pk])
    assert "2 actions" in manager.get(url).text
    assert "1 action<" in manager.get(url, {"overdue": "on"}).text
    assert "1 action<" in client_for(world.user("agency_author")).get(url).text
    export = manager.get(
        reverse("learning:tracker_export", args=[world.board.pk]), {"overdue": "on"}
    )
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Review" and len(rows) == 2
    assert rows[1][3] == '\'=HYPERLINK("x")'
    assert client_for(world.user("administrator")).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404


def test_progress_with_an_evidence_file_is_listed_on_the_action(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, _, action = acted_review(world, review_of(world))
    url = reverse("learning:action", args=[action.review_id, action.pk])
    client = client_for(world.user("agency_author"))
    body = _progress(action, "Audit done", file=SimpleUploadedFile("audit.txt", b"Audit\n"))
    assert client.post(url, body).status_code == 302
    page = client.get(url).text
    assert "Audit done" in page
    # The file is a link to its download, for whoever reads the action.
    update = action.updates.get()
    document = documents_of(update).get()
    link = reverse(
        "learning:update_evidence", args=[action.review_id, action.pk, update.pk, document.pk]
    )
    assert f'href="{link}" download>audit.txt</a>' in page
    file = client_for(world.user("panel_member")).get(link)
    assert file.status_code == 200 and b"".join(file.streaming_content) == b"Audit\n"
    assert file["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="export", object_id=str(document.pk)).count() == 1
    # The health author reads no police action, nor its evidence.
    assert client_for(world.health_author).get(link).status_code == 404


def test_a_lesson_corrected_by_two_people_at_once_keeps_the_second_text(world, client_for):
    lesson = lesson_of(world, review_of(world))
    url = reverse("learning:lesson", args=[lesson.review_id, lesson.pk])
    body = {"category": "inter_agency", "lock_version": 0}
    chair, member = client_for(world.user("panel_chair")), client_for(world.user("panel_member"))
    assert chair.post(url, body | {"text": "First correction"}).status_code == 302
    response = member.post(url, body | {"text": "Second, careful correction"})
    assert response.status_code == 409
    assert "Second, careful correction" in response.text and "First correction" in response.text
    lesson.refresh_from_db()
    assert lesson.text == "First correction"


def test_a_lesson_is_withdrawn_on_its_page_with_a_reason(world, client_for):
    lesson = lesson_of(world, review_of(world))
    url = reverse("learning:lesson_withdraw", args=[lesson.review_id, lesson.pk])
    client = client_for(world.user("panel_chair"))
    assert "Enter reason" in client.post(url, {"reason": ""}).text
    assert client.post(url, {"reason": "Recorded twice"}).status_code == 302
    page = client.get(reverse("learning:lessons", args=[lesson.review_id])).text
    assert "withdrawn: Recorded twice" in page
    assert client_for(world.user("agency_author")).post(url, {"reason": "x"}).status_code == 403


def test_a_change_is_not_verified_before_the_action_was_completed(world, client_for):
    """A verification dated before the completion would say the change was shown before the
    action was done: refused at the field, and the action stays completed."""
    _, _, action = acted_review(world, review_of(world))
    done_on = TODAY - timedelta(days=5)
    services.update_action(
        action,
        actor=world.user("board_manager"),
        context=SYSTEM,
        lock_version=action.lock_version,
        status=ActionStatus.COMPLETED,
        rag="green",
        text="In place in every team",
        on=done_on,
    )
    action.refresh_from_db()
    client = client_for(world.user("board_chair"))
    url = reverse("learning:action_verify", args=[action.review_id, action.pk])
    body = {
        "evidence_kind": "audit",
        "evidence": "Re-audit: all 50 followed up",
        "lock_version": action.lock_version,
    }
    early = client.post(url, body | date_fields("verified_on", done_on - timedelta(days=1)))
    assert early.status_code == 200
    message = early.context["form"].errors["verified_on"][0]
    assert message.startswith("Date the change was verified must be on or after the action's")
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETED and action.verified_on is None
    assert client.post(url, body | date_fields("verified_on", done_on)).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.VERIFIED and action.verified_on == done_on
