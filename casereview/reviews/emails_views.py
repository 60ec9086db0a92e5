"""The board's page of e-mails: which events tell whom, and the last e-mails sent."""

from django.shortcuts import render

from casereview.accounts.access import get_for
from casereview.accounts.mail import KINDS
from casereview.accounts.models import Board, EmailSent
from casereview.audit.context import context_of
from casereview.audit.services import record

from .reminders import default_within, subject_for

SHOWN = 50


def board_emails(request, board_pk):
    board = get_for(request, Board, board_pk, "board.configure", scope="board.view")
    sent = (
        EmailSent.objects.filter(board=board)
        .select_related("recipient")
        .order_by("-sent_at", "-pk")[:SHOWN]
    )
    record(
        "list",
        EmailSent,
        board_id=board.pk,
        detail={"page": "emails"},
        actor=request.user,
        context=context_of(request),
    )
    return render(
        request,
        "reviews/board_emails.html",
        {
            "board": board,
            "kinds": KINDS,
            "sent": sent,
            "shown": SHOWN,
            "reminder_subject": subject_for(1),
            "reminder_within": default_within(),
        },
    )
