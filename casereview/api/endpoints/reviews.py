"""Reviews, their compliance with the procedure, and the agency reports (metadata and
status; the reports' text stays on the web pages). Each read goes through the review's
section actions, as the pages do."""

from __future__ import annotations

from uuid import UUID

from ninja import Query, Router, Schema

from casereview.accounts.access import get_for, list_for
from casereview.procedure import working_days
from casereview.procedure.engine import evaluate
from casereview.reviews.compliance import lines_for, obligation_row
from casereview.reviews.lookup import review_for
from casereview.reviews.models import AgencyReport, Review
from casereview.reviews.tables import AGENCY_REPORTS, REVIEWS

from ..paging import Page, PageParams
from ..representations import report_data, review_data
from ..schemas import REPORT_STATUSES, REVIEW_STATUSES, AgencyReportOut, ComplianceOut, ReviewOut
from .common import READ_ERRORS, ExportParams, exported, listed, respond, wanted

router = Router(tags=["reviews"])

REPORTS = "section.reports"


class ReviewFilter(Schema):
    status: REVIEW_STATUSES | None = None
    board: str | None = None


class ReportFilter(Schema):
    status: REPORT_STATUSES | None = None


@router.get(
    "/reviews",
    response={200: Page[ReviewOut], **READ_ERRORS},
    url_name="review_list",
    summary="The reviews you may see",
)
def review_list(
    request, page: Query[PageParams], where: Query[ReviewFilter], out: Query[ExportParams]
):
    rows = list_for(request, Review).select_related("board", "notification")
    if where.status:
        rows = rows.filter(status=where.status)
    if where.board:
        rows = rows.filter(board__slug=where.board)
    rows = rows.order_by("-opened_at", "id")
    if kind := wanted(out):
        return exported(request, Review, rows, kind, REVIEWS, "reviews")
    return listed(request, Review, rows, page, review_data)


@router.get("/reviews/{pk}", response={200: ReviewOut, **READ_ERRORS}, url_name="review_detail")
def review_detail(request, pk: UUID):
    return respond(request, review_data(review_for(request, pk, "section.stage")))


@router.get(
    "/reviews/{pk}/compliance",
    response={200: ComplianceOut, **READ_ERRORS},
    url_name="review_compliance",
    summary="Each duty of the procedure: its status, due date and evidence",
)
def review_compliance(request, pk: UUID):
    review = review_for(request, pk, "section.compliance")
    case = review.notification
    results = lines_for(request.user, review, evaluate(case, calendar=working_days.current()))
    return respond(
        request,
        {
            "review": str(review.pk),
            "regime": case.regime,
            "regime_version": case.regime_version,
            "obligations": [obligation_row(r) for r in results],
        },
    )


@router.get(
    "/reviews/{pk}/agency-reports",
    response={200: Page[AgencyReportOut], **READ_ERRORS},
    url_name="agency_report_list",
)
def agency_report_list(
    request,
    pk: UUID,
    page: Query[PageParams],
    where: Query[ReportFilter],
    out: Query[ExportParams],
):
    review = review_for(request, pk, REPORTS)
    rows = list_for(request, AgencyReport, REPORTS).filter(review=review).select_related("agency")
    if where.status:
        rows = rows.filter(status=where.status)
    rows = rows.order_by("due_on", "id")
    if kind := wanted(out):
        return exported(request, AgencyReport, rows, kind, AGENCY_REPORTS, "agency-reports", review)
    return listed(request, AgencyReport, rows, page, report_data)


@router.get(
    "/reviews/{pk}/agency-reports/{report_pk}",
    response={200: AgencyReportOut, **READ_ERRORS},
    url_name="agency_report_detail",
)
def agency_report_detail(request, pk: UUID, report_pk: UUID):
    review = review_for(request, pk, REPORTS)
    report = get_for(
        request,
        AgencyReport.objects.filter(review=review).select_related("agency"),
        report_pk,
        REPORTS,
    )
    return respond(request, report_data(report))
