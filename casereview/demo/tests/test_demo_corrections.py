"""The demonstration's corrected decision: made again with a reason, the first kept."""

import pytest
from django.utils import timezone

from casereview.cases.models import Amendment, Decision


@pytest.mark.django_db
def test_the_demo_board_has_one_decision_made_again_with_its_first_version_kept(demo):
    amendment = Amendment.objects.get(kind="redecided")
    assert amendment.notification.board.slug == "eastbrook"
    assert amendment.before["outcome"] == "no_review"
    assert amendment.after["outcome"] == "other_learning"
    assert "chronologies" in amendment.reason
    decision = Decision.objects.get(pk=amendment.record_id)
    assert decision.outcome == "other_learning"
    assert decision.decided_on <= timezone.localdate()
    assert amendment.amended_at <= timezone.now()
    assert decision.recorded_at == amendment.amended_at
