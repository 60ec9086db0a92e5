"""The board's own Word templates (reviews/word_templates.py), on the board settings page:
the board manager or administrator (`board.configure`) downloads a kind's default template,
uploads a replacement, puts an earlier version back in force or reverts to the default."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for
from casereview.accounts.models import Board
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.documents import rendering
from casereview.lib.forms import submitted

from . import word_templates
from .family.downloads import serve_document
from .forms import WordTemplateForm
from .models import WordTemplate

ACTION = "board.configure"


def _board(request, board_pk) -> Board:
    return get_for(request, Board, board_pk, ACTION, scope="board.view")


def _kind(template: str) -> word_templates.WordKind:
    try:
        return word_templates.kind_of(template)
    except LookupError:
        raise Http404 from None


def _version(request, board, item_pk) -> WordTemplate:
    return get_for(
        request, WordTemplate.objects.filter(board=board), item_pk, ACTION, scope="board.view"
    )


def word_template(request, board_pk, template, *, form=None):
    """One kind: the template in force, the earlier versions, the values it may use and
    the upload of a replacement."""
    board = _board(request, board_pk)
    kind = _kind(template)
    versions = list(word_templates.versions(board, kind).select_related("uploaded_by"))
    return render(
        request,
        "reviews/word_template.html",
        {
            "board": board,
            "kind": kind,
            "versions": versions,
            "current": next((v for v in versions if v.in_force), None),
            "form": form or WordTemplateForm(),
        },
    )


def word_template_default(request, board_pk, template):
    """The service's default template of the kind, to start a board's own from (one
    export event)."""
    board = _board(request, board_pk)
    kind = _kind(template)
    record(
        "word_template.export",
        board,
        actor=request.user,
        context=context_of(request),
        board_id=board.pk,
        detail={"kind": kind.key, "version": "default"},
    )
    return FileResponse(
        word_templates.default_path(kind).open("rb"),
        as_attachment=True,
        filename=f"{kind.key.replace('_', '-')}-default-template.docx",
        content_type=rendering.CONTENT_TYPES["docx"],
    )


@require_POST
def word_template_upload(request, board_pk, template):
    board = _board(request, board_pk)
    kind = _kind(template)
    form = WordTemplateForm(request.POST, request.FILES)
    ok, uploaded = submitted(
        request,
        form,
        lambda: word_templates.upload(
            board,
            actor=request.user,
            context=context_of(request),
            kind=kind.key,
            upload=form.cleaned_data["file"],
        ),
    )
    if ok:
        messages.success(
            request,
            f"Version {uploaded.version} of the {kind.label.lower()} template is in force: "
            "every Word download of it now uses it",
        )
        return redirect("reviews:word_template", board_pk=board.pk, template=kind.key)
    return word_template(request, board.pk, kind.key, form=form)


@require_POST
def word_template_revert(request, board_pk, template):
    board = _board(request, board_pk)
    kind = _kind(template)
    word_templates.revert(board, actor=request.user, context=context_of(request), kind=kind.key)
    messages.success(request, f"The {kind.label.lower()} uses the service's default template")
    return redirect("reviews:word_template", board_pk=board.pk, template=kind.key)


@require_POST
def word_template_use(request, board_pk, item_pk):
    board = _board(request, board_pk)
    version = _version(request, board, item_pk)
    word_templates.activate(version, actor=request.user, context=context_of(request))
    kind = word_templates.kind_of(version.kind)
    messages.success(
        request, f"Version {version.version} of the {kind.label.lower()} template is in force"
    )
    return redirect("reviews:word_template", board_pk=board.pk, template=kind.key)


def word_template_file(request, board_pk, item_pk):
    """One of the board's versions, as uploaded (one export event)."""
    board = _board(request, board_pk)
    version = _version(request, board, item_pk)
    document = word_templates.document_of(version)
    if document is None:
        raise Http404
    return serve_document(request, document)
