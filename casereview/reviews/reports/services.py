"""State changes of agency reports (individual management reviews): request, save, submit,
accept or return, attach a document. Each checks its move and writes its rows with exactly
one audit event, in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casereview.accounts import mail
from casereview.accounts.models import Agency
from casereview.accounts.permissions import AGENCY_SCOPED, grants_of
from casereview.accounts.roles import Role
from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.name_masking import without_names
from casereview.documents import services as documents
from casereview.lib.date_rules import check_dates

from .. import kept
from ..dates import REPORT_DATES, REQUEST_DATES, review_bounds
from ..models import AgencyReport, ReportStatus, Review, TermsOfReference, TermsStatus
from .chronology_link import missing_chronology

EDITABLE = (ReportStatus.REQUESTED, ReportStatus.DRAFT, ReportStatus.RETURNED)
CONFLICT = (
    "Someone else saved this report while you were editing. Your changes are below; copy "
    "what you need, then reload."
)
# What a report must say before it goes to the panel: every section of the standard format
# [src: IMR standard format 2010; DOMAIN.md §3], the senior sign-off included. A draft may be
# saved with any of them empty.
REQUIRED_TO_SUBMIT = {
    "author_role": "Enter the author's role",
    "author_independence": "Enter how the author is independent of the case",
    "records_secured_on": "Enter the date the agency's records were secured",
    "context": "Enter the context",
    "methodology": "Enter the methodology",
    "analysis": "Enter the analysis",
    "lessons": "Enter the lessons for the agency",
    "recommendations": "Enter the recommendations",
    "action_plan": "Enter the action plan",
    "senior_sign_off_name": "Enter the name of the senior officer who signs off",
    "senior_sign_off_role": "Enter their role",
    "signed_off_on": "Enter the date signed off",
}
SAME_FILE = "{name} is already attached to this report: the selected file is the same file"


def missing_to_submit(fields: dict) -> dict[str, str]:
    """The required sections `fields` leaves empty, with the message for each."""
    return {
        name: message
        for name, message in REQUIRED_TO_SUBMIT.items()
        if fields.get(name) is None or not str(fields.get(name)).strip()
    }


class Conflict(ValidationError):
    """The report changed since the form was read (optimistic locking)."""

    def __init__(self):
        super().__init__(CONFLICT, code="conflict")


def agreed_terms(review: Review) -> TermsOfReference | None:
    return (
        review.terms.filter(status=TermsStatus.AGREED)
        .prefetch_related("requested_reports__agency")
        .order_by("-version")
        .first()
    )


def requestable_agencies(review: Review):
    """The agencies of the review's board not yet asked for a report."""
    return Agency.objects.filter(board_id=review.board_id).exclude(
        pk__in=review.agency_reports.values("agency_id")
    )


def report_path(report: AgencyReport) -> str:
    return reverse("reviews:report", args=[report.review_id, report.pk])


def tell_requested(report: AgencyReport, review: Review) -> None:
    """The agency's authors are told, with the due date and the terms of reference."""
    mail.tell(
        "report_requested",
        board_id=review.board_id,
        obj=report,
        reference=review.reference,
        link=report_path(report),
        role=Role.AGENCY_AUTHOR,
        agency_id=report.agency_id,
        extra={"due_on": report.due_on, "terms_link": reverse("reviews:terms", args=[review.pk])},
    )


def request_report(
    review: Review, *, actor, context: RequestContext, agency: Agency, due_on: date
) -> AgencyReport:
    if agency.board_id != review.board_id:
        raise ValidationError({"agency": "Choose an agency of this board"})
    check_dates({"due_on": due_on}, REQUEST_DATES, review_bounds(review))
    today = timezone.localdate()
    try:
        with transaction.atomic():
            report = AgencyReport.objects.create(
                review=review, agency=agency, requested_on=today, due_on=due_on
            )
            record(
                "report.request", report, actor=actor, context=context, detail={"agency": agency.pk}
            )
            tell_requested(report, review)
    except IntegrityError:
        raise ValidationError(
            {"agency": f"{agency.name} has already been asked for a report"}
        ) from None
    return report


def request_from_terms(review: Review, *, actor, context: RequestContext) -> list[AgencyReport]:
    """Ask every agency the agreed terms of reference name, by the date they give."""
    terms = agreed_terms(review)
    if terms is None:
        raise ValidationError("Agree the terms of reference first")
    asked = set(review.agency_reports.values_list("agency_id", flat=True))
    wanted = [r for r in terms.requested_reports.all() if r.agency_id not in asked]
    if not wanted:
        raise ValidationError("Every agency the terms ask for has already been asked")
    today = timezone.localdate()
    with transaction.atomic():
        reports = AgencyReport.objects.bulk_create(
            AgencyReport(review=review, agency=r.agency, requested_on=today, due_on=r.due_on)
            for r in wanted
        )
        kept.touch([review.notification_id])  # bulk_create sends no signals
        record(
            "report.request",
            review,
            actor=actor,
            context=context,
            detail={"agencies": [r.agency_id for r in wanted], "terms_version": terms.version},
        )
        for report in reports:
            tell_requested(report, review)
    return reports


def _update(report: AgencyReport, lock_version: int, **changes) -> None:
    """Write `changes` if nobody saved since `lock_version` was read; Conflict otherwise."""
    changed = AgencyReport.objects.filter(
        pk=report.pk, lock_version=lock_version, status__in=EDITABLE
    ).update(lock_version=lock_version + 1, **changes)
    if not changed:
        raise Conflict()
    kept.touch([report.review.notification_id])  # an update sends no signals
    for name, value in changes.items():
        setattr(report, name, value)
    report.lock_version = lock_version + 1


def _is_agency_author(actor, report: AgencyReport) -> bool:
    """The report's author is a writer of its agency, not the manager who helps."""
    return any(
        g.role in AGENCY_SCOPED and g.agency_id == report.agency_id for g in grants_of(actor)
    )


def _editable(report: AgencyReport) -> None:
    if report.status not in EDITABLE:
        raise ValidationError(
            f"This report is {report.get_status_display().lower()}; it cannot be changed now"
        )


def save_report(
    report: AgencyReport,
    *,
    actor,
    context: RequestContext,
    fields: dict,
    lock_version: int,
    autosave: bool = False,
) -> AgencyReport:
    """Save the draft as it stands, complete or not; `autosave` marks the saves the page makes
    by itself while the author types (the audit trail tells them apart)."""
    _editable(report)
    check_dates(fields, REPORT_DATES, review_bounds(report.review))
    changes = dict(fields)
    if report.status == ReportStatus.REQUESTED:
        changes["status"] = ReportStatus.DRAFT
    if report.author_id is None and _is_agency_author(actor, report):
        changes["author"] = actor
    with transaction.atomic():
        _update(report, lock_version, **changes)
        record(
            "report.save",
            report,
            actor=actor,
            context=context,
            detail={
                "fields": sorted(k for k, v in fields.items() if v not in ("", None)),
                **({"autosave": True} if autosave else {}),
            },
        )
    return report


def submit_report(
    report: AgencyReport, *, actor, context: RequestContext, fields: dict, lock_version: int
) -> AgencyReport:
    """Save the report as it stands and send it to the panel; every section the standard
    format asks for must be written, the senior sign-off included, and the agency's
    chronology must hold at least one entry (its chronology of involvement)."""
    _editable(report)
    missing = missing_to_submit(fields)
    if why := missing_chronology(report):
        missing[NON_FIELD_ERRORS] = why
    if missing:
        raise ValidationError(missing)
    check_dates(fields, REPORT_DATES, review_bounds(report.review))
    changes = dict(
        fields, status=ReportStatus.SUBMITTED, submitted_on=timezone.localdate(), decided_on=None
    )
    if report.author_id is None and _is_agency_author(actor, report):
        changes["author"] = actor
    with transaction.atomic():
        _update(report, lock_version, **changes)
        record("report.submit", report, actor=actor, context=context)
        review = report.review
        mail.tell(
            "report_submitted",
            board_id=review.board_id,
            obj=report,
            reference=review.reference,
            link=report_path(report),
            role=Role.PANEL_CHAIR,
        )
    return report


def decide_report(
    report: AgencyReport, *, actor, context: RequestContext, decision: str, reasons: str
) -> AgencyReport:
    """The panel accepts the report, or returns it with reasons."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError("Only a report submitted to the panel can be accepted or returned")
    if decision not in ("accept", "return"):
        raise ValidationError({"decision": "Select whether to accept or return the report"})
    if decision == "return" and not reasons.strip():
        raise ValidationError({"reasons": "Enter the reasons for returning the report"})
    status = ReportStatus.ACCEPTED if decision == "accept" else ReportStatus.RETURNED
    with transaction.atomic():
        changed = AgencyReport.objects.filter(
            pk=report.pk, status=ReportStatus.SUBMITTED, lock_version=report.lock_version
        ).update(
            status=status,
            decided_on=timezone.localdate(),
            returned_reasons=reasons.strip() if decision == "return" else "",
            lock_version=report.lock_version + 1,
        )
        if not changed:
            raise ValidationError("Someone else decided on this report meanwhile; look again")
        kept.touch([report.review.notification_id])  # an update sends no signals
        report.refresh_from_db()
        record(f"report.{decision}", report, actor=actor, context=context)
        if decision == "return":
            review = report.review
            mail.tell(
                "report_returned",
                board_id=review.board_id,
                obj=report,
                reference=review.reference,
                link=report_path(report),
                role=Role.AGENCY_AUTHOR,
                agency_id=report.agency_id,
                extra={
                    "reasons": without_names(report.returned_reasons, review.notification),
                    "due_on": report.due_on,
                },
            )
    return report


def attach_document(report: AgencyReport, *, actor, context: RequestContext, upload):
    """Keep an uploaded file with the report while it is being written; the same file (same
    SHA-256) is not attached twice."""
    _editable(report)
    return documents.store(
        board=report.review.board,
        owner=report,
        upload=upload,
        actor=actor,
        context=context,
        same_file=SAME_FILE,
    )
