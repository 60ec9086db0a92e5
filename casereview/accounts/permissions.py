"""The one permission layer: board → agency → case, deny by default.

Every object that holds case data exposes `board_id` and `involves_agency(agency_id)`.
A user may do an action on an object when one of their memberships is in the object's
board with a role the action names, and, for agency-scoped roles, the object involves
the member's agency. Lists go through `scope()`, which applies the same table as a query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import rules
from django.db.models import Q

from .models import Membership, Role

R = Role

BOARD_READERS = {R.BOARD_MANAGER, R.BOARD_CHAIR, R.PANEL_CHAIR, R.PANEL_MEMBER, R.AUDITOR}
# Roles whose reach stops at their own agency's material.
AGENCY_SCOPED = {R.AGENCY_AUTHOR}

ACTIONS: dict[str, frozenset[str]] = {
    "case.view": frozenset(BOARD_READERS | {R.AGENCY_AUTHOR}),
    "notification.create": frozenset({R.BOARD_MANAGER, R.AGENCY_AUTHOR}),
    "notification.edit": frozenset({R.BOARD_MANAGER}),
    "people.edit": frozenset({R.BOARD_MANAGER}),
    "task.complete": frozenset({R.BOARD_MANAGER}),
    "records.secure": frozenset({R.BOARD_MANAGER, R.AGENCY_AUTHOR}),
    "screening.recommend": frozenset({R.BOARD_MANAGER, R.PANEL_CHAIR, R.PANEL_MEMBER}),
    "decision.record": frozenset({R.BOARD_CHAIR}),
    "clock.pause": frozenset({R.BOARD_MANAGER}),
    "audit.view": frozenset({R.BOARD_MANAGER, R.AUDITOR, R.ADMINISTRATOR}),
    "members.manage": frozenset({R.ADMINISTRATOR}),
    "board.configure": frozenset({R.ADMINISTRATOR, R.BOARD_MANAGER}),
    # Membership of the board at all: who gets 403 rather than 404 on the board's pages.
    "board.view": frozenset(Role.values),
}


@dataclass(frozen=True)
class Grant:
    board_id: int
    agency_id: int | None
    role: str


def grants_of(user) -> tuple[Grant, ...]:
    """The user's memberships, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_casereview_grants", None)
    if cached is None:
        cached = tuple(
            Grant(m.board_id, m.agency_id, m.role)
            for m in Membership.objects.filter(user=user).only("board_id", "agency_id", "role")
        )
        user._casereview_grants = cached
    return cached


def allows(grant: Grant, action: str, obj) -> bool:
    if grant.role not in ACTIONS.get(action, ()):
        return False
    if grant.board_id != obj.board_id:
        return False
    if grant.role in AGENCY_SCOPED:
        return grant.agency_id is not None and obj.involves_agency(grant.agency_id)
    return True


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return case_rules.test_rule(action, user, obj)


def _make_predicate(action: str):
    @rules.predicate(name=action)
    def predicate(user, obj) -> bool:
        return obj is not None and any(allows(g, action, obj) for g in grants_of(user))

    return predicate


case_rules = rules.RuleSet()
for _action in ACTIONS:
    case_rules.add_rule(_action, _make_predicate(_action))


def scope(user, action: str, agency_filter, board_lookup: str = "board_id") -> Q:
    """A filter for a queryset: the rows on which `user` may do `action`.

    `agency_filter(agency_ids)` returns the Q that limits a model's rows to those involving
    any of the given agencies. No grant means a filter that matches nothing.
    """
    roles = ACTIONS[action]
    full_boards: set[int] = set()
    agencies_by_board: dict[int, set[int]] = {}
    for g in grants_of(user):
        if g.role not in roles:
            continue
        if g.role in AGENCY_SCOPED:
            if g.agency_id is not None:
                agencies_by_board.setdefault(g.board_id, set()).add(g.agency_id)
        else:
            full_boards.add(g.board_id)
    q = Q(pk__in=[])
    if full_boards:
        q |= Q(**{f"{board_lookup}__in": full_boards})
    for board_id, agency_ids in agencies_by_board.items():
        if board_id not in full_boards:
            q |= Q(**{board_lookup: board_id}) & agency_filter(agency_ids)
    return q


def boards_where(user, roles: Iterable[str]) -> set[int]:
    wanted = set(roles)
    return {g.board_id for g in grants_of(user) if g.role in wanted}
