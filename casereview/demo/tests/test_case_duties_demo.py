"""Under the later regimes the demo records the duties that come before a review on the
notification: the notices and the rapid review, most on time, some not yet."""

from casereview.demo import generator, places
from casereview.procedure.engine import evaluate
from casereview.reviews.compliance import still_owing
from casereview.reviews.models import OutboundNotification, RapidReview


def test_a_wt2018_board_has_its_rapid_reviews_and_panel_notices(db, monkeypatch):
    east, west = places.DEMO_BOARDS
    monkeypatch.setattr(places, "DEMO_BOARDS", (east, (*west[:3], "wt2018", west[4])))
    generator.generate_demo()
    from casereview.cases.models import Notification

    westmoor = Notification.objects.filter(board__slug="westmoor", status="decided")
    assert RapidReview.objects.filter(board__slug="westmoor").exists()
    assert OutboundNotification.objects.filter(
        board__slug="westmoor", recipient="national_panel"
    ).exists()
    without_review = [n for n in westmoor if not hasattr(n, "review")]
    assert without_review
    owing = [n for n in without_review if still_owing(n, evaluate(n))]
    settled = [n for n in without_review if not still_owing(n, evaluate(n))]
    assert settled  # most cases decided against a review owe nothing more
    assert len(owing) < len(without_review)
