"""The panel's quality self-assessment: every marker rated with its evidence, optimistic
locking, shown on the review's compliance page to the readers of the publication section."""

from __future__ import annotations

from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.publication import quality
from casereview.publication.models import QualityRating
from casereview.publication.quality_markers import MARKERS, SOURCE
from casereview.publication.tests.helpers import rate_everything, review_with_data


def test_markers_are_our_own_list_with_their_source_cited():
    keys = [m.key for m in MARKERS]
    assert len(keys) == len(set(keys))
    assert {"clear_purpose", "family_involvement", "analysis", "smart_recommendations"} <= set(keys)
    assert {m.group for m in MARKERS} == {"Setting up the review", "Running the review", "Outputs"}
    assert "SCIE and NSPCC" in SOURCE


def test_the_panel_rates_each_marker_with_its_evidence(world, client_for):
    review = review_with_data(world)
    url = reverse("publication:quality", args=[review.pk])
    member = client_for(world.user("panel_member"))
    page = member.get(url)
    assert page.status_code == 200 and "11 markers not rated yet" in page.text
    assert "Analysis beyond description" in page.text and "SCIE and NSPCC" in page.text

    no_evidence = member.post(url, {"analysis_rating": "partly", "analysis_evidence": ""})
    assert no_evidence.status_code == 200
    assert "Enter the evidence for this rating in the review" in no_evidence.text
    assert not QualityRating.objects.exists()

    done = member.post(
        url,
        {
            "analysis_rating": "partly",
            "analysis_evidence": "Section 5 explains the duty team's pressures",
            "analysis_lock": "",
        },
    )
    assert done.status_code == 302
    rating = QualityRating.objects.get()
    assert (rating.marker, rating.rating, rating.rated_by) == (
        "analysis",
        "partly",
        world.user("panel_member"),
    )
    assert [m.key for m in quality.missing(review)] == [
        m.key for m in MARKERS if m.key != "analysis"
    ]

    # The chair changes it; the member's later change from the old reading is refused.
    chair = client_for(world.user("panel_chair"))
    chair.post(url, {"analysis_rating": "met", "analysis_evidence": "Agreed", "analysis_lock": 0})
    stale = member.post(
        url, {"analysis_rating": "not_met", "analysis_evidence": "Thin", "analysis_lock": 0}
    )
    assert "Someone else changed this rating" in stale.text
    rating.refresh_from_db()
    assert (rating.rating, rating.lock_version) == ("met", 1)
    assert AuditEvent.objects.filter(action="quality.rate").count() == 2

    # The board chair reads the ratings but does not rate.
    board = client_for(world.user("board_chair"))
    assert 'id="quality-form"' not in board.get(url).text
    assert board.post(url, {"analysis_rating": "met", "analysis_evidence": "x"}).status_code == 403


def test_the_compliance_page_shows_the_self_assessment(world, client_for):
    review = review_with_data(world)
    rate_everything(world, review, rating="partly")
    url = reverse("reviews:compliance", args=[review.pk])
    page = client_for(world.user("board_manager")).get(url)
    assert "The panel&#x27;s quality self-assessment" in page.text or (
        "The panel's quality self-assessment" in page.text
    )
    assert 'id="quality-smart_recommendations"' in page.text
    assert "Evidence for SMART recommendations" in page.text
    # An agency author reads their compliance lines, not the publication section.
    agency = client_for(world.user("agency_author")).get(url)
    assert agency.status_code == 200 and 'id="quality"' not in agency.text
