"""A review is published only through the publication page and its gate: the review
page's generic stage move to "Published" is refused, with where to go instead."""

from __future__ import annotations

from django.urls import reverse

from casereview.reviews.models import Review, ReviewStatus
from conftest import review_of


def test_the_stage_move_to_published_is_refused_by_hand(world, client_for):
    review = review_of(world)
    Review.objects.filter(pk=review.pk).update(status=ReviewStatus.BOARD_SIGN_OFF)
    client = client_for(world.user("board_manager"))
    page = client.get(reverse("reviews:detail", args=[review.pk])).text
    assert "Publish from the review&#x27;s publication page" in page
    response = client.post(
        reverse("reviews:move", args=[review.pk]), {"to": "published", "reason": ""}
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.BOARD_SIGN_OFF
    assert "Publish from the review&#x27;s publication page" in response.text
