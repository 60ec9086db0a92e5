"""Agency reports (individual management reviews): the list, requests, one report with its
sections, submission, the panel's decision, and attached documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import board_of, get_for, list_for
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.documents import services as documents
from casereview.documents.models import Document
from casereview.lib.forms import apply_validation_error, submitted

from ..lookup import review_for
from ..models import AgencyReport, ReportStatus
from . import services
from .forms import (
    REPORT_FIELDS,
    DecideReportForm,
    ReportForm,
    RequestReportForm,
    UploadForm,
)

TAG_COLOURS = {
    ReportStatus.REQUESTED: "grey",
    ReportStatus.DRAFT: "blue",
    ReportStatus.SUBMITTED: "yellow",
    ReportStatus.RETURNED: "red",
    ReportStatus.ACCEPTED: "green",
}


READ = "section.reports"


def _report(request, review, item_pk, action=READ) -> AgencyReport:
    return get_for(
        request,
        AgencyReport.objects.filter(review=review).select_related("agency", "author"),
        item_pk,
        action,
    )


def report_list(request, pk, form=None):
    review = review_for(request, pk, READ)
    reports = list(
        list_for(request, AgencyReport, READ)
        .filter(review=review)
        .select_related("agency", "author")
    )
    may_request = can(request.user, "review.manage", review)
    terms = services.agreed_terms(review) if may_request else None
    asked = {r.agency_id for r in reports}
    wanted = terms.requested_reports.all() if terms else []
    from_terms = [r for r in wanted if r.agency_id not in asked]
    agencies = services.requestable_agencies(review)
    if may_request and form is None:
        form = RequestReportForm(agencies=agencies)
    return render(
        request,
        "reviews/reports/list.html",
        {
            "review": review,
            "reports": [(r, TAG_COLOURS[r.status]) for r in reports],
            "may_request": may_request and agencies.exists(),
            "form": form,
            "terms": terms,
            "from_terms": from_terms,
        },
    )


@require_POST
def report_request(request, pk):
    review = review_for(request, pk, "review.manage")
    form = RequestReportForm(request.POST, agencies=services.requestable_agencies(review))
    ok, report = submitted(
        request,
        form,
        lambda: services.request_report(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"{report.agency.name} is asked for a report")
        return redirect("reviews:reports", pk=review.pk)
    return report_list(request, pk, form=form)


@require_POST
def report_request_from_terms(request, pk):
    review = review_for(request, pk, "review.manage")
    try:
        reports = services.request_from_terms(
            review, actor=request.user, context=context_of(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{len(reports)} agenc{'y is' if len(reports) == 1 else 'ies are'} asked"
        )
    return redirect("reviews:reports", pk=review.pk)


def _initial(report: AgencyReport) -> dict:
    return {name: getattr(report, name) for name in REPORT_FIELDS} | {
        "lock_version": report.lock_version
    }


def _detail(request, review, report, *, form=None, decide_form=None, upload_form=None, status=200):
    user = request.user
    may_write = report.status in services.EDITABLE and can(user, "report.write", report)
    may_decide = report.status == ReportStatus.SUBMITTED and can(user, "report.decide", report)
    if may_write and form is None:
        form = ReportForm(initial=_initial(report))
    return render(
        request,
        "reviews/reports/detail.html",
        {
            "review": review,
            "report": report,
            "colour": TAG_COLOURS[report.status],
            "may_write": may_write,
            "may_withdraw": can(user, "report.write", report),
            "withdrawn": documents.all_documents_of(report).filter(withdrawn_at__isnull=False),
            "may_decide": may_decide,
            # base.html shows the error summary of `form`; each form here shows its own.
            "report_form": form,
            "decide_form": decide_form or (DecideReportForm() if may_decide else None),
            "upload_form": (upload_form or UploadForm()) if may_write else None,
            "documents": documents.documents_of(report),
            "sections": _read_sections(report),
            "form": next(
                (f for f in (form, decide_form, upload_form) if f is not None and f.errors), None
            ),
        },
        status=status,
    )


def _read_sections(report):
    form = ReportForm(initial=_initial(report))
    return [
        (slug, title, [(field.label, getattr(report, field.name)) for field in fields])
        for slug, title, fields in form.sections()
    ]


def report_detail(request, pk, item_pk):
    review = review_for(request, pk, READ)
    if request.method != "POST":
        report = _report(request, review, item_pk)
        return _detail(request, review, report)
    report = _report(request, review, item_pk, "report.write")
    return _save(request, review, report, services.save_report, "Your changes are saved")


@require_POST
def report_submit(request, pk, item_pk):
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk, "report.write")
    return _save(
        request, review, report, services.submit_report, "The report is submitted to the panel"
    )


def _save(request, review, report, service, done: str):
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            service(
                report,
                actor=request.user,
                context=context_of(request),
                fields=form.report_fields(),
                lock_version=form.cleaned_data["lock_version"],
            )
        except services.Conflict as error:
            form.add_error(None, error)
            # The page shows what is saved now; the form keeps what this user typed, and
            # carries the new version so that saving again is a deliberate overwrite.
            report.refresh_from_db()
            data = request.POST.copy()
            data["lock_version"] = str(report.lock_version)
            form.data = data
            return _detail(request, review, report, form=form, status=409)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect("reviews:report", pk=review.pk, item_pk=report.pk)
    return _detail(request, review, report, form=form)


@require_POST
def report_decide(request, pk, item_pk):
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk, "report.decide")
    form = DecideReportForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: services.decide_report(
            report, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        accepted = report.status == ReportStatus.ACCEPTED
        messages.success(
            request,
            f"The {report.agency.name} report is "
            + ("accepted" if accepted else "returned to the agency"),
        )
        return redirect("reviews:report", pk=review.pk, item_pk=report.pk)
    return _detail(request, review, report, decide_form=form)


@require_POST
def report_upload(request, pk, item_pk):
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk, "report.write")
    form = UploadForm(request.POST, request.FILES)
    ok, document = submitted(
        request,
        form,
        lambda: services.attach_document(
            report,
            actor=request.user,
            context=context_of(request),
            upload=form.cleaned_data["file"],
        ),
    )
    if ok:
        messages.success(request, f"{document.original_name} is attached")
        return redirect("reviews:report", pk=review.pk, item_pk=report.pk)
    return _detail(request, review, report, upload_form=form)


def report_document(request, pk, item_pk, document_pk):
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk)
    document = get_for_document(request, report, document_pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = FileResponse(
        documents.open_for_download(document, actor=request.user, context=context_of(request)),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def get_for_document(request, report: AgencyReport, document_pk) -> Document:
    """A document of a report the user can see; 404 (audited) otherwise."""
    document = documents.documents_of(report).filter(pk=document_pk).first()
    if document is None:
        record(
            "deny",
            Document,
            "not_found",
            object_id=str(document_pk),
            board_id=board_of(Document, document_pk),
            actor=request.user,
            context=context_of(request),
        )
        raise Http404
    return document
