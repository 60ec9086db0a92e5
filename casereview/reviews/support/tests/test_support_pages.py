"""Professionals, outbound notifications, parallel processes and partner boards."""

from datetime import date

from django.urls import reverse

from casereview.cases.models import ClockPause
from casereview.procedure.engine import evaluate
from casereview.reviews.lifecycle import blockers
from casereview.reviews.models import (
    OutboundNotification,
    ParallelProcess,
    PartnerBoard,
    Professional,
    ReviewStatus,
)
from conftest import date_fields, review_of, status_of, verified_client

from .helpers import events_since, last_event


def professional_data(world, **overrides) -> dict:
    data = {
        "agency": world.police.pk,
        "role": "Social worker",
        "name": "",
        "support_taken_up": "yes",
        **date_fields("support_offered_on", date(2026, 3, 20)),
    }
    data.update(overrides)
    return data


# --- Professionals ---------------------------------------------------------------------


def test_support_offered_to_every_professional_meets_the_obligation(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    add = reverse("reviews:professional_add", args=[review.pk])
    assert client.get(add).status_code == 200
    last = last_event()
    assert client.post(add, professional_data(world)).status_code == 302
    assert events_since(last) == ["professional.create"]
    assert status_of(review, "staff_support") == "met"
    # A second professional with no support offered yet: not everyone is supported.
    client.post(
        add,
        professional_data(
            world,
            role="Health visitor",
            support_taken_up="no",
            **{
                "support_offered_on_day": "",
                "support_offered_on_month": "",
                "support_offered_on_year": "",
            },
        ),
    )
    assert status_of(review, "staff_support") != "met"
    page = client.get(reverse("reviews:professionals", args=[review.pk])).text
    assert "Health visitor" in page and "Social worker" in page


def test_debriefing_and_feedback_for_everyone_meets_staff_debriefed(world):
    review = review_of(world)
    client = verified_client(world.user("panel_chair"))
    client.post(reverse("reviews:professional_add", args=[review.pk]), professional_data(world))
    professional = Professional.objects.get()
    assert status_of(review, "staff_debriefed") != "met"
    edit = reverse("reviews:professional_edit", args=[review.pk, professional.pk])
    page = client.get(edit).text
    assert 'value="Social worker"' in page
    last = last_event()
    response = client.post(
        edit,
        professional_data(
            world,
            **date_fields("debriefed_on", date(2026, 4, 1)),
            **date_fields("feedback_on", date(2026, 4, 2)),
        ),
    )
    assert response.status_code == 302
    assert events_since(last) == ["professional.update"]
    professional.refresh_from_db()
    assert professional.feedback_on == date(2026, 4, 2)
    assert status_of(review, "staff_debriefed") == "met"


def test_support_taken_up_without_an_offer_date_is_refused(world):
    review = review_of(world)
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:professional_add", args=[review.pk]),
        professional_data(
            world,
            support_offered_on_day="",
            support_offered_on_month="",
            support_offered_on_year="",
        ),
    )
    assert response.status_code == 200
    assert "Enter the date support was offered" in response.text
    assert not Professional.objects.exists()


def test_an_agency_of_another_board_is_refused(world):
    review = review_of(world)
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:professional_add", args=[review.pk]),
        professional_data(world, agency=world.other_police.pk),
    )
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not Professional.objects.exists()


def test_readers_cannot_change_professionals(world):
    review = review_of(world)
    verified_client(world.user("board_manager")).post(
        reverse("reviews:professional_add", args=[review.pk]), professional_data(world)
    )
    professional = Professional.objects.get()
    for role in ("panel_member", "board_chair", "auditor"):
        client = verified_client(world.user(role))
        assert client.get(reverse("reviews:professionals", args=[review.pk])).status_code == 200
        assert (
            client.post(
                reverse("reviews:professional_add", args=[review.pk]), professional_data(world)
            ).status_code
            == 403
        )
        edit = reverse("reviews:professional_edit", args=[review.pk, professional.pk])
        assert client.post(edit, professional_data(world, role="X")).status_code == 403
    assert Professional.objects.get().role == "Social worker"


# --- Outbound notifications ------------------------------------------------------------


def test_the_page_shows_what_to_send_to_whom_and_by_when(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    page = client.get(reverse("reviews:notifications", args=[review.pk])).text
    row = page.split('id="owed-pct_informs_sha"')[1].split("</tr>")[0]
    due = next(r.due for r in evaluate(review) if r.obligation.id == "pct_informs_sha")
    assert "Strategic Health Authority" in row
    assert f"{due.day} {due:%b %Y}" in row
    assert "?recipient=sha" in row
    assert 'id="owed-inspectorate_notified"' in page
    # Decided after 21 February 2011: no Government Office to tell.
    assert 'id="owed-government_office_notified"' not in page


def test_recording_the_sha_notification_meets_the_obligation(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    add = reverse("reviews:notification_add", args=[review.pk])
    form = client.get(add + "?recipient=sha").text
    assert 'value="sha" id="id_recipient_0" class="govuk-radios__input" checked' in form
    last = last_event()
    response = client.post(
        add,
        {
            "recipient": "sha",
            "purpose": "Case is the subject of a serious case review",
            "method": "Secure email",
            "copy": "Dear colleague, ...",
            **date_fields("sent_on", date(2026, 3, 12)),
        },
    )
    assert response.status_code == 302
    assert events_since(last) == ["notification.outbound"]
    sent = OutboundNotification.objects.get()
    assert sent.board == review.board and sent.notification == review.notification
    assert status_of(review, "pct_informs_sha") == "met"
    page = client.get(reverse("reviews:notifications", args=[review.pk])).text
    row = page.split('id="owed-pct_informs_sha"')[1].split("</tr>")[0]
    assert "12 Mar 2026</span>, Secure email" in row and "Met" in row
    assert "Dear colleague" in page


def test_a_notification_without_a_copy_is_refused(world):
    review = review_of(world)
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:notification_add", args=[review.pk]),
        {
            "recipient": "sha",
            "purpose": "x",
            "method": "Letter",
            **date_fields("sent_on", date(2026, 3, 12)),
        },
    )
    assert response.status_code == 200
    assert "Enter a copy of what was sent" in response.text
    assert not OutboundNotification.objects.exists()


def test_readers_cannot_record_notifications(world):
    review = review_of(world)
    for role in ("panel_member", "board_chair", "auditor"):
        client = verified_client(world.user(role))
        assert client.get(reverse("reviews:notifications", args=[review.pk])).status_code == 200
        assert client.get(reverse("reviews:notification_add", args=[review.pk])).status_code == 403


# --- Parallel processes ------------------------------------------------------------------


def process_data(**overrides) -> dict:
    data = {
        "kind": "criminal",
        "status_note": "Trial listed",
        "holds_publication": "yes",
        **date_fields("started_on", date(2026, 3, 15)),
    }
    data.update(overrides)
    return data


def test_criminal_proceedings_hold_publication_until_they_conclude(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    add = reverse("reviews:parallel_add", args=[review.pk])
    last = last_event()
    assert client.post(add, process_data()).status_code == 302
    assert events_since(last) == ["parallel.create"]
    review.status = ReviewStatus.BOARD_SIGN_OFF
    assert any("criminal proceedings" in b for b in blockers(review, ReviewStatus.PUBLISHED))
    page = client.get(reverse("reviews:parallel", args=[review.pk])).text
    assert "Publication waits for: criminal proceedings" in page
    # The page offers to pause the clocks, on the compliance page.
    assert reverse("reviews:compliance", args=[review.pk]) + "#pauses" in page

    process = ParallelProcess.objects.get()
    last = last_event()
    response = client.post(
        reverse("reviews:parallel_edit", args=[review.pk, process.pk]),
        process_data(**date_fields("concluded_on", date(2026, 9, 1))),
    )
    assert response.status_code == 302
    assert events_since(last) == ["parallel.update"]
    assert blockers(review, ReviewStatus.PUBLISHED) == []


def test_the_pause_offer_goes_once_the_clocks_are_paused(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    client.post(reverse("reviews:parallel_add", args=[review.pk]), process_data())
    ClockPause.objects.create(
        board=review.board,
        notification=review.notification,
        starts_on=date(2026, 3, 15),
        reason="Criminal proceedings",
        recorded_by=world.user("board_manager"),
    )
    page = client.get(reverse("reviews:parallel", args=[review.pk])).text
    assert 'id="offer-pause"' not in page


def test_a_process_that_concludes_before_it_starts_is_refused(world):
    review = review_of(world)
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:parallel_add", args=[review.pk]),
        process_data(**date_fields("concluded_on", date(2026, 3, 1))),
    )
    assert response.status_code == 200
    assert "The date it concluded must be on or after the date it began" in response.text
    assert not ParallelProcess.objects.exists()


def test_readers_cannot_change_parallel_processes(world):
    review = review_of(world)
    process = ParallelProcess.objects.create(review=review, kind="inquest")
    for role in ("panel_member", "board_chair", "auditor"):
        client = verified_client(world.user(role))
        assert client.get(reverse("reviews:parallel", args=[review.pk])).status_code == 200
        assert (
            client.post(
                reverse("reviews:parallel_add", args=[review.pk]), process_data()
            ).status_code
            == 403
        )
        edit = reverse("reviews:parallel_edit", args=[review.pk, process.pk])
        assert client.post(edit, process_data()).status_code == 403
    assert ParallelProcess.objects.count() == 1


# --- Partner boards ------------------------------------------------------------------------


def test_a_partner_boards_readers_read_this_review_only(world):
    review = review_of(world)
    other = review_of(world)
    westmoor = verified_client(world.outsider)  # westmoor's business manager
    detail = reverse("reviews:detail", args=[review.pk])
    assert westmoor.get(detail).status_code == 404
    manager = verified_client(world.user("board_manager"))
    page = manager.get(reverse("reviews:partners", args=[review.pk])).text
    assert "normally resident" in page
    last = last_event()
    response = manager.post(
        reverse("reviews:partner_add", args=[review.pk]),
        {"board": world.other_board.pk, "reason": "The child lived in Westmoor until 2025"},
    )
    assert response.status_code == 302
    assert events_since(last) == ["review.partner_add"]
    assert PartnerBoard.objects.get().board == world.other_board
    assert westmoor.get(detail).status_code == 200
    # What the lead board shares at first: the stage and the agreed terms.
    assert westmoor.get(reverse("reviews:terms", args=[review.pk])).status_code == 200
    assert westmoor.get(reverse("reviews:partners", args=[review.pk])).status_code == 403
    assert westmoor.get(reverse("reviews:detail", args=[other.pk])).status_code == 404
    assert westmoor.get(reverse("reviews:experts", args=[other.pk])).status_code == 404
    # Read only: every change is refused.
    assert (
        westmoor.post(
            reverse("reviews:professional_add", args=[review.pk]), professional_data(world)
        ).status_code
        == 403
    )
    assert (
        westmoor.post(reverse("reviews:parallel_add", args=[review.pk]), process_data()).status_code
        == 403
    )
    assert (
        westmoor.post(
            reverse("reviews:partner_add", args=[review.pk]),
            {"board": world.other_board.pk, "reason": "x"},
        ).status_code
        == 403
    )
    assert westmoor.get(reverse("reviews:notification_add", args=[review.pk])).status_code == 403
    assert not Professional.objects.exists() and not ParallelProcess.objects.exists()


def test_a_board_is_a_partner_once_and_never_its_own(world):
    review = review_of(world)
    manager = verified_client(world.user("board_manager"))
    url = reverse("reviews:partner_add", args=[review.pk])
    manager.post(url, {"board": world.other_board.pk, "reason": "Lived there"})
    response = manager.post(url, {"board": world.other_board.pk, "reason": "Again"})
    assert response.status_code == 200 and "already a partner" in response.text
    response = manager.post(url, {"board": world.board.pk, "reason": "Self"})
    assert response.status_code == 200 and "Select a valid choice" in response.text
    response = manager.post(url, {"board": "", "reason": ""})
    assert "Select partner board" in response.text
    assert PartnerBoard.objects.count() == 1


def test_panel_members_cannot_add_partners(world):
    review = review_of(world)
    response = verified_client(world.user("panel_member")).post(
        reverse("reviews:partner_add", args=[review.pk]),
        {"board": world.other_board.pk, "reason": "x"},
    )
    assert response.status_code == 403
    assert not PartnerBoard.objects.exists()
