"""The board's letter translations (reviews/family/translations.py): the board manager
(`letters.translate`) downloads the English letters for a translator, uploads translations
and records who approved them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from casereview.accounts.access import get_for
from casereview.accounts.models import Board
from casereview.audit.context import context_of
from casereview.lib.forms import submitted

from .. import printed
from ..models import LetterTranslation
from . import letters, translations
from .downloads import serve_document
from .forms import TranslationApprovalForm, TranslationUploadForm, TranslationWithdrawalForm

ACTION = "letters.translate"


def _board(request, board_pk) -> Board:
    return get_for(request, Board, board_pk, ACTION, scope="board.view")


def _translation(request, board, item_pk) -> LetterTranslation:
    return get_for(
        request,
        LetterTranslation.objects.filter(board=board),
        item_pk,
        ACTION,
        scope="board.view",
    )


def translation_list(request, board_pk, *, form=None):
    board = _board(request, board_pk)
    return render(
        request,
        "reviews/family/translations.html",
        {
            "board": board,
            "rows": translations.rows(board),
            "templates": letters.TEMPLATES,
            "form": form or TranslationUploadForm(),
        },
    )


def english_letter(request, board_pk, template):
    """The English letter as a Word file for a translator (one export event)."""
    board = _board(request, board_pk)
    if template not in letters.TEMPLATES:
        raise Http404
    return printed.download(
        translations.for_translator(template),
        "docx",
        board,
        board=board,
        actor=request.user,
        context=context_of(request),
    )


def translation_upload(request, board_pk):
    board = _board(request, board_pk)
    if request.method != "POST":
        return redirect("reviews:letter_translations", board_pk=board.pk)
    form = TranslationUploadForm(request.POST, request.FILES)
    ok, translation = submitted(
        request,
        form,
        lambda: translations.upload(
            board,
            actor=request.user,
            context=context_of(request),
            language=form.cleaned_data["language"],
            template=form.cleaned_data["template"],
            upload=form.cleaned_data["file"],
        ),
    )
    if ok:
        messages.success(
            request,
            f"The {translations.language_label(translation.language)} translation is uploaded. "
            "Record who approved it before it is offered.",
        )
        return redirect("reviews:letter_translation", board_pk=board.pk, item_pk=translation.pk)
    return translation_list(request, board.pk, form=form)


def translation_detail(request, board_pk, item_pk):
    """One translation, and the approval of it; or its withdrawal, with the reason."""
    board = _board(request, board_pk)
    translation = _translation(request, board, item_pk)
    if request.method == "POST" and request.POST.get("step") == "withdraw":
        return _withdraw(request, board, translation)
    form = TranslationApprovalForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: translations.approve(
            translation, actor=request.user, context=context_of(request), **form.values()
        ),
    )
    if ok:
        messages.success(
            request,
            f"The {translations.language_label(translation.language)} letter is approved: it "
            "is now offered for family members who prefer that language.",
        )
        return redirect("reviews:letter_translations", board_pk=board.pk)
    return _detail_page(request, board, translation, form, TranslationWithdrawalForm())


def _withdraw(request, board, translation):
    form = TranslationWithdrawalForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: translations.withdraw(
            translation,
            actor=request.user,
            context=context_of(request),
            reason=form.cleaned_data["reason"],
        ),
    )
    if ok:
        name = translations.language_label(translation.language)
        earlier = translations.approved(board.pk, translation.language, translation.template)
        messages.success(
            request,
            f"The {name} translation is withdrawn and no longer offered."
            + (
                " The earlier approved translation is offered again."
                if earlier
                else f" Family members who prefer {name} have no letter in it until "
                "another translation is approved."
            ),
        )
        return redirect("reviews:letter_translations", board_pk=board.pk)
    return _detail_page(request, board, translation, TranslationApprovalForm(), form)


def _detail_page(request, board, translation, form, withdraw_form):
    return render(
        request,
        "reviews/family/translation.html",
        {
            "board": board,
            "translation": translation,
            "language_name": translations.language_label(translation.language),
            "template_title": letters.TEMPLATES.get(translation.template, translation.template),
            "document": translations.document_of(translation),
            "form": form,
            "withdraw_form": withdraw_form,
        },
    )


def translation_file(request, board_pk, item_pk):
    board = _board(request, board_pk)
    translation = _translation(request, board, item_pk)
    document = translations.document_of(translation)
    if document is None:
        raise Http404
    return serve_document(request, document)
