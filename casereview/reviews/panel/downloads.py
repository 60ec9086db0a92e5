"""The terms of reference as a document to print and send (PDF or Word)."""

from casereview.audit.context import context_of

from .. import printed
from ..lookup import review_for
from .views import _terms_version


def terms_download(request, pk, version):
    review = review_for(request, pk, "section.terms")
    terms = _terms_version(request, review, version)
    reports = terms.requested_reports.select_related("agency").order_by("agency__name")
    return printed.download(
        printed.terms_of_reference(review, terms, list(reports)),
        request.GET.get("format", "pdf"),
        terms,
        board=review.board,
        actor=request.user,
        context=context_of(request),
    )
