"""The board's public page of published reports: no sign-in, no case data beyond what was
published (the title, the short description, the date and the file), searchable.

These pages have no user, so they do not go through the permission layer: what they show
is decided here, and only here, by `listed(board)`: publications of this board that are
not withdrawn. The file is served as the staff downloads are (an attachment, never
rendered by the browser), read by the documents module from outside the web root."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from casereview.accounts.models import Board
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.documents import services as documents

from .models import Publication
from .publish_forms import SearchForm


def listed(board: Board):
    return Publication.objects.filter(
        report__review__board=board, withdrawn_at=None
    ).select_related("report", "rendering__document")


@login_not_required
@require_safe
def board_page(request, board):
    board = get_object_or_404(Board, slug=board)
    form = SearchForm(request.GET or None)
    rows = listed(board)
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        for word in query.split()[:10]:
            rows = rows.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return render(
        request,
        "publication/public/board.html",
        {"board": board, "rows": list(rows), "form": form, "query": query},
    )


@login_not_required
@require_safe
def download(request, board, publication_pk):
    board = get_object_or_404(Board, slug=board)
    publication = listed(board).filter(pk=publication_pk).first()
    if publication is None or publication.rendering.document is None:
        raise Http404
    document = publication.rendering.document
    record(
        "publication.download",
        publication,
        actor=request.user,
        context=context_of(request),
        board_id=board.pk,
        detail={"kind": publication.report.kind, "type": document.extension},
    )
    response = FileResponse(
        documents.path_of(document).open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
