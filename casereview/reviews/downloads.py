"""The review's compliance summary (what it owes, from the procedure engine) as a document
to print and send (PDF or Word): whoever may read the compliance page may download it."""

from casereview.audit.context import context_of
from casereview.procedure import catalogue
from casereview.procedure.engine import by_stage, evaluate

from . import printed
from .lookup import review_for


def compliance_download(request, pk):
    review = review_for(request, pk)
    case = review.notification
    stages = [
        (stage, [r for r in items if r.status != "not_applicable"])
        for stage, items in by_stage(evaluate(case))
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
