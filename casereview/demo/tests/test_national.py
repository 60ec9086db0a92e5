"""The national scale of `casereview seed`, bulk-loaded."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, Membership, Role, User
from casereview.cases.models import (
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    NotificationStatus,
    PanelRecommendation,
    Person,
    TaskKind,
)
from casereview.cases.vocab import PersonKind
from casereview.demo import generator
from casereview.demo.national import NATIONAL_AGENCY_KINDS, generate_national
from casereview.demo.tests.fictional import FICTIONAL_POSTCODE, postcodes_in
from casereview.reviews.models import Review, StatusChange


@pytest.mark.django_db
def test_national_bulk_path_writes_consistent_rows():
    result = generate_national(
        boards=3, notifications_per_board=5, reviews_per_board=2, users_per_board=20, batch_size=4
    )
    assert result.counts["boards"] == 3
    assert Agency.objects.count() == 12
    assert set(Agency.objects.values_list("kind", flat=True)) == set(NATIONAL_AGENCY_KINDS)
    assert User.objects.count() == 60
    assert TOTPDevice.objects.filter(confirmed=True).count() == 60
    assert Notification.objects.count() == 15
    assert Review.objects.count() == 6

    for n in Notification.objects.prefetch_related("people", "involvements", "tasks"):
        assert sum(p.kind == PersonKind.CHILD for p in n.people.all()) == 1
        agencies = {i.agency_id for i in n.involvements.all()}
        records = [t for t in n.tasks.all() if t.kind == TaskKind.RECORDS_SECURED]
        assert {t.agency_id for t in records} == agencies and len(records) == len(agencies)
        assert sum(t.kind == TaskKind.OTHER_CHILDREN for t in n.tasks.all()) == 1
        has_rec = PanelRecommendation.objects.filter(notification=n).exists()
        has_decision = Decision.objects.filter(notification=n).exists()
        assert n.status == (
            NotificationStatus.DECIDED
            if has_decision
            else NotificationStatus.RECOMMENDED
            if has_rec
            else NotificationStatus.NOTIFIED
        )
        assert has_rec or not has_decision
    for review in Review.objects.select_related("decision"):
        assert review.decision.outcome == DecisionOutcome.HOLD_REVIEW
        assert review.decision.notification_id == review.notification_id
        assert StatusChange.objects.filter(review=review, to_status="decided").count() == 1
    assert (
        Decision.objects.filter(outcome=DecisionOutcome.HOLD_REVIEW).count()
        == Review.objects.count()
    )
    assert not Membership.objects.filter(role=Role.AGENCY_AUTHOR, agency__isnull=True).exists()
    for m in Membership.objects.filter(agency__isnull=False).select_related("agency"):
        assert m.agency.board_id == m.board_id
    for text in Person.objects.values_list("address", flat=True):
        assert all(FICTIONAL_POSTCODE.match(code) for code in postcodes_in(text))
    assert KeyDate.objects.exists() and NotificationAgency.objects.exists()
    assert result.counts["audit events"] == 0
    assert generator.already_loaded()


@pytest.mark.django_db
def test_national_reviews_get_chronologies_with_context_and_events_two_agencies_record():
    from django.db.models import Count

    from casereview.chronology.models import AgencyChronology, ChronologyEntry

    generate_national(
        boards=1, notifications_per_board=6, reviews_per_board=3, users_per_board=20, batch_size=6
    )
    reviews = Review.objects.count()
    assert reviews and AgencyChronology.objects.values("review").distinct().count() == reviews
    per_review = ChronologyEntry.objects.values("review").annotate(n=Count("id"))
    assert all(row["n"] >= 100 for row in per_review)
    for chronology in AgencyChronology.objects.select_related("review__notification"):
        involved = set(chronology.review.notification.involvements.values_list("agency", flat=True))
        assert chronology.agency_id in involved
    assert ChronologyEntry.objects.filter(is_context=True).exists()
    assert ChronologyEntry.objects.filter(event__startswith="Told by ").exists()
    refs = ChronologyEntry.objects.values("chronology", "source_ref").annotate(n=Count("id"))
    assert not refs.filter(n__gt=1).exists()
