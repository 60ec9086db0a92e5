"""The one way the review's pages fetch their review: through the access helper."""

from casereview.accounts.access import get_for

from .models import Review


def review_for(
    request, pk, action: str = "case.view", *, register: bool = True, related: bool = True
) -> Review:
    """The review for this request's user, or 404/403 with an audit event. `register`: with
    the case's people and clock pauses (most review pages read them; the compliance page,
    which reads its pauses through the permission layer, does without). `related`: with its
    board, notification and decision (a page that shows none of them, such as the
    integrated chronology, reads the review's own row: the notification's many columns
    cost it more than the rest of the query)."""
    reviews = Review.objects.all()
    if related:
        reviews = reviews.select_related(
            "board", "notification__board", "notification__decision", "decision__decided_by"
        )
    if register:
        reviews = reviews.prefetch_related("notification__people", "notification__pauses")
    return get_for(request, reviews, pk, action)
