"""Reviews with data to assemble reports from, and the steps to sign them off."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.chronology.models import AgencyChronology, ChronologyEntry, KeyPracticeEpisode
from casereview.publication import quality, report_services
from casereview.publication.models import ReportKind
from casereview.publication.quality_markers import MARKERS
from casereview.reviews.models import (
    AgencyReport,
    ExpertNotAppointed,
    PanelMember,
    ReviewStatus,
    TermsOfReference,
)
from conftest import review_of

ON = date(2026, 3, 20)


def review_with_data(world, status=ReviewStatus.OVERVIEW_DRAFTING):
    """A review with agreed terms, a panel, two agency reports, a chronology with a key
    practice episode, and the panel's reasons for appointing no disability expert."""
    review = review_of(
        world,
        agencies=[world.police, world.health],
        ethnicity="B1",
        religion="Christian",
        preferred_language="pl",
        interpreter_needed=True,
    )
    manager = world.user("board_manager")
    TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=date(2024, 5, 17),
        period_end=date(2026, 2, 1),
        family_involvement="The parents are invited to meet the panel",
        diversity_questions="How did services respond to the family's language needs?",
        specific_questions="Was the referral of May 2025 acted on?",
        status="agreed",
        agreed_on=ON,
        created_by=manager,
        created_at=timezone.now(),
    )
    PanelMember.objects.create(
        review=review,
        name="Pat Chair",
        role_title="Independent chair",
        independent_chair=True,
        joined_on=ON,
    )
    PanelMember.objects.create(
        review=review,
        name="Sam Nurse",
        role_title="Designated nurse",
        agency=world.health,
        joined_on=ON,
    )
    AgencyReport.objects.create(
        review=review,
        agency=world.police,
        requested_on=ON,
        due_on=ON,
        status="accepted",
        author_role="Detective inspector",
    )
    AgencyReport.objects.create(
        review=review, agency=world.health, requested_on=ON, due_on=ON, status="submitted"
    )
    for agency, days in (
        (world.police, (date(2025, 1, 5), date(2025, 6, 1))),
        (world.health, (date(2025, 2, 9),)),
    ):
        chronology = AgencyChronology.objects.create(review=review, agency=agency)
        for i, day in enumerate(days):
            ChronologyEntry.objects.create(
                review=review,
                chronology=chronology,
                agency=agency,
                occurred_from=day,
                occurred_to=day,
                precision="day",
                event="A home visit",
                source="browser",
                entered_by=manager,
                entered_at=timezone.now(),
                source_ref=f"R{i}",
            )
    KeyPracticeEpisode.objects.create(
        review=review,
        title="The referral in spring 2025",
        starts_on=date(2025, 1, 5),
        ends_on=date(2025, 2, 9),
        marked_by=manager,
        marked_at=timezone.now(),
    )
    ExpertNotAppointed.objects.create(
        review=review,
        kind="disability",
        reasons="The child had no known disability",
        decided_on=ON,
        recorded_by=manager,
        recorded_at=timezone.now(),
    )
    review.status = status
    review.save(update_fields=["status"])
    return review


def start(world, review, kind=ReportKind.OVERVIEW):
    return report_services.start(review, kind, actor=world.user("board_manager"), context=SYSTEM)


def rate_everything(world, review, rating="met"):
    quality.save(
        review,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        ratings={m.key: (rating, f"Evidence for {m.title}", 0) for m in MARKERS},
    )
