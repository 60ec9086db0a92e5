"""The board's actions as an agency lead sees them: only their agency's open actions, the
soonest due first, each saying what is due next. A lead is an agency author of the board's
agency; board staff (who lead no agency) choose the agency whose view they look at."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from casereview.accounts.access import list_for
from casereview.accounts.models import Agency, Membership
from casereview.accounts.roles import Role
from casereview.audit.context import context_of
from casereview.audit.services import record

from .models import Action, ActionStatus
from .reminders import DUE_WITHIN
from .tracker import READ, _board


def next_step(action: Action, today) -> str:
    """What is due next for an open action, in words."""
    if action.status == ActionStatus.COMPLETED:
        return "The board's verification of the change, with evidence of its impact"
    days = (action.target_date - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}: a progress update"
    if days <= DUE_WITHIN.days:
        return f"Due in {days} day{'s' if days != 1 else ''}: completion and its evidence"
    return "A progress update before the target date"


def agency_actions(request, board_pk):
    board = _board(request, board_pk)
    led = Agency.objects.filter(
        board=board,
        pk__in=Membership.objects.filter(
            user=request.user, role=Role.AGENCY_AUTHOR, board=board
        ).values("agency_id"),
    )
    choices = led if led.exists() else Agency.objects.filter(board=board)
    chosen = (
        choices.filter(pk=request.GET.get("agency")).first()
        if request.GET.get("agency", "").isdigit()
        else None
    )
    agencies = [chosen] if chosen else list(led)
    today = timezone.localdate()
    rows = list(
        list_for(request, Action, READ)
        .filter(review__board=board, owner_agency__in=agencies, withdrawn_at__isnull=True)
        .exclude(status=ActionStatus.VERIFIED)
        .select_related("review", "recommendation", "owner_agency")
        .order_by("target_date", "review__reference", "id")
    )
    record(
        "list",
        Action,
        board_id=board.pk,
        detail={"page": "agency actions", "count": len(rows)},
        actor=request.user,
        context=context_of(request),
    )
    return render(
        request,
        "learning/agency_actions.html",
        {
            "board": board,
            "agencies": agencies,
            "choices": choices,
            "chosen": chosen,
            "rows": [(a, next_step(a, today), a.target_date < today) for a in rows],
        },
    )
