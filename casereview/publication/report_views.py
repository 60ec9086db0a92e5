"""The overview report and executive summary drafts: the list, one report's latest version
(or an older one) with its wording findings and comments, saving, re-assembling, the
difference between two versions, and the sign-off page (section.publication)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.forms import apply_validation_error, submitted
from casereview.procedure import citations
from casereview.reviews.dates import review_bounds
from casereview.reviews.lookup import review_for

from . import quality, report_services, report_signoff, wording
from .models import Report, ReportComment, ReportKind, SignOff, SignOffBy
from .quality_markers import SOURCE
from .report_diff import diff_versions
from .report_forms import (
    CommentForm,
    DraftForm,
    LockForm,
    ResolveForm,
    SignForm,
    StartForm,
    WithdrawForm,
)

SECTION = "section.publication"
DRAFT = "report.draft"


def drafts(request, pk, form=None):
    review = review_for(request, pk, SECTION)
    reports = {
        r.kind: r for r in Report.objects.visible_to(request.user, SECTION).filter(review=review)
    }
    rows = []
    for kind, label in ReportKind.choices:
        report = reports.get(kind)
        version = report_services.latest(report) if report else None
        rows.append({"kind": kind, "label": label, "report": report, "version": version})
    return render(
        request,
        "publication/reports/list.html",
        {
            "review": review,
            "rows": rows,
            "may_draft": can(request.user, DRAFT, review),
            "form": form,
        },
    )


@require_POST
def draft_start(request, pk):
    review = review_for(request, pk, SECTION)
    require(request, DRAFT, review)
    form = StartForm(request.POST)
    ok, report = submitted(
        request,
        form,
        lambda: report_services.start(
            review, form.cleaned_data["kind"], actor=request.user, context=context_of(request)
        ),
    )
    if not ok:
        return drafts(request, pk, form=form)
    messages.success(request, f"The {report.get_kind_display().lower()} is assembled")
    return redirect("publication:draft", pk=review.pk, item_pk=report.pk)


def _report(request, pk, item_pk, action=SECTION):
    review = review_for(request, pk, SECTION)
    report = get_for(request, Report.objects.filter(review=review), item_pk, action, scope=SECTION)
    return review, report


def _version(report, number):
    if number in (None, ""):
        return report_services.latest(report)
    try:
        return report.versions.get(number=int(number))
    except (ValueError, report.versions.model.DoesNotExist):
        raise Http404 from None


def _draft_page(request, review, report, *, form=None, comment_form=None):
    latest = report_services.latest(report)
    version = _version(report, request.GET.get("version")) if request.method == "GET" else latest
    user = request.user
    may_draft = can(user, DRAFT, report)
    editable = may_draft and version == latest and report.stage != "board_signed"
    if editable and form is None:
        initial = {s["key"]: s["text"] for s in latest.sections} | {
            "lock_version": report.lock_version
        }
        form = DraftForm(kind=report.kind, initial=initial)
    findings = report_services.wording_findings(version)
    comments = list(report_services.comments_of(report))
    sections = [
        {
            **s,
            "findings": findings.get(s["key"], []),
            "comments": [c for c in comments if c.section_key == s["key"]],
        }
        for s in version.sections
    ]
    may_comment = can(user, "report.comment", report)
    clause = citations.for_case(review)["lessons"]
    return render(
        request,
        "publication/reports/draft.html",
        {
            "review": review,
            "report": report,
            "version": version,
            "latest": latest,
            "versions": list(report.versions.select_related("created_by").order_by("-number")),
            "sections": sections,
            "finding_count": sum(len(f) for f in findings.values()),
            "clause": clause,
            "why": wording.why(clause),
            "draft_form": form if editable else None,
            "comment_form": comment_form
            or (CommentForm(sections=latest.sections) if may_comment else None),
            "may_draft": may_draft,
            "may_resolve": may_draft,
            "panel": report_signoff.current(report, SignOffBy.PANEL),
            "board": report_signoff.current(report, SignOffBy.BOARD),
            "ever_signed": report.sign_offs.filter(withdrawn_at__isnull=True).exists(),
            "form": next((f for f in (form, comment_form) if f is not None and f.errors), None),
        },
    )


def draft(request, pk, item_pk):
    if request.method != "POST":
        review, report = _report(request, pk, item_pk)
        return _draft_page(request, review, report)
    review, report = _report(request, pk, item_pk, DRAFT)
    form = DraftForm(request.POST, kind=report.kind)
    ok, version = submitted(
        request,
        form,
        lambda: report_services.save_version(
            report,
            actor=request.user,
            context=context_of(request),
            texts=form.texts(),
            lock_version=form.cleaned_data["lock_version"],
            note=form.cleaned_data["note"],
        ),
    )
    if not ok:
        # The user's text stays in the form, saved or not.
        report.refresh_from_db()
        return _draft_page(request, review, report, form=form)
    messages.success(request, f"Version {version.number} is saved")
    return redirect("publication:draft", pk=review.pk, item_pk=report.pk)


@require_POST
def draft_reassemble(request, pk, item_pk):
    review, report = _report(request, pk, item_pk, DRAFT)
    form = LockForm(request.POST)
    ok, version = submitted(
        request,
        form,
        lambda: report_services.reassemble(
            report,
            actor=request.user,
            context=context_of(request),
            lock_version=form.cleaned_data["lock_version"],
        ),
    )
    if ok:
        messages.success(request, f"Version {version.number} is assembled again from the review")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("publication:draft", pk=review.pk, item_pk=report.pk)


def draft_diff(request, pk, item_pk):
    review, report = _report(request, pk, item_pk)
    versions = list(report.versions.order_by("number"))
    latest = versions[-1]
    old = _version(report, request.GET.get("from") or max(latest.number - 1, 1))
    new = _version(report, request.GET.get("to") or latest.number)
    return render(
        request,
        "publication/reports/diff.html",
        {
            "review": review,
            "report": report,
            "versions": versions,
            "old": old,
            "new": new,
            "sections": diff_versions(old.sections, new.sections),
        },
    )


@require_POST
def draft_comment(request, pk, item_pk):
    review, report = _report(request, pk, item_pk, "report.comment")
    latest = report_services.latest(report)
    form = CommentForm(request.POST, sections=latest.sections)
    ok, _ = submitted(
        request,
        form,
        lambda: report_services.add_comment(
            latest, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if not ok:
        return _draft_page(request, review, report, comment_form=form)
    messages.success(request, "Your comment is added")
    return redirect("publication:draft", pk=review.pk, item_pk=report.pk)


@require_POST
def draft_comment_resolve(request, pk, item_pk):
    review, report = _report(request, pk, item_pk, DRAFT)
    form = ResolveForm(request.POST)
    comment = None
    if form.is_valid():
        comment = ReportComment.objects.filter(
            pk=form.cleaned_data["comment"], version__report=report
        ).first()
    if comment is None:
        messages.error(request, "That comment is not on this report")
    else:
        try:
            report_services.resolve_comment(
                comment, actor=request.user, context=context_of(request)
            )
            messages.success(request, "The comment is resolved")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("publication:draft", pk=review.pk, item_pk=report.pk)


# --- Sign-off -------------------------------------------------------------------------------


def _signoff_page(request, review, report, *, sign_form=None, withdraw_form=None):
    user = request.user
    latest = report_services.latest(report)
    panel = report_signoff.current(report, SignOffBy.PANEL)
    board = report_signoff.current(report, SignOffBy.BOARD)
    may_panel = can(user, "report.sign_panel", report)
    may_board = can(user, "report.sign_board", report)
    initial = {"lock_version": report.lock_version}
    return render(
        request,
        "publication/reports/signoff.html",
        {
            "review": review,
            "report": report,
            "latest": latest,
            "panel": panel,
            "board": board,
            "history": report.sign_offs.select_related("signed_by", "version"),
            "panel_blockers": report_signoff.panel_blockers(report),
            "board_blockers": report_signoff.board_blockers(report),
            "may_panel": may_panel,
            "may_board": may_board,
            "sign_form": sign_form or SignForm(initial=initial, bounds=review_bounds(review)),
            "withdraw_form": withdraw_form,
            "quality_block": {"review": review, "lines": quality.lines(review), "source": SOURCE},
            "may_assess": can(user, "report.assess", review),
            "completes": report.kind == ReportKind.OVERVIEW,
            "form": next(
                (f for f in (sign_form, withdraw_form) if f is not None and f.errors), None
            ),
        },
    )


def signoff(request, pk, item_pk):
    review, report = _report(request, pk, item_pk)
    return _signoff_page(request, review, report)


def _sign(request, pk, item_pk, action, service, done):
    review, report = _report(request, pk, item_pk, action)
    form = SignForm(request.POST, bounds=review_bounds(review))
    ok, _ = submitted(
        request,
        form,
        lambda: service(
            report,
            actor=request.user,
            context=context_of(request),
            signed_on=form.cleaned_data["signed_on"],
            lock_version=form.cleaned_data["lock_version"],
        ),
    )
    if not ok:
        report.refresh_from_db()
        return _signoff_page(request, review, report, sign_form=form)
    messages.success(request, done)
    return redirect("publication:signoff", pk=review.pk, item_pk=report.pk)


@require_POST
def sign_panel(request, pk, item_pk):
    return _sign(
        request,
        pk,
        item_pk,
        "report.sign_panel",
        report_signoff.sign_panel,
        "The panel's sign-off is recorded",
    )


@require_POST
def sign_board(request, pk, item_pk):
    return _sign(
        request,
        pk,
        item_pk,
        "report.sign_board",
        report_signoff.sign_board,
        "The board's sign-off is recorded",
    )


@require_POST
def signoff_withdraw(request, pk, item_pk):
    review, report = _report(request, pk, item_pk)
    require(request, "report.sign_panel", report, "report.sign_board")
    form = WithdrawForm(request.POST)
    if form.is_valid():
        sign_off = SignOff.objects.filter(pk=form.cleaned_data["sign_off"], report=report).first()
        action = {SignOffBy.PANEL: "report.sign_panel", SignOffBy.BOARD: "report.sign_board"}
        if sign_off is None:
            form.add_error(None, "That sign-off is not on this report")
        elif not can(request.user, action[sign_off.by], report):
            who = "panel chair" if sign_off.by == SignOffBy.PANEL else "board chair"
            form.add_error(None, f"Only the {who} withdraws this sign-off")
        else:
            try:
                report_signoff.withdraw(
                    sign_off,
                    actor=request.user,
                    context=context_of(request),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "The sign-off is withdrawn; it is kept with your reason")
                return redirect("publication:signoff", pk=review.pk, item_pk=report.pk)
    report.refresh_from_db()
    return _signoff_page(request, review, report, withdraw_form=form)
