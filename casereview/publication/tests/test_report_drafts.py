"""The report drafts: assembled from the review's data, versions saved with optimistic
locking, wording findings (19.2), re-assembly, the difference between versions, comments."""

from __future__ import annotations

from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.chronology.models import ChronologyEntry
from casereview.learning import services as learning
from casereview.learning.tests.helpers import action_of, lesson_of, recommendation_of
from casereview.publication import report_assembly, report_services
from casereview.publication.models import Report, ReportComment, ReportVersion
from casereview.publication.report_diff import ADDED, REMOVED, SAME, diff_text
from casereview.publication.tests.helpers import review_with_data, start


def _texts(version) -> dict[str, str]:
    return {s["key"]: s["text"] for s in version.sections}


def test_the_overview_is_assembled_from_the_reviews_data(world, client_for):
    review = review_with_data(world)
    client = client_for(world.user("independent_author"))
    # An overview author who is not appointed to the review does not reach it.
    assert client.get(reverse("publication:drafts", args=[review.pk])).status_code == 404

    client = client_for(world.user("board_manager"))
    response = client.post(
        reverse("publication:draft_start", args=[review.pk]), {"kind": "overview"}
    )
    report = Report.objects.get(review=review, kind="overview")
    assert response.url == reverse("publication:draft", args=[review.pk, report.pk])
    text = _texts(report_services.latest(report))
    assert "Outcome: " in text["circumstances"]
    assert "17 May 2024 to 1 February 2026" in text["terms"]
    assert "Was the referral of May 2025 acted on?" in text["terms"]
    assert "- Independent chair (independent chair)" in text["panel"]
    assert "- Designated nurse, Eastbrook Health" in text["panel"]
    assert (
        "Eastbrook Police: accepted by the panel, written by the agency's Detective"
        in (text["agency_reports"])
    )
    assert "Eastbrook Health: submitted to the panel" in text["agency_reports"]
    assert "3 entries from 2 agencies, from 5 January 2025 to 1 June 2025" in text["chronology"]
    assert "- Eastbrook Police: 2 entries" in text["chronology"]
    assert "The referral in spring 2025 (5 January 2025 to 9 February 2025)" in text["chronology"]
    assert "Ethnicity: Black, Black British, Caribbean or African: Caribbean." in text["diversity"]
    assert "Preferred language: Polish; an interpreter was needed." in text["diversity"]
    assert "Religion or belief: Christian." in text["diversity"]
    assert (
        "No expert appointed for Disability (Rotherham 19.4): The child had no known disability"
        in (text["diversity"])
    )
    assert (
        "No expert appointed for Race and culture (Rotherham 19.3), and no reasons recorded."
        in (text["diversity"])
    )
    assert "language needs" in text["diversity"]
    assert text["lessons"] == "No lessons agreed yet."
    assert text["introduction"] == "" and text["analysis"] == ""
    assert AuditEvent.objects.filter(action="report.start").count() == 1

    page = client.get(reverse("publication:draft", args=[review.pk, report.pk]))
    assert page.status_code == 200
    assert "Summary of the integrated chronology" in page.text
    # Starting it again is refused.
    again = client.post(reverse("publication:draft_start", args=[review.pk]), {"kind": "overview"})
    assert again.status_code == 200 and "already been started" in again.text


def test_the_learning_sections_come_from_the_learning_record(world):
    review = review_with_data(world)
    chair = world.user("panel_chair")
    lesson = lesson_of(world, review, category="disability", text="Share referrals the same day.")
    lesson_of(world, review, text="Not agreed: left out")
    learning.agree_lessons(review, actor=chair, context=SYSTEM)
    learning.withdraw_lesson(
        review.lessons.get(text="Not agreed: left out"),
        actor=chair,
        context=SYSTEM,
        reason="Entered twice",
    )
    recommendation = recommendation_of(world, review, lessons=[lesson])
    action_of(world, recommendation)
    text = _texts_of(report_assembly.assemble(review, "overview"))
    assert text["lessons"] == "1. Share referrals the same day. [highlighted: Rotherham 19.4]"
    assert text["recommendations"].startswith(
        "1. Audit how referrals are followed up — Board level"
    )
    assert text["action_plan"].startswith("Recommendation 1: ")
    assert "expected change" in text["action_plan"]


def _texts_of(sections):
    return {s["key"]: s["text"] for s in sections}


def test_saving_makes_a_new_version_and_a_stale_save_keeps_the_users_text(world, client_for):
    review = review_with_data(world)
    report = start(world, review)
    url = reverse("publication:draft", args=[review.pk, report.pk])
    author = client_for(world.user("panel_chair"))
    body = {
        "lock_version": 0,
        "introduction": "The board held this review to learn how services worked together.",
        "analysis": "The referral was not passed on because the duty team was short-staffed.",
        "conclusions": "",
        "note": "First draft",
        # An assembled section cannot be typed over.
        "circumstances": "Typed over",
    }
    response = author.post(url, body)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.lock_version == 1
    v2 = report.versions.get(number=2)
    assert v2.note == "First draft" and v2.created_by == world.user("panel_chair")
    assert _texts(v2)["analysis"].startswith("The referral was not passed on")
    assert _texts(v2)["circumstances"] != "Typed over"
    # Version 1 is unchanged.
    assert _texts(report.versions.get(number=1))["analysis"] == ""

    # Someone else saved meanwhile: the stale save is refused, nothing saved, text kept.
    stale = author.post(url, body | {"analysis": "My later thoughts on the referral."})
    assert stale.status_code == 200
    assert "Someone else saved a new version" in stale.text
    assert "My later thoughts on the referral." in stale.text
    assert ReportVersion.objects.filter(report=report).count() == 2

    unchanged = author.post(url, body | {"lock_version": 1})
    assert "You have not changed any section" in unchanged.text

    # A panel member comments but does not write the report.
    member = client_for(world.user("panel_member"))
    assert member.post(url, body | {"lock_version": 1}).status_code == 403
    assert client_for(world.user("agency_author")).get(url).status_code == 403


def test_blaming_wording_is_shown_to_the_author_with_the_clause(world, client_for):
    review = review_with_data(world)
    report = start(world, review)
    report_services.save_version(
        report,
        actor=world.user("board_manager"),
        context=SYSTEM,
        texts={"analysis": "The social worker was at fault.\nMs Holt failed to visit."},
        lock_version=0,
    )
    page = client_for(world.user("board_manager")).get(
        reverse("publication:draft", args=[review.pk, report.pk])
    )
    assert "2 phrases to reconsider (Rotherham 19.2)" in page.text
    assert "Wording to reconsider (Rotherham 19.2)" in page.text
    assert "Line 1: “was at fault” (at fault)" in page.text
    assert "Line 2: “Ms Holt failed to” (failed to (a named individual))" in page.text
    # The assembled sections are the review's record, not the author's wording.
    found = report_services.wording_findings(report_services.latest(report))
    assert set(found) == {"analysis"}


def test_reassembly_takes_the_new_data_and_keeps_the_narrative(world, client_for):
    review = review_with_data(world)
    report = start(world, review)
    manager = world.user("board_manager")
    report_services.save_version(
        report, actor=manager, context=SYSTEM, texts={"analysis": "Our analysis."}, lock_version=0
    )
    ChronologyEntry.objects.filter(review=review).update(withdrawn_at="2026-03-21T10:00Z")
    client = client_for(manager)
    response = client.post(
        reverse("publication:draft_reassemble", args=[review.pk, report.pk]), {"lock_version": 1}
    )
    assert response.status_code == 302
    v3 = report.versions.get(number=3)
    assert _texts(v3)["analysis"] == "Our analysis."
    assert _texts(v3)["chronology"] == "No entries are in the integrated chronology yet."
    assert v3.note == "Re-assembled from the review's data"
    # A stale re-assembly is refused and says so.
    client.post(
        reverse("publication:draft_reassemble", args=[review.pk, report.pk]), {"lock_version": 1}
    )
    assert report.versions.count() == 3


def test_the_difference_between_two_versions_is_marked_up_per_section(world, client_for):
    assert diff_text("the visit was late", "the visit was not late") == [
        (SAME, "the visit was "),
        (ADDED, "not "),
        (SAME, "late"),
    ]
    assert diff_text("a b", "a c") == [(SAME, "a "), (REMOVED, "b"), (ADDED, "c")]

    review = review_with_data(world)
    report = start(world, review)
    report_services.save_version(
        report,
        actor=world.user("board_manager"),
        context=SYSTEM,
        texts={"analysis": "The referral was received on time."},
        lock_version=0,
    )
    report_services.save_version(
        report,
        actor=world.user("board_manager"),
        context=SYSTEM,
        texts={"analysis": "The referral was received late."},
        lock_version=1,
    )
    client = client_for(world.user("panel_member"))
    page = client.get(
        reverse("publication:draft_diff", args=[review.pk, report.pk]), {"from": 2, "to": 3}
    )
    assert page.status_code == 200
    assert (
        '<del class="app-diff-removed"><span class="govuk-visually-hidden">removed: </span>'
        "on time.</del>" in page.text
    )
    assert (
        '<ins class="app-diff-added"><span class="govuk-visually-hidden">added: </span>'
        "late.</ins>" in page.text
    )
    assert 'Terms of reference <span class="govuk-body-s">(no change)</span>' in page.text
    assert (
        client.get(
            reverse("publication:draft_diff", args=[review.pk, report.pk]), {"from": 9}
        ).status_code
        == 404
    )


def test_comments_are_added_per_section_and_resolved_not_deleted(world, client_for):
    review = review_with_data(world)
    report = start(world, review)
    url = reverse("publication:draft_comment", args=[review.pk, report.pk])
    member = client_for(world.user("panel_member"))
    missing = member.post(url, {"section_key": "analysis", "text": ""})
    assert missing.status_code == 200 and "Enter your comment" in missing.text
    assert member.post(url, {"section_key": "nowhere", "text": "Hm"}).status_code == 200
    response = member.post(url, {"section_key": "analysis", "text": "Say why the visit slipped"})
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    assert comment.section_key == "analysis" and comment.author == world.user("panel_member")

    resolve = reverse("publication:draft_comment_resolve", args=[review.pk, report.pk])
    assert member.post(resolve, {"comment": comment.pk}).status_code == 403
    author = client_for(world.user("panel_chair"))
    assert author.post(resolve, {"comment": comment.pk}).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_by == world.user("panel_chair") and comment.resolved_at
    page = author.get(reverse("publication:draft", args=[review.pk, report.pk]))
    assert "Say why the visit slipped" in page.text and "Resolved" in page.text
    assert AuditEvent.objects.filter(action="report.comment_resolve").count() == 1
