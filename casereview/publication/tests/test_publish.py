"""Publishing through the page (review.publish), withdrawing with a reason, the checks
that read publications, and the board's public page (no sign-in, searchable)."""

from __future__ import annotations

from datetime import date

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.procedure.engine import evaluate
from casereview.publication import publishing
from casereview.publication.models import Publication, ReportStage
from casereview.publication.tests.publication_helpers import published_rendering, ready_review
from casereview.reviews.models import OutboundNotification, ParallelProcess, StatusChange


def _publish(client, review, row, **body):
    return client.post(
        f"/reviews/{review.pk}/publication/files/{row.pk}/publish/",
        {"title": "Child A: executive summary", "summary": "Neglect and school absence", **body},
    )


def test_the_board_manager_publishes_and_the_review_moves_to_published(world, client_for):
    review = ready_review(world)
    row = published_rendering(world, review)
    client = client_for(world.user("board_manager"))
    assert (
        "Publish"
        in client.get(f"/reviews/{review.pk}/publication/files/{row.pk}/publish/").content.decode()
    )
    response = _publish(client, review, row)
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.rendering == row
    # Rotherham 2006 sets no minimum: the board's policy, 12 months by default (rules.py).
    assert (publication.keep_until - publication.published_at.date()).days in (365, 366)
    review.refresh_from_db()
    assert review.status == "published"
    assert StatusChange.objects.filter(review=review, to_status="published").exists()
    assert row.version.report.__class__.objects.get().stage == ReportStage.PUBLISHED
    assert AuditEvent.objects.filter(action="report.publish").count() == 1
    line = next(r for r in evaluate(review) if r.obligation.id == "executive_summary_published")
    assert line.status == "met"


def test_publishing_is_refused_while_the_gate_blocks(world, client_for):
    review = ready_review(world)
    ParallelProcess.objects.create(review=review, kind="criminal", holds_publication=True)
    row = published_rendering(world, review)
    client = client_for(world.user("board_chair"))
    page = client.get(f"/reviews/{review.pk}/publication/files/{row.pk}/publish/").content.decode()
    assert "Publication waits for the criminal proceedings to conclude" in page
    response = _publish(client, review, row)
    assert response.status_code == 200
    assert not Publication.objects.exists()


def test_a_name_in_the_public_title_is_refused(world, client_for):
    review = ready_review(world)
    row = published_rendering(world, review)
    response = _publish(
        client_for(world.user("board_manager")), review, row, title="Kai-Leigh's review"
    )
    assert response.status_code == 200
    assert "identifier register" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_panel_chair_cannot_publish(world, client_for):
    review = ready_review(world)
    row = published_rendering(world, review)
    response = _publish(client_for(world.user("panel_chair")), review, row)
    assert response.status_code == 403
    assert not Publication.objects.exists()


def test_withdrawing_needs_a_reason_and_keeps_the_record(world, client_for):
    review = ready_review(world)
    row = published_rendering(world, review)
    publication = publishing.publish(
        row, title="Child A", summary="", actor=world.user("board_manager"), context=SYSTEM
    )
    client = client_for(world.user("board_manager"))
    url = f"/reviews/{review.pk}/publication/published/{publication.pk}/withdraw/"
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "The court asked us to"}).status_code == 302
    publication.refresh_from_db()
    assert publication.withdrawn_reason == "The court asked us to"
    assert publication.report.stage == ReportStage.WITHDRAWN
    assert AuditEvent.objects.filter(action="report.withdraw").count() == 1
    # Off the public page, and its file no longer served.
    page = client.get(f"/published/{world.board.slug}/").content.decode()
    assert "Child A" not in page
    assert client.get(f"/published/{world.board.slug}/{publication.pk}/").status_code == 404


def test_the_public_page_lists_searches_and_serves_without_sign_in(world, client):
    review = ready_review(world)
    row = published_rendering(world, review)
    publication = publishing.publish(
        row,
        title="Child A: executive summary",
        summary="Neglect and school absence",
        actor=world.user("board_manager"),
        context=SYSTEM,
    )
    page = client.get(f"/published/{world.board.slug}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Child A: executive summary" in text
    assert "Nowak" not in text and "Kai" not in text
    assert review.reference not in text
    assert "Child A" in client.get(f"/published/{world.board.slug}/?q=absence").content.decode()
    none = client.get(f"/published/{world.board.slug}/?q=drowning").content.decode()
    assert "No published report matches" in none
    download = client.get(f"/published/{world.board.slug}/{publication.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="publication.download").count() == 1
    # Another board's page does not list it, nor serve it.
    other = world.other_board.slug
    assert "Child A" not in client.get(f"/published/{other}/").content.decode()
    assert client.get(f"/published/{other}/{publication.pk}/").status_code == 404
    assert client.get("/published/no-such-board/").status_code == 404


def test_ofsted_and_panel_checks_read_the_notices_after_the_board_sign_off(world):
    review = ready_review(world, regime="wt2018")
    published_rendering(world, review)

    def line(obligation_id):
        return next(r for r in evaluate(review) if r.obligation.id == obligation_id)

    assert line("panel_told_before_publication").status != "met"
    for recipient in ("national_panel", "secretary_of_state"):
        OutboundNotification.objects.create(
            board=review.board,
            notification=review.notification,
            recipient=recipient,
            purpose="The final report",
            sent_on=date(2026, 9, 2),
            method="email",
            copy="The report",
        )
    assert line("panel_told_before_publication").status == "met"


def test_the_overview_sent_to_ofsted_counts_from_the_boards_sign_off_of_the_overview(world):
    review = ready_review(world)

    def status():
        return next(r for r in evaluate(review) if r.obligation.id == "overview_sent_to_ofsted")

    def notice(on):
        OutboundNotification.objects.create(
            board=review.board,
            notification=review.notification,
            recipient="ofsted",
            purpose="The overview report and executive summary for evaluation",
            sent_on=on,
            method="email",
            copy="The reports",
        )

    notice(date(2026, 3, 12))  # the notice of the decision, months before: not the report
    assert status().status != "met"
    published_rendering(world, review, kind="overview")  # the board signs off on 1 September
    assert status().status != "met"
    notice(date(2026, 9, 3))
    line = status()
    assert line.status == "met"
    assert line.evidence.on == date(2026, 9, 3)


def test_the_page_offers_publish_only_on_a_file_the_gate_clears(world, client_for):
    from casereview.publication.models import Rendering

    review = ready_review(world)
    row = published_rendering(world, review)
    client = client_for(world.user("board_manager"))
    link = f"/reviews/{review.pk}/publication/files/{row.pk}/publish/"
    assert link in client.get(f"/reviews/{review.pk}/publication/").content.decode()
    Rendering.objects.filter(pk=row.pk).update(leaks=[{"kind": "person", "where": "text"}])
    page = client.get(f"/reviews/{review.pk}/publication/").content.decode()
    assert "1 found" in page
    assert link not in page
