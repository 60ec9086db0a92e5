"""An agency report as a document to print and send (PDF or Word): whoever may read the
report page may download it."""

from casereview.audit.context import context_of

from .. import printed
from ..lookup import review_for
from .views import READ, _read_sections, _report


def report_download(request, pk, item_pk):
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk)
    sections = [(title, fields) for _, title, fields in _read_sections(report)]
    return printed.download(
        printed.agency_report(review, report, sections),
        request.GET.get("format", "pdf"),
        report,
        board=review.board,
        actor=request.user,
        context=context_of(request),
    )
