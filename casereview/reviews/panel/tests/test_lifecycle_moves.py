"""The review's stages: every move writes a status change and one audit event; a move that
is not allowed, or not yet, is refused with its reason, on the page as an error."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.reviews import lifecycle
from casereview.reviews.models import (
    AgencyReport,
    ParallelProcess,
    ReportStatus,
    ReviewStatus,
    StatusChange,
    TermsOfReference,
    TermsStatus,
)
from conftest import review_of, verified_client

S = ReviewStatus


def agreed_terms(review, world):
    return TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=date(2024, 5, 17),
        period_end=date(2026, 3, 1),
        family_involvement="Invited",
        status=TermsStatus.AGREED,
        agreed_on=date(2026, 3, 20),
        created_by=world.user("board_manager"),
        created_at=timezone.now(),
    )


def accepted_report(review, world):
    return AgencyReport.objects.create(
        review=review,
        agency=world.police,
        requested_on=date(2026, 3, 21),
        due_on=date(2026, 5, 1),
        status=ReportStatus.ACCEPTED,
    )


def at(review, status):
    review.status = status
    review.save(update_fields=["status"])
    return review


TRANSITIONS = [(src, m.to) for src, moves in lifecycle.MOVES.items() for m in moves]


@pytest.mark.parametrize(("src", "to"), TRANSITIONS)
def test_every_move_writes_a_status_change_and_one_audit_event(world, src, to):
    review = review_of(world)
    agreed_terms(review, world)
    accepted_report(review, world)
    at(review, src)
    before_changes = StatusChange.objects.filter(review=review).count()
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    actor = world.user("board_manager")
    change = lifecycle.move(review, to=to, actor=actor, context=SYSTEM, reason="Because")
    review.refresh_from_db()
    assert review.status == to
    assert StatusChange.objects.filter(review=review).count() == before_changes + 1
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        src,
        to,
        "Because",
        actor,
    )
    new = AuditEvent.objects.filter(pk__gt=last)
    assert [(e.action, e.detail) for e in new] == [("review.move", {"from": src, "to": to})]


def test_a_move_not_in_the_map_is_refused_with_its_reason(world):
    review = review_of(world)
    with pytest.raises(ValidationError) as refused:
        lifecycle.move(review, to=S.PUBLISHED, actor=world.user("board_manager"), context=SYSTEM)
    assert "cannot move from Decided to Published" in str(refused.value)
    assert review.status_changes.count() == 1  # only the decision's
    assert not AuditEvent.objects.filter(action="review.move").exists()


def test_scoping_waits_for_agreed_terms_of_reference(world):
    review = at(review_of(world), S.SCOPING)
    client = verified_client(world.user("panel_chair"))
    url = reverse("reviews:move", args=[review.pk])
    response = client.post(url, {"to": S.AGENCY_REPORTS, "reason": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Agree the terms of reference first" in response.text
    review.refresh_from_db()
    assert review.status == S.SCOPING
    assert not AuditEvent.objects.filter(action="review.move").exists()
    agreed_terms(review, world)
    assert client.post(url, {"to": S.AGENCY_REPORTS, "reason": "Agreed"}).status_code == 302
    review.refresh_from_db()
    assert review.status == S.AGENCY_REPORTS
    assert review.status_changes.last().reason == "Agreed"


def test_publication_waits_while_a_parallel_process_holds_it(world):
    review = at(review_of(world), S.BOARD_SIGN_OFF)
    process = ParallelProcess.objects.create(
        review=review, kind="criminal", started_on=date(2026, 3, 5), holds_publication=True
    )
    client = verified_client(world.user("board_chair"))
    url = reverse("reviews:move", args=[review.pk])
    response = client.post(url, {"to": S.PUBLISHED})
    assert response.status_code == 200
    assert "Publication waits for the criminal proceedings to conclude" in response.text
    review.refresh_from_db()
    assert review.status == S.BOARD_SIGN_OFF
    process.concluded_on = date(2026, 6, 1)
    process.save()
    # Once nothing holds it, publishing is the publication page's (its gate); the service
    # it calls may move the review.
    assert "Publication waits" not in client.post(url, {"to": S.PUBLISHED}).text
    lifecycle.move(review, to=S.PUBLISHED, actor=world.user("board_chair"), context=SYSTEM)
    review.refresh_from_db()
    assert review.status == S.PUBLISHED


def test_the_agency_reports_must_be_accepted_before_the_overview(world):
    review = at(review_of(world), S.AGENCY_REPORTS)
    with pytest.raises(ValidationError, match="Request the agencies"):
        lifecycle.move(
            review, to=S.OVERVIEW_DRAFTING, actor=world.user("board_manager"), context=SYSTEM
        )
    report = accepted_report(review, world)
    report.status = ReportStatus.SUBMITTED
    report.save()
    with pytest.raises(ValidationError, match="not accepted every agency report: Eastbrook"):
        lifecycle.move(
            review, to=S.OVERVIEW_DRAFTING, actor=world.user("board_manager"), context=SYSTEM
        )


def test_who_may_move_the_review(world):
    review = at(review_of(world), S.BOARD_SIGN_OFF)
    url = reverse("reviews:move", args=[review.pk])
    # The panel chair runs the review but does not publish; a panel member does neither.
    assert (
        verified_client(world.user("panel_chair")).post(url, {"to": S.PUBLISHED}).status_code == 403
    )
    for to in (S.PUBLISHED, S.OVERVIEW_DRAFTING):
        assert verified_client(world.user("panel_member")).post(url, {"to": to}).status_code == 403
    review.refresh_from_db()
    assert review.status == S.BOARD_SIGN_OFF
    assert AuditEvent.objects.filter(action="deny", outcome="denied").count() == 3
    assert (
        verified_client(world.user("panel_chair"))
        .post(url, {"to": S.OVERVIEW_DRAFTING})
        .status_code
        == 302
    )


def test_a_move_to_an_unknown_stage_is_an_error_not_a_crash(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    response = client.post(reverse("reviews:move", args=[review.pk]), {"to": "nowhere"})
    assert response.status_code == 200 and "Select a valid choice" in response.text
    response = client.post(reverse("reviews:move", args=[review.pk]), {})
    assert response.status_code == 200 and "Choose the stage to move to" in response.text
    assert client.get(reverse("reviews:move", args=[review.pk])).status_code == 405


def test_the_stage_section_shows_the_moves_and_why_they_are_blocked(world):
    review = at(review_of(world), S.SCOPING)
    manager = verified_client(world.user("board_manager"))
    page = manager.get(reverse("reviews:panel", args=[review.pk])).text
    assert "Ask agencies for their reports" in page
    assert "Agree the terms of reference first" in page
    assert 'name="to" value="agency_reports"' not in page  # blocked: no button
    at(review, S.AGENCY_REPORTS)
    page = manager.get(reverse("reviews:panel", args=[review.pk])).text
    assert 'name="to" value="scoping"' in page and "Back to scoping" in page
    member = verified_client(world.user("panel_member")).get(
        reverse("reviews:panel", args=[review.pk])
    )
    assert (
        'name="to"' not in member.text
        and "Only the board manager or the panel chair" in member.text
    )


def test_an_agency_author_is_not_told_why_a_move_waits_on_other_agencies(world):
    # The walk of session 24: the police author read on the review page that the panel had
    # not accepted the reports of the other agencies, whose reports they may not see.
    review = at(review_of(world, agencies=[world.police, world.health]), S.AGENCY_REPORTS)
    for agency in (world.police, world.health):
        AgencyReport.objects.create(
            review=review, agency=agency, requested_on=date(2026, 3, 20), due_on=date(2026, 5, 1)
        )
    url = reverse("reviews:detail", args=[review.pk])
    manager = verified_client(world.user("board_manager")).get(url).text
    assert "The panel has not accepted every agency report: Eastbrook Health" in manager
    author = verified_client(world.user("agency_author")).get(url)
    assert author.status_code == 200
    assert "Eastbrook Health" not in author.text
    assert "The panel has not accepted every agency report" not in author.text
    assert "Only the board manager or the panel chair can make this move" in author.text


def test_the_full_journey_through_the_pages(world):
    review = review_of(world)
    manager = verified_client(world.user("board_manager"))
    url = reverse("reviews:move", args=[review.pk])
    assert manager.post(url, {"to": S.SCOPING, "reason": "Panel appointed"}).status_code == 302
    agreed_terms(review, world)
    assert manager.post(url, {"to": S.AGENCY_REPORTS}).status_code == 302
    review.refresh_from_db()
    assert review.status == S.AGENCY_REPORTS
    detail = manager.get(reverse("reviews:detail", args=[review.pk])).text
    assert "Agency reports" in detail
