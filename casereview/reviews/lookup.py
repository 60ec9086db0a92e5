"""The one way the review's pages fetch their review: through the access helper."""

from casereview.accounts.access import get_for

from .models import Review


def review_for(request, pk, action: str = "case.view") -> Review:
    """The review for this request's user, or 404/403 with an audit event."""
    return get_for(
        request,
        Review.objects.select_related(
            "board", "notification__board", "notification__decision", "decision__decided_by"
        ).prefetch_related("notification__people", "notification__pauses"),
        pk,
        action,
    )
