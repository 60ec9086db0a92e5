"""The review's compliance summary (what it owes, from the procedure engine) as a document
to print and send (PDF or Word): whoever may read the compliance page may download it,
with the lines they may read there."""

from casereview.audit.context import context_of
from casereview.procedure import catalogue
from casereview.procedure.engine import by_stage, evaluate

from . import printed
from .compliance import lines_for
from .lookup import review_for


def compliance_download(request, pk):
    review = review_for(request, pk, "section.compliance")
    case = review.notification
    stages = [
        (stage, [r for r in items if r.status != "not_applicable"])
        for stage, items in by_stage(lines_for(request.user, review, evaluate(case)))
    ]
    return printed.download(
        printed.compliance_summary(
            review, catalogue.version_of(case.regime, case.regime_version), stages
        ),
        request.GET.get("format", "pdf"),
        review,
        board=review.board,
        actor=request.user,
        context=context_of(request),
    )
