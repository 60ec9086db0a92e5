"""The demo's older reviews have lessons, recommendations with the board's response, and
actions at every status; the 19.2 obligations read them."""

from casereview.learning.models import (
    Action,
    ActionStatus,
    IncidentCoding,
    Lesson,
    Recommendation,
    Verification,
)
from casereview.national.models import NationalRecord
from casereview.procedure.registry import CHECKS


def test_older_demo_reviews_have_learning_at_every_status(demo):
    assert Lesson.objects.filter(agreed_at__isnull=False).exists()
    statuses = set(Action.objects.values_list("status", flat=True))
    assert statuses == set(ActionStatus.values), statuses
    for verification in Verification.objects.all():
        assert verification.evidence and verification.measure_before
    reviewed = {
        lesson.review.notification
        for lesson in Lesson.objects.select_related("review__notification")
    }
    met = CHECKS["lessons_identified"].fn(list(reviewed))
    assert set(met) == {n.pk for n in reviewed}
    # The panel's coding for the national record, which the signed-off reviews' records carry.
    coded = IncidentCoding.objects.select_related("review__notification")
    assert coded.count() == len({lesson.review_id for lesson in Lesson.objects.all()})
    for row in coded:
        died = row.review.notification.outcome == "death"
        assert bool(row.death_category) == died and bool(row.harm_types) != died
        assert row.maltreatment
    assert not Recommendation.objects.filter(types=[]).exists()
    records = NationalRecord.objects.filter(submitted_via="sign_off")
    assert records.exists()
    assert all(r.recommendation_types and r.maltreatment for r in records)
