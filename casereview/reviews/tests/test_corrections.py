"""Corrections of a review's records with a reason (issue 9 item 5), through their pages:
family contacts corrected or withdrawn, appointments ended, partner boards removed,
attachments withdrawn and agreed terms corrected by a new version. Each keeps the earlier
version in the case's history and writes an audit event."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.cases.models import Amendment, Person, PersonKind
from casereview.documents.models import Document
from casereview.procedure.engine import evaluate
from casereview.reviews.models import (
    AgencyReport,
    Appointment,
    ExpertAdvice,
    FamilyContact,
    PanelDecision,
    PanelMeeting,
    PanelMember,
    PartnerBoard,
    TermsOfReference,
)
from conftest import date_fields, review_of, verified_client

ON = date(2026, 3, 11)


def _result(review, obligation_id):
    return next(r for r in evaluate(review) if r.obligation.id == obligation_id)


def _mother(review) -> Person:
    return Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Rhian",
        family_name="Testmother",
        relationship="mother",
        parental_responsibility=True,
        preferred_language="en",
    )


def _contact_body(person, on, **overrides) -> dict:
    body = {
        "person": str(person.pk),
        **date_fields("on", on),
        "method": "letter",
        "language": "en",
        "interpreter": "no",
        "purposes": ["told_of_review"],
    }
    body.update(overrides)
    return body


def _record_contact(client, review, person, on):
    response = client.post(
        reverse("reviews:family_contact_add", args=[review.pk]), _contact_body(person, on)
    )
    assert response.status_code == 302
    return FamilyContact.objects.latest("id")


def test_a_family_contact_is_corrected_and_the_duty_reads_the_correction(world):
    review = review_of(world)
    mother = _mother(review)
    client = verified_client(world.user("board_manager"))
    contact = _record_contact(client, review, mother, date(2026, 3, 20))
    assert _result(review, "family_informed_of_review").evidence.on == date(2026, 3, 20)
    page = client.get(reverse("reviews:family", args=[review.pk])).text
    url = reverse("reviews:family_contact_correct", args=[review.pk, contact.pk])
    assert url in page
    response = client.post(url, _contact_body(mother, date(2026, 3, 16), reason=""))
    assert "Enter the reason for the correction" in response.text
    response = client.post(
        url, _contact_body(mother, date(2026, 3, 16), reason="The letter went on the 16th")
    )
    assert response.status_code == 302
    assert _result(review, "family_informed_of_review").evidence.on == date(2026, 3, 16)
    amendment = Amendment.objects.get()
    assert (amendment.before["on"], amendment.after["on"]) == ("2026-03-20", "2026-03-16")
    assert amendment.read_action == "section.family"
    event = AuditEvent.objects.get(action="family.contact.amended")
    assert event.detail["fields"] == ["on"]


def test_a_contact_recorded_in_error_is_withdrawn_and_no_longer_counts(world):
    review = review_of(world)
    mother = _mother(review)
    client = verified_client(world.user("board_manager"))
    contact = _record_contact(client, review, mother, date(2026, 3, 20))
    assert _result(review, "family_informed_of_review").status == "met"
    url = reverse("reviews:family_contact_withdraw", args=[review.pk, contact.pk])
    assert client.post(url, {"reason": "Sent to the wrong family"}).status_code == 302
    assert _result(review, "family_informed_of_review").status != "met"
    kept = FamilyContact.all_objects.get(pk=contact.pk)
    assert kept.withdrawn_at and kept.withdrawn_reason == "Sent to the wrong family"
    assert (
        "contact-" + str(contact.pk)
        not in client.get(reverse("reviews:family", args=[review.pk])).text
    )
    assert AuditEvent.objects.filter(action="family.contact.withdrawn").exists()
    # The history shows it to readers of the family section, not to an agency author.
    history = reverse("cases:history", args=[review.notification_id])
    assert "Sent to the wrong family" in client.get(history).text
    author = verified_client(world.user("agency_author"))
    assert "Sent to the wrong family" not in author.get(history).text


def test_ending_an_appointment_ends_the_experts_access(world):
    review = review_of(world)
    expert = world.user("independent_expert")
    appointment = Appointment.objects.create(
        review=review,
        user=expert,
        role="independent_expert",
        kind="disability",
        appointed_on=date(2026, 3, 11),
    )
    reader = verified_client(expert)
    detail = reverse("reviews:detail", args=[review.pk])
    assert reader.get(detail).status_code == 200
    client = verified_client(world.user("panel_chair"))
    url = reverse("reviews:appointment_end", args=[review.pk, appointment.pk])
    assert url in client.get(reverse("reviews:experts", args=[review.pk])).text
    response = client.post(
        url, {**date_fields("ended_on", timezone.localdate()), "reason": "Conflict of interest"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.ended_on == timezone.localdate()
    assert appointment.ended_reason == "Conflict of interest"
    assert verified_client(expert).get(detail).status_code == 404
    assert Amendment.objects.get().kind == "ended"
    # An ended appointment is not ended again.
    again = client.post(url, {**date_fields("ended_on", timezone.localdate()), "reason": "Twice"})
    assert "already ended" in again.text


def test_a_partner_board_removed_loses_the_review_and_may_be_added_again(world):
    review = review_of(world)
    partner = PartnerBoard.objects.create(
        review=review, board=world.other_board, reason="Wrong area"
    )
    outsider = verified_client(world.outsider)  # a board manager of the other board
    detail = reverse("reviews:detail", args=[review.pk])
    assert outsider.get(detail).status_code == 200
    client = verified_client(world.user("board_manager"))
    url = reverse("reviews:partner_remove", args=[review.pk, partner.pk])
    assert url in client.get(reverse("reviews:partners", args=[review.pk])).text
    assert client.post(url, {"reason": "Named in error"}).status_code == 302
    assert verified_client(world.outsider).get(detail).status_code == 404
    assert PartnerBoard.all_objects.get(pk=partner.pk).removed_reason == "Named in error"
    response = client.post(
        reverse("reviews:partner_add", args=[review.pk]),
        {"board": world.other_board.pk, "reason": "The child did live there"},
    )
    assert response.status_code == 302
    assert PartnerBoard.objects.filter(review=review).count() == 1


def test_an_attachment_is_withdrawn_kept_and_no_longer_offered(world, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    review = review_of(world)
    today = timezone.localdate()
    report = AgencyReport.objects.create(
        review=review, agency=world.police, requested_on=today, due_on=today
    )
    author = verified_client(world.user("agency_author"))
    author.post(
        reverse("reviews:report_upload", args=[review.pk, report.pk]),
        {"file": SimpleUploadedFile("wrong.txt", b"Not this case\n")},
    )
    document = Document.objects.get()
    page_url = reverse("reviews:report", args=[review.pk, report.pk])
    withdraw = reverse("reviews:report_document_withdraw", args=[review.pk, report.pk, document.pk])
    # The author's page offers it as a button of the report form (the draft is saved on the
    # way to the withdrawal page).
    assert f'name="withdraw" value="{document.pk}"' in author.get(page_url).text
    assert author.post(withdraw, {"reason": "Another child's notes"}).status_code == 302
    document.refresh_from_db()
    assert document.withdrawn_at and document.withdrawn_reason == "Another child's notes"
    download = reverse("reviews:report_document", args=[review.pk, report.pk, document.pk])
    assert author.get(download).status_code == 404
    page = author.get(page_url).text
    assert download not in page and "Withdrawn: wrong.txt" in page
    assert (settings.DOCUMENTS_ROOT / str(world.board.pk) / document.stored_name).exists()
    assert AuditEvent.objects.filter(action="document.withdrawn").exists()


def test_correcting_agreed_terms_makes_a_new_version_with_a_reason(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    body = {
        **date_fields("period_start", date(2024, 5, 17)),
        **date_fields("period_end", date(2026, 3, 1)),
        "family_involvement": "The parents are invited",
    }
    new = reverse("reviews:terms_new", args=[review.pk])
    assert client.post(new, body).status_code == 302
    client.post(
        reverse("reviews:terms_agree", args=[review.pk, 1]), date_fields("agreed_on", date.today())
    )
    assert 'name="reason"' in client.get(new).text
    corrected = {**body, **date_fields("period_start", date(2024, 1, 1))}
    response = client.post(new, corrected)
    assert "Enter why the agreed terms of reference are being corrected" in response.text
    assert TermsOfReference.objects.count() == 1
    response = client.post(new, {**corrected, "reason": "The period starts before birth"})
    assert response.status_code == 302
    v1, v2 = TermsOfReference.objects.order_by("version")
    assert v1.status == "agreed" and v1.period_start == date(2024, 5, 17)
    assert v2.status == "draft" and v2.period_start == date(2024, 1, 1)
    amendment = Amendment.objects.get()
    assert amendment.kind == "new_version" and amendment.record_id == str(v2.pk)
    assert (amendment.before["version"], amendment.after["version"]) == (1, 2)
    assert AuditEvent.objects.filter(action="terms.amended").exists()


def _decision(review, kind="family_agreed", text="The parents are invited to meet the author"):
    meeting = PanelMeeting.objects.create(review=review, held_on=date(2026, 3, 20))
    return PanelDecision.objects.create(meeting=meeting, review=review, kind=kind, text=text)


def test_a_decision_minuted_in_error_is_withdrawn_and_the_obligation_owed_again(world):
    review = review_of(world)
    decision = _decision(review)
    assert _result(review, "family_involvement_agreed").status == "met"
    chair = verified_client(world.user("panel_chair"))
    panel = reverse("reviews:panel", args=[review.pk])
    url = reverse("reviews:panel_decision_withdraw", args=[review.pk, decision.pk])
    assert url in chair.get(panel).text
    # A reason is required; without one nothing is withdrawn.
    refused = chair.post(url, {"reason": " "})
    assert refused.status_code == 200 and "Enter the reason" in refused.text
    assert PanelDecision.objects.filter(pk=decision.pk).exists()
    response = chair.post(url, {"reason": "It was the other review's meeting"})
    assert response.status_code == 302 and response.url == panel
    assert _result(review, "family_involvement_agreed").status != "met"
    kept = PanelDecision.all_objects.get(pk=decision.pk)
    assert kept.withdrawn_at and kept.withdrawn_reason == "It was the other review's meeting"
    assert "The parents are invited to meet the author" not in chair.get(panel).text
    amendment = Amendment.objects.get(record_id=str(decision.pk))
    assert amendment.kind == "withdrawn" and amendment.before["text"] == decision.text
    assert AuditEvent.objects.filter(action="panel.decision.withdrawn").exists()
    # Withdrawn once: the page of a withdrawn decision is not found, and nothing changes.
    assert chair.post(url, {"reason": "Again"}).status_code == 404
    assert Amendment.objects.filter(record_id=str(decision.pk)).count() == 1


def test_advice_considered_by_a_withdrawn_decision_waits_to_be_considered_again(world):
    review = review_of(world)
    decision = _decision(review, kind="expert_advice", text="The expert's advice was considered")
    expert = world.user("independent_expert")
    appointment = Appointment.objects.create(
        review=review, user=expert, role="independent_expert", kind="disability",
        appointed_on=date(2026, 3, 11),
    )  # fmt: skip
    advice = ExpertAdvice.objects.create(
        review=review,
        appointment=appointment,
        about="Communication needs",
        advice="Use the child's own signs",
        given_on=date(2026, 3, 18),
        considered_by=decision,
    )
    chair = verified_client(world.user("panel_chair"))
    url = reverse("reviews:panel_decision_withdraw", args=[review.pk, decision.pk])
    assert chair.post(url, {"reason": "Minuted against the wrong advice"}).status_code == 302
    advice.refresh_from_db()
    assert advice.considered_by is None


def test_only_those_who_record_decisions_may_withdraw_them(world):
    review = review_of(world)
    decision = _decision(review)
    url = reverse("reviews:panel_decision_withdraw", args=[review.pk, decision.pk])
    for role in ("board_manager", "agency_author"):
        client = verified_client(world.user(role))
        assert url not in client.get(reverse("reviews:panel", args=[review.pk])).text
        assert client.post(url, {"reason": "Wrong"}).status_code in (403, 404)
    assert PanelDecision.objects.filter(pk=decision.pk).exists()


def test_a_meeting_recorded_with_the_wrong_date_is_corrected_and_its_decisions_stay(world):
    review = review_of(world)
    decision = _decision(review)
    meeting = decision.meeting
    member = PanelMember.objects.create(
        review=review, name="Pat Member", role_title="Head of safeguarding", joined_on=ON
    )
    manager = verified_client(world.user("board_manager"))
    url = reverse("reviews:meeting_correct", args=[review.pk, meeting.pk])
    assert url in manager.get(reverse("reviews:panel", args=[review.pk])).text
    body = {**date_fields("held_on", date(2026, 3, 21)), "attendees": [str(member.pk)]}
    # A reason is required, and a date that cannot be true is refused at its field.
    assert "Enter the reason" in manager.post(url, body).text
    future = {**body, **date_fields("held_on", timezone.localdate() + timedelta(days=3))}
    refused = manager.post(url, {**future, "reason": "Typed wrongly"})
    assert refused.status_code == 200 and "held_on" in refused.context["form"].errors
    response = manager.post(url, {**body, "reason": "The meeting was on the Saturday"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_on == date(2026, 3, 21)
    assert list(meeting.attendees.all()) == [member]
    assert PanelDecision.objects.get(pk=decision.pk).meeting_id == meeting.pk
    amendment = Amendment.objects.get(record_id=str(meeting.pk))
    assert amendment.before["held_on"] == "2026-03-20" and amendment.after["attendees"]
    assert AuditEvent.objects.filter(action="panel.meeting.amended").exists()
    history = manager.get(reverse("cases:history", args=[review.notification_id])).text
    assert "Pat Member" in history  # the attendees by name, not by id
    # Only those who manage the review correct its meetings.
    author = verified_client(world.user("agency_author"))
    assert author.post(url, {**body, "reason": "x"}).status_code in (403, 404)
