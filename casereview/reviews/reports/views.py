"""Agency reports (individual management reviews): the list, requests, one report with its
sections, submission, the panel's decision, and attached documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
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
from .chronology_link import chronology_of
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
            # The file to attach is part of the report form (so its text is saved with it);
            # a post of the file alone shows its own form's error there.
            "file_field": (upload_form or form)["file"] if may_write else None,
            "documents": documents.documents_of(report),
            "sections": _read_sections(report),
            "chronology_link": chronology_of(report),
            "form": next(
                (f for f in (form, decide_form, upload_form) if f is not None and f.errors), None
            ),
        },
        status=status,
    )


def _read_sections(report):
    form = ReportForm(initial=_initial(report))
    return [
        (
            slug,
            title,
            [(field.label, getattr(report, field.name)) for field in fields]
            + (_chronology_rows(report) if slug == "chronology" else []),
        )
        for slug, title, fields in form.sections()
    ]


def _chronology_rows(report) -> list[tuple[str, str]]:
    link = chronology_of(report)
    rows = []
    if link is not None:
        rows.append(("The agency's chronology", _entries(link)))
    if report.chronology_summary.strip():
        rows.append(("Summary written before the chronology", report.chronology_summary))
    return rows


def _entries(link) -> str:
    count = f"{link.entries} entr{'y' if link.entries == 1 else 'ies'}"
    return f"{count}, {link.status.lower()}"


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


def _attach(request, report, form: ReportForm):
    """Attach the file chosen in the report form, if any; its refusal goes on the form."""
    upload = form.cleaned_data.get("file")
    if not upload:
        return None
    try:
        return services.attach_document(
            report, actor=request.user, context=context_of(request), upload=upload
        )
    except ValidationError as error:
        apply_validation_error(form, error)
        return False


def _save(request, review, report, service, done: str, *, attach_required: bool = False):
    """Every action on the report form keeps what was typed: the draft is saved (or, on
    submission, the report saved and sent) and a chosen file attached, all in this request.
    Saving comes first, so a refused file never costs the text; a submission attaches the
    file first, while the report can still take it."""
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        if request.FILES.get("file"):
            form.add_error("file", "Select the file again once the report is corrected")
        return _detail(request, review, report, form=form)
    submitting = service is services.submit_report
    attached = _attach(request, report, form) if submitting else None
    if attached is False:
        return _detail(request, review, report, form=form)
    try:
        service(
            report,
            actor=request.user,
            context=context_of(request),
            fields=form.report_fields(),
            lock_version=form.cleaned_data["lock_version"],
        )
    except services.Conflict as error:
        if attached:
            messages.success(request, f"{attached.original_name} is attached")
        elif request.FILES.get("file"):
            form.add_error("file", "Select the file again: it was not attached")
        return _conflict(request, review, report, form, error)
    except ValidationError as error:
        if attached:  # a submission refused: the file it carried is attached all the same
            messages.success(request, f"{attached.original_name} is attached")
        apply_validation_error(form, error)
        return _detail(request, review, report, form=form)
    if not submitting:
        attached = _attach(request, report, form)
        if attached is None and attach_required:
            form.add_error("file", "Select a file")
            attached = False
        if attached is False:
            # The text is saved; the page shows it with the new version and the file's error.
            messages.success(request, done)
            return _detail(request, review, report, form=_kept(report, form))
    if attached:
        done = f"{done}. {attached.original_name} is attached"
    messages.success(request, done)
    withdraw = _document_to_withdraw(request, report)
    if withdraw is not None and not submitting:
        return redirect(
            "reviews:report_document_withdraw",
            pk=review.pk,
            item_pk=report.pk,
            document_pk=withdraw.pk,
        )
    return redirect("reviews:report", pk=review.pk, item_pk=report.pk)


def _kept(report, form: ReportForm) -> ReportForm:
    """The form as posted, carrying the report's new version (its text is saved)."""
    data = form.data.copy()
    data["lock_version"] = str(report.lock_version)
    kept = ReportForm(data)
    kept.is_valid()
    for error in form.errors.get("file", []):
        kept.add_error("file", error)
    return kept


def _conflict(request, review, report, form: ReportForm, error):
    form.add_error(None, error)
    # The page shows what is saved now; the form keeps what this user typed, and carries the
    # new version so that saving again is a deliberate overwrite.
    report.refresh_from_db()
    data = request.POST.copy()
    data["lock_version"] = str(report.lock_version)
    form.data = data
    return _detail(request, review, report, form=form, status=409)


def _document_to_withdraw(request, report) -> Document | None:
    """The attachment whose "Withdraw" button was pressed (the draft is saved on the way)."""
    wanted = request.POST.get("withdraw", "")
    if not wanted:
        return None
    try:
        return documents.documents_of(report).filter(pk=wanted).first()
    except ValidationError:
        return None


@require_POST
def report_autosave(request, pk, item_pk):
    """The draft saved by the page while its author types (JavaScript): JSON, never HTML.
    The same permission, CSRF check, optimistic lock and audit event as saving the draft."""
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk, "report.write")
    form = ReportForm(request.POST)
    if not form.is_valid():
        return JsonResponse(
            {
                "saved": False,
                "message": "Not saved yet: " + _first_error(form),
                "errors": {k: [str(e) for e in v] for k, v in form.errors.items()},
            },
            status=400,
        )
    try:
        services.save_report(
            report,
            actor=request.user,
            context=context_of(request),
            fields=form.report_fields(),
            lock_version=form.cleaned_data["lock_version"],
            autosave=True,
        )
    except services.Conflict:
        return JsonResponse(
            {"saved": False, "conflict": True, "message": AUTOSAVE_CONFLICT}, status=409
        )
    except ValidationError as error:
        return JsonResponse({"saved": False, "message": " ".join(error.messages)}, status=400)
    saved_at = timezone.localtime()
    return JsonResponse(
        {
            "saved": True,
            "lock_version": report.lock_version,
            "saved_at": saved_at.strftime("%H:%M"),
            "message": f"Saved at {saved_at:%H:%M}",
        }
    )


AUTOSAVE_CONFLICT = (
    "Not saved: someone else saved this report while you were writing. Your text is still on "
    "this page. Choose \u2018Save the draft\u2019 to see both versions and decide what to keep."
)


def _first_error(form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return "check the report"


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
    """ "Attach the file": from the report form, the typed text is saved first and the file
    attached in the same request; a post of the file alone (no report fields) attaches it."""
    review = review_for(request, pk, READ)
    report = _report(request, review, item_pk, "report.write")
    if "lock_version" in request.POST:
        return _save(
            request,
            review,
            report,
            services.save_report,
            "Your changes are saved",
            attach_required=True,
        )
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
    return documents.attachment(document, actor=request.user, context=context_of(request))


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
