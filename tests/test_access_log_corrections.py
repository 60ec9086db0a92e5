"""Who has seen this case: the corrections of the case's records (the decision, the terms
of reference, appointments, partner boards, attachments, children considered) are in the
case's access log, as well as the events on the notification, its people, steps and review."""

from datetime import date
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.lines import PHRASES
from casereview.cases.corrections import redecide
from casereview.documents.models import Document
from casereview.reviews.corrections import end_appointment, remove_partner
from casereview.reviews.models import AgencyReport, Appointment, PartnerBoard
from conftest import date_fields, make_notification, review_of, verified_client, with_review

CORRECTIONS = (
    "decision.redecided",
    "review.appointment.ended",
    "review.partner.removed",
    "document.withdrawn",
    "terms.amended",
)


def _log(world, notification) -> str:
    page = verified_client(world.user("auditor")).get(
        reverse("cases:access_log", args=[notification.pk])
    )
    assert page.status_code == 200
    return unescape(page.text)


def _correct_everything(world, review, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    chair = world.user("panel_chair")
    redecide(
        review.notification,
        actor=world.user("board_chair"),
        context=SYSTEM,
        outcome="hold_review",
        reasons="The review is held; the reasons are restated after the panel met again.",
        dissent="",
        decided_on=timezone.localdate(),
        reason="The first reasons named the wrong clause",
    )
    appointment = Appointment.objects.create(
        review=review,
        user=world.user("independent_expert"),
        role="independent_expert",
        kind="disability",
        appointed_on=date(2026, 3, 11),
    )
    end_appointment(
        appointment,
        actor=chair,
        context=SYSTEM,
        ended_on=timezone.localdate(),
        reason="Conflict of interest",
    )
    partner = PartnerBoard.objects.create(review=review, board=world.other_board, reason="Area")
    remove_partner(partner, actor=chair, context=SYSTEM, reason="Named in error")
    manager = verified_client(world.user("board_manager"))
    body = {
        **date_fields("period_start", date(2024, 5, 17)),
        **date_fields("period_end", date(2026, 3, 1)),
        "family_involvement": "The parents are invited",
    }
    new = reverse("reviews:terms_new", args=[review.pk])
    assert manager.post(new, body).status_code == 302
    manager.post(
        reverse("reviews:terms_agree", args=[review.pk, 1]), date_fields("agreed_on", date.today())
    )
    corrected = {**body, **date_fields("period_start", date(2024, 1, 1)), "reason": "Period"}
    assert manager.post(new, corrected).status_code == 302
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
    withdraw = reverse("reviews:report_document_withdraw", args=[review.pk, report.pk, document.pk])
    assert author.post(withdraw, {"reason": "Another child's notes"}).status_code == 302


def test_corrections_of_the_cases_records_are_in_its_access_log(world, settings, tmp_path):
    review = review_of(world)
    before = _log(world, review.notification)
    for action in CORRECTIONS:
        assert PHRASES[action] not in before
    _correct_everything(world, review, settings, tmp_path)
    page = _log(world, review.notification)
    for action in CORRECTIONS:
        assert PHRASES[action] in page, action
    # The reasons are not in the log (the history page shows them to readers of each record).
    assert "Conflict of interest" not in page and "Another child's notes" not in page


def test_another_cases_corrections_are_not_in_this_log(world, settings, tmp_path):
    review = review_of(world)
    other = with_review(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
    ).review
    _correct_everything(world, other, settings, tmp_path)
    page = _log(world, review.notification)
    for action in CORRECTIONS:
        assert PHRASES[action] not in page, action
