"""The board's action tracker across every review: filtered by agency, owner, status, RAG and
overdue, as a page and as an XLSX file. An agency lead (agency author) sees their agency's
actions only: the rows come through the permission layer's scope of `section.learning`.
The same rows feed `casereview actions` (management/commands/actions.py)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from casereview.accounts.access import list_for
from casereview.accounts.models import Agency, Board
from casereview.accounts.permissions import ACTIONS, boards_where
from casereview.accounts.roles import Role
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.lib.forms import GovukForm

from . import charts, rag, tracker_table
from .models import Action, ActionStatus, Rag

READ = "section.learning"
# Excel and LibreOffice read a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FilterForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Owner agency", queryset=Agency.objects.none(), required=False, empty_label="Any"
    )
    owner = forms.CharField(label="Owner (officer) contains", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any"), *ActionStatus.choices], required=False
    )
    rag = forms.ChoiceField(label="RAG", choices=[("", "Any"), *Rag.choices], required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        if board is not None:
            self.fields["agency"].queryset = Agency.objects.filter(board=board)


def filtered(
    rows: QuerySet,
    today: date,
    *,
    agency=None,
    owner: str = "",
    status: str = "",
    rag: str = "",
    overdue: bool = False,
) -> QuerySet:
    rows = rows.filter(withdrawn_at__isnull=True)
    if agency is not None:
        rows = rows.filter(owner_agency=agency)
    if owner:
        rows = rows.filter(owner__icontains=owner)
    if status:
        rows = rows.filter(status=status)
    if rag:
        rows = rows.filter(rag=rag)
    if overdue:
        rows = rows.filter(Q(target_date__lt=today) & ~Q(status__in=rag_done()))
    return rows.select_related("review", "recommendation", "owner_agency").order_by(
        "target_date", "review__reference", "id"
    )


def rag_done() -> tuple[str, ...]:
    return tuple(rag.DONE)


@dataclass(frozen=True)
class Row:
    """One action as the tracker, the export and the command show it (exactly these keys in
    the command's JSON)."""

    review: str
    recommendation: str
    owner_agency: str
    owner: str
    expected_change: str
    measure: str
    target_date: str
    status: str
    rag: str
    verified_on: str | None


def row_of(a: Action) -> Row:
    return Row(
        review=a.review.reference,
        recommendation=f"{a.recommendation.number}. {a.recommendation.text}",
        owner_agency=a.owner_agency.name,
        owner=a.owner,
        expected_change=a.expected_change,
        measure=a.measure,
        target_date=a.target_date.isoformat(),
        status=a.status,
        rag=a.rag,
        verified_on=a.verified_on.isoformat() if a.verified_on else None,
    )


def _board(request, board_pk) -> Board:
    """The board, for its members (404 to anyone else, 403 to a member whose roles read no
    review's learning); both refusals audited under the board. Agency leads are members
    whose reach is their agency: the Board model's own scope shows them no board."""
    user = request.user
    board = Board.objects.filter(pk=board_pk).first()
    refusal = None
    if board is None or board.pk not in boards_where(user, Role.values):
        refusal = Outcome.NOT_FOUND
    elif board.pk not in boards_where(user, ACTIONS[READ]):
        refusal = Outcome.DENIED
    if refusal is None:
        return board
    record(
        "deny",
        Board,
        refusal,
        object_id=str(board_pk),
        board_id=board.pk if board else None,
        detail={"action": READ},
        actor=user,
        context=context_of(request),
    )
    if refusal == Outcome.NOT_FOUND:
        raise Http404
    raise PermissionDenied


def _rows(request, board, form) -> QuerySet:
    base = list_for(request, Action, READ).filter(review__board=board)
    data = form.cleaned_data if form.is_valid() else {}
    return filtered(base, timezone.localdate(), **{k: v for k, v in data.items() if v})


PAGE_SIZE = 50


def tracker(request, board_pk):
    board = _board(request, board_pk)
    form = FilterForm(request.GET or None, board=board)
    today = timezone.localdate()
    actions = _rows(request, board, form)
    # The charts count every action the filters keep and the table shows them a page at a
    # time, both from a few columns of each (the download holds them all).
    rows = charts.facts(actions)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    record(
        "list",
        Action,
        board_id=board.pk,
        detail={"page": "action tracker", "count": len(rows)},
        actor=request.user,
        context=context_of(request),
    )
    return render(
        request,
        "learning/tracker.html",
        {
            "board": board,
            "filter_form": form,
            "count": len(rows),
            "page": page,
            "rows": tracker_table.rows(page, today),
            "query": query.urlencode(),
            "charts": charts.charts(rows, today, board.pk),
        },
    )


def safe_cell(value):
    """A text cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


HEADERS = [
    "Review",
    "Recommendation",
    "Owner agency",
    "Owner",
    "Expected change",
    "Measure",
    "Target date",
    "Status",
    "RAG",
    "Verified on",
]


def workbook_bytes(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(HEADERS)
    for a in rows:
        r = row_of(a)
        cells = [
            r.review,
            r.recommendation,
            r.owner_agency,
            r.owner,
            r.expected_change,
            r.measure,
            a.target_date,
            a.get_status_display(),
            a.get_rag_display() if a.rag else "",
            a.verified_on,
        ]
        sheet.append([safe_cell(c) for c in cells])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # stored as a string, whatever it starts with
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(request, board_pk):
    board = _board(request, board_pk)
    form = FilterForm(request.GET or None, board=board)
    rows = list(_rows(request, board, form))
    record(
        "export",
        Action,
        board_id=board.pk,
        detail={"page": "action tracker", "count": len(rows)},
        actor=request.user,
        context=context_of(request),
    )
    response = FileResponse(
        io.BytesIO(workbook_bytes(rows)),
        as_attachment=True,
        filename=f"actions-{board.slug}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "private, no-store"
    return response
