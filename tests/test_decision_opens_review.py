"""The chair's decision (cases) opens the review (reviews): a test above both apps, since
the cases app does not import the reviews app (ARCHITECTURE.md, Layering)."""

from casereview.cases.models import Decision
from casereview.reviews.models import Review
from conftest import decide, recommend, verified_client


def test_the_chair_decides_to_hold_a_review_and_the_review_opens(world, notification):
    recommend(world, notification)
    response = decide(
        verified_client(world.user("board_chair")), notification, dissent="One member disagreed."
    )
    assert response.status_code == 302
    decision = Decision.objects.get(notification=notification)
    assert decision.dissent == "One member disagreed."
    review = Review.objects.get(notification=notification)
    assert review.status == "decided" and review.regime == world.board.default_regime
    assert review.status_changes.get().to_status == "decided"


def test_other_outcomes_open_no_review(world, notification):
    recommend(world, notification)
    decide(verified_client(world.user("board_chair")), notification, outcome="no_review")
    assert Decision.objects.filter(notification=notification).exists()
    assert not Review.objects.exists()
