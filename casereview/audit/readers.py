"""Who may read the audit trail.

The answer belongs to the permission layer (casereview.accounts.permissions), which sits
above the audit app; it registers itself here at start-up (accounts/apps.py), so the audit
app imports no higher app. Until it has, nobody may read anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _no_boards(user) -> set[int]:
    return set()


def _no_security_events(user) -> bool:
    return False


_boards: Callable[[Any], set[int]] = _no_boards
_security: Callable[[Any], bool] = _no_security_events


def register(*, boards: Callable[[Any], set[int]], security: Callable[[Any], bool]) -> None:
    """`boards(user)`: the boards whose events the user may read (`audit.view`);
    `security(user)`: whether they may read the events of no board (`audit.security`)."""
    global _boards, _security
    _boards, _security = boards, security


def boards_readable_by(user) -> set[int]:
    return _boards(user)


def may_read_security_events(user) -> bool:
    return _security(user)
