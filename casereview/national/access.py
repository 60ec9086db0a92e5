"""Who reads the national store. National records are not board data: the board-based
rules of accounts/permissions.py are asked about the user's grants, not about an object.

- `national.read` (national analysts, a membership of any board): every national record.
- `national.board_figures` (a board's manager or chair): their own boards' figures, shown
  beside the national median with no other board named.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from casereview.accounts.models import Board
from casereview.accounts.permissions import ACTIONS, boards_where, grants_of
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record

from .models import NationalRecord


def reads_all(user) -> bool:
    roles = ACTIONS["national.read"]
    return any(g.role in roles and g.case_id is None for g in grants_of(user))


def own_boards(user) -> list[Board]:
    """The boards whose figures the user reads beside the national median."""
    ids = boards_where(user, ACTIONS["national.board_figures"])
    return list(Board.objects.filter(pk__in=ids).order_by("name")) if ids else []


def require_national(request, *, boards_too: bool = False) -> None:
    """403 (audited) unless the user reads the national store, or (`boards_too`) their own
    boards' national figures."""
    if reads_all(request.user) or (boards_too and own_boards(request.user)):
        return
    action = "national.read|national.board_figures" if boards_too else "national.read"
    record(
        "deny",
        NationalRecord,
        Outcome.DENIED,
        detail={"action": action},
        actor=request.user,
        context=context_of(request),
    )
    raise PermissionDenied
