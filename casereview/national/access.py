"""Who reads the national store's pages. National records are not board data: the national
pages ask the permission layer whether any of the user's grants gives the action at all
(`accounts.permissions.can_at_all`, refused through `accounts.access.require_at_all`).

- `national.read` (national analysts, a membership of any board): every national record.
- `national.board_figures` (a board's manager or chair): their own boards' figures, shown
  beside the national median with no other board named.
"""

from __future__ import annotations

from casereview.accounts.models import Board
from casereview.accounts.permissions import ACTIONS, boards_where


def own_boards(user) -> list[Board]:
    """The boards whose figures the user reads beside the national median."""
    ids = boards_where(user, ACTIONS["national.board_figures"])
    return list(Board.objects.filter(pk__in=ids).order_by("name")) if ids else []
