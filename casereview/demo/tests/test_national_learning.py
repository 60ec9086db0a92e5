"""The national scale's learning rows: older reviews get recommendations and actions (one
each), every action's agency is of its review's board, verified ones carry evidence."""

import pytest

from casereview.demo.national import generate_national
from casereview.demo.national_learning import OLDER_THAN, RECOMMENDATIONS
from casereview.learning.models import Action, Recommendation, Verification
from casereview.reviews.models import Review


@pytest.mark.django_db
def test_older_national_reviews_get_recommendations_and_actions():
    generate_national(
        boards=2, notifications_per_board=8, reviews_per_board=4, users_per_board=20, batch_size=5
    )
    from django.utils import timezone

    today = timezone.localdate()
    older = [r for r in Review.objects.all() if (today - r.opened_at.date()).days >= OLDER_THAN]
    assert older, "the plans give some older reviews"
    assert Recommendation.objects.count() == RECOMMENDATIONS * len(
        [r for r in older if r.notification.involvements.exists()]
    )
    assert Action.objects.count() == Recommendation.objects.count()
    for action in Action.objects.select_related("review", "owner_agency"):
        assert action.owner_agency.board_id == action.review.board_id
    assert all(v.evidence for v in Verification.objects.all())
    assert Verification.objects.count() == Action.objects.filter(status="verified").count()
