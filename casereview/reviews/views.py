from django.shortcuts import render

from casereview.accounts.access import get_for, list_for
from casereview.audit.services import record

from .models import Review


def review_list(request):
    reviews = list_for(request, Review).select_related("board", "notification")
    record(request, "list", Review, detail={"count": reviews.count()})
    return render(request, "reviews/list.html", {"reviews": reviews})


def review_detail(request, pk):
    review = get_for(
        request,
        Review.objects.select_related("board", "notification", "decision__decided_by"),
        pk,
    )
    changes = review.status_changes.select_related("changed_by")
    return render(request, "reviews/detail.html", {"review": review, "changes": changes})
