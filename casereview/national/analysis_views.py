"""The national analysis pages (docs/national.md): the overview report, recurring issues,
search, and child deaths beside the reviews; national analysts only (national.read). The
board manager's child death pages are the board's (childdeath.record)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for, require
from casereview.accounts.models import Board
from casereview.accounts.permissions import NATIONAL_STORE, can
from casereview.audit.context import context_of
from casereview.audit.services import mark_read
from casereview.lib.forms import submitted

from . import charts, child_deaths, recurring
from .analysis_forms import (
    CorrectFindingForm,
    FindingForm,
    IssueReviewForm,
    PeriodForm,
    SearchForm,
    ThemeForm,
    WithdrawFindingForm,
)
from .models import (
    ChildDeathFinding,
    FindingStatus,
    NationalRecord,
    OverviewReportRun,
    RecurringIssue,
)
from .report import HIGHLIGHTS, Period, from_data, highlighted_lessons, records_in
from .report_csv import table_csv
from .report_services import request_report
from .search import Filters, search, snippet


def _national(request, action: str = "national.read") -> None:
    require(request, action, NATIONAL_STORE)
    mark_read(request, NATIONAL_STORE)


# --- The overview report ---


def report(request):
    _national(request)
    form = PeriodForm(request.POST or None)
    ok, run = submitted(
        request,
        form,
        lambda: request_report(
            form.cleaned_data["period"], actor=request.user, context=context_of(request)
        ),
    )
    if ok:
        return redirect("national:report_run", pk=run.pk)
    runs = list_for(request, OverviewReportRun, "national.read").filter(requested_by=request.user)
    return render(request, "national/report.html", {"form": form, "runs": runs[:10]})


def report_run(request, pk):
    run = get_for(request, OverviewReportRun, pk, "national.read", scope="national.read")
    overview = None
    if run.status == "done":
        p = Period(run.period_from, run.period_to)
        records = list(records_in(p))
        tables = from_data(run.tables)
        drawn = charts.overview(tables)
        overview = {
            "previous": p.previous(),
            "tables": [(t, drawn.get(t.key)) for t in tables],
            "highlighted": {k: highlighted_lessons(records, k) for k in HIGHLIGHTS},
        }
    return render(request, "national/report_run.html", {"run": run, "overview": overview})


def report_pdf(request, pk):
    run = get_for(request, OverviewReportRun, pk, "national.read", scope="national.read")
    if run.status != "done" or not run.pdf:
        raise Http404
    response = HttpResponse(bytes(run.pdf), content_type="application/pdf")
    name = f"national-overview-{run.period_from:%Y-%m}-{run.period_to:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def report_table(request, pk, table):
    """One table of a run's report as CSV, as built with its PDF, suppressed as shown."""
    run = get_for(request, OverviewReportRun, pk, "national.read", scope="national.read")
    found = next((t for t in from_data(run.tables) if t.key == table), None)
    if found is None:
        raise Http404
    response = HttpResponse(table_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.key}.csv"'
    return response


# --- Recurring issues ---


def issues(request):
    _national(request)
    rows = list_for(request, RecurringIssue, "national.read")
    return render(
        request,
        "national/issues.html",
        {
            "issues": rows,
            "may_manage": can(request.user, "national.manage", NATIONAL_STORE),
            "min_reviews": recurring.MIN_REVIEWS,
            "similarity": recurring.SIMILARITY,
        },
    )


@require_POST
def issues_propose(request):
    _national(request, "national.manage")
    counts = recurring.propose(actor=request.user, context=context_of(request))
    messages.success(
        request,
        "Groups brought up to date: {new} new, {changed} changed, {dropped} dropped".format(
            new=counts.get("new", 0),
            changed=counts.get("changed", 0),
            dropped=counts.get("dropped", 0),
        ),
    )
    return redirect("national:issues")


def issue(request, pk):
    found = get_for(request, RecurringIssue, pk, "national.read", scope="national.read")
    may_manage = can(request.user, "national.manage", found)
    form = IssueReviewForm(request.POST or None, initial={"lock_version": found.lock_version})
    if request.method == "POST":
        require(request, "national.manage", found)

        def save():
            try:
                return recurring.review(
                    found.pk,
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                    lock_version=form.cleaned_data["lock_version"],
                    actor=request.user,
                    context=context_of(request),
                )
            except recurring.StaleIssue:
                raise ValidationError(
                    "The group changed since you opened this page: check its lessons again"
                ) from None

        ok, _ = submitted(request, form, save)
        if ok:
            messages.success(request, "The group is reviewed")
            return redirect("national:issue", pk=found.pk)
    occurrences = found.occurrences.select_related(
        "record", "lesson", "publication__report__review__board"
    )
    return render(
        request,
        "national/issue.html",
        {"issue": found, "occurrences": occurrences, "form": form, "may_manage": may_manage},
    )


def record_lessons(request, pk):
    """A national record and its lessons (what a recurring issue and search link to)."""
    record = get_for(request, NationalRecord, pk, "national.read", scope="national.read")
    return render(
        request, "national/record_lessons.html", {"record": record, "lessons": record.lessons.all()}
    )


# --- Search ---


def search_page(request):
    _national(request)
    form = SearchForm(request.GET or None)
    hits = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = Filters(theme=data["theme"], year=data["year"], age_band=data["age_band"])
        hits = [(h, snippet(h.entry, data["q"])) for h in search(data["q"], filters)]
    return render(request, "national/search.html", {"form": form, "hits": hits})


# --- Child deaths ---


def theme_across(request):
    _national(request)
    form = ThemeForm(request.GET or None)
    rows = None
    if form.is_bound and form.is_valid():
        rows = child_deaths.theme_across_sources(form.cleaned_data["theme"])
    return render(request, "national/theme_across.html", {"form": form, "rows": rows})


def board_child_deaths(request, board_pk):
    board = get_for(request, Board, board_pk, "childdeath.record", scope="board.view")
    form = FindingForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: child_deaths.record_finding(
            board, actor=request.user, context=context_of(request), **form.values()
        ),
    )
    if ok:
        messages.success(request, "The finding is recorded")
        return redirect("national:child_deaths", board_pk=board.pk)
    findings = list_for(request, ChildDeathFinding, "childdeath.record").filter(board=board)
    return render(
        request,
        "national/child_deaths.html",
        {"board": board, "form": form, "findings": findings, "current": FindingStatus.CURRENT},
    )


def _finding(request, board_pk, pk) -> ChildDeathFinding:
    qs = ChildDeathFinding.objects.filter(board_id=board_pk, status=FindingStatus.CURRENT)
    return get_for(request, qs, pk, "childdeath.record", scope="childdeath.record")


def _stale() -> ValidationError:
    return ValidationError("Someone changed this finding since you opened the page: start again")


def child_death_correct(request, board_pk, pk):
    finding = _finding(request, board_pk, pk)
    initial = {
        "death_month_month": str(finding.death_month.month),
        "death_month_year": finding.death_month.year,
        "age_band": finding.age_band,
        "sex": finding.sex,
        "ethnicity_group": finding.ethnicity_group,
        "category_of_death": finding.category_of_death,
        "modifiable": finding.modifiable,
        "modifiable_factors": finding.modifiable_factors,
        "lock_version": finding.lock_version,
    }
    form = CorrectFindingForm(request.POST or None, initial=initial)

    def save():
        try:
            return child_deaths.correct_finding(
                finding.pk,
                reason=form.cleaned_data["reason"],
                lock_version=form.cleaned_data["lock_version"],
                actor=request.user,
                context=context_of(request),
                **form.values(),
            )
        except child_deaths.StaleFinding:
            raise _stale() from None

    ok, _ = submitted(request, form, save)
    if ok:
        messages.success(request, "The finding is corrected; the old entry is kept")
        return redirect("national:child_deaths", board_pk=board_pk)
    return render(
        request,
        "national/child_death_change.html",
        {"form": form, "finding": finding, "board_pk": board_pk, "withdraw": False},
    )


def child_death_withdraw(request, board_pk, pk):
    finding = _finding(request, board_pk, pk)
    form = WithdrawFindingForm(request.POST or None, initial={"lock_version": finding.lock_version})

    def save():
        try:
            return child_deaths.withdraw_finding(
                finding.pk,
                reason=form.cleaned_data["reason"],
                lock_version=form.cleaned_data["lock_version"],
                actor=request.user,
                context=context_of(request),
            )
        except child_deaths.StaleFinding:
            raise _stale() from None

    ok, _ = submitted(request, form, save)
    if ok:
        messages.success(request, "The finding is withdrawn; it is kept with your reason")
        return redirect("national:child_deaths", board_pk=board_pk)
    return render(
        request,
        "national/child_death_change.html",
        {"form": form, "finding": finding, "board_pk": board_pk, "withdraw": True},
    )
