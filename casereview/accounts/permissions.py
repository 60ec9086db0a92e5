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

from .roles import Role

R = Role

BOARD_READERS = {R.BOARD_MANAGER, R.BOARD_CHAIR, R.PANEL_CHAIR, R.PANEL_MEMBER, R.AUDITOR}
# Roles whose reach stops at their own agency's material.
AGENCY_SCOPED = {R.AGENCY_AUTHOR}
# Roles that reach case data only through an appointment to that case (a per-case grant).
CASE_SCOPED = {R.INDEPENDENT_EXPERT, R.INDEPENDENT_AUTHOR}
# A member of a partner board in a cross-boundary review: reads that review only.
PARTNER_READER = "partner_reader"
# Grants that read only the sections shared with them (the grant names them).
SHARED_READERS = {R.INDEPENDENT_EXPERT, PARTNER_READER}

# The sections of a review, each read by its own action (need-to-know inside a review).
# Agency-scoped roles see only their agency's rows inside a section they may read.
_ALL_BUT_AGENCIES = BOARD_READERS | {R.INDEPENDENT_AUTHOR} | SHARED_READERS
_WITH_AGENCIES = _ALL_BUT_AGENCIES | {R.AGENCY_AUTHOR}
SECTION_ACTIONS: dict[str, frozenset[str]] = {
    # The review page: its stage and history.
    "section.stage": frozenset(_WITH_AGENCIES),
    # Agency authors: the lines whose responsible role is theirs.
    "section.compliance": frozenset(_WITH_AGENCIES),
    "section.panel": frozenset(_ALL_BUT_AGENCIES),
    # The agreed terms; drafts need terms.drafts.
    "section.terms": frozenset(_WITH_AGENCIES),
    "section.reports": frozenset(_WITH_AGENCIES),
    "section.chronology": frozenset(_WITH_AGENCIES),
    # Lessons, recommendations, the board's response and actions (agency authors: the
    # actions their agency owns).
    "section.learning": frozenset(_WITH_AGENCIES),
    "section.experts": frozenset(_ALL_BUT_AGENCIES),
    "section.family": frozenset(_ALL_BUT_AGENCIES),
    "section.professionals": frozenset(_WITH_AGENCIES),
    "section.notifications": frozenset(_ALL_BUT_AGENCIES),
    "section.processes": frozenset(_ALL_BUT_AGENCIES),
    "section.partners": frozenset(_ALL_BUT_AGENCIES),
    # The identifier register the anonymiser uses (issue 13): identifying by nature.
    "section.publication": frozenset(_ALL_BUT_AGENCIES),
    "section.access_log": frozenset({R.BOARD_MANAGER, R.AUDITOR}),
}
# What the panel may share with an expert, and the lead board with a partner board; the
# stage is always shared (it is the review page itself).
SHAREABLE_SECTIONS = tuple(a for a in SECTION_ACTIONS if a not in {"section.access_log"})
ALWAYS_SHARED = frozenset({"section.stage"})

# The national store (19.6) belongs to no board: a national-analyst membership of any board
# reaches all of it, and nothing else. Its rows say so with `national = True`.
NATIONAL_ACTIONS: dict[str, frozenset[str]] = {
    # Records, lessons, trends, search, the overview report, recurring issues, child deaths.
    "national.read": frozenset({R.NATIONAL_ANALYST}),
    # Approving the recurring-issue groups the system proposes.
    "national.manage": frozenset({R.NATIONAL_ANALYST}),
}


class _NationalStore:
    """The national store as an object of a permission check, for pages that show it as a
    whole (search, the overview report) rather than one row."""

    national = True
    board_id = None

    def __str__(self) -> str:  # how the audit trail names it
        return "national.store"


NATIONAL_STORE = _NationalStore()

ACTIONS: dict[str, frozenset[str]] = {
    "case.view": frozenset(BOARD_READERS | {R.AGENCY_AUTHOR} | CASE_SCOPED | {PARTNER_READER}),
    **SECTION_ACTIONS,
    "terms.drafts": frozenset(BOARD_READERS | {R.INDEPENDENT_AUTHOR}),
    "expert.advise": frozenset({R.INDEPENDENT_EXPERT}),
    "notification.create": frozenset({R.BOARD_MANAGER, R.AGENCY_AUTHOR}),
    "notification.edit": frozenset({R.BOARD_MANAGER}),
    "people.edit": frozenset({R.BOARD_MANAGER}),
    "task.complete": frozenset({R.BOARD_MANAGER}),
    "records.secure": frozenset({R.BOARD_MANAGER, R.AGENCY_AUTHOR}),
    "screening.recommend": frozenset({R.BOARD_MANAGER, R.PANEL_CHAIR, R.PANEL_MEMBER}),
    "decision.record": frozenset({R.BOARD_CHAIR}),
    "clock.pause": frozenset({R.BOARD_MANAGER}),
    # Running the review: its stages, panel, terms, family, professionals, notifications.
    "review.manage": frozenset({R.BOARD_MANAGER, R.PANEL_CHAIR}),
    # What the lead board shares with a partner board.
    "partner.share": frozenset({R.BOARD_MANAGER}),
    "review.publish": frozenset({R.BOARD_CHAIR, R.BOARD_MANAGER}),
    # The identifier register: building it from the people register, adding, correcting
    # and removing entries (with a reason).
    "publication.register": frozenset({R.BOARD_MANAGER, R.PANEL_CHAIR, R.PANEL_MEMBER}),
    # The overview report and executive summary drafts (issue 13): assembling them from
    # the review's data, saving versions, resolving comments; commenting; the panel's
    # quality self-assessment; the panel's and the board's sign-off.
    "report.draft": frozenset({R.BOARD_MANAGER, R.PANEL_CHAIR, R.INDEPENDENT_AUTHOR}),
    "report.comment": frozenset(
        {R.BOARD_MANAGER, R.BOARD_CHAIR, R.PANEL_CHAIR, R.PANEL_MEMBER, R.INDEPENDENT_AUTHOR}
    ),
    "report.assess": frozenset({R.PANEL_CHAIR, R.PANEL_MEMBER}),
    "report.sign_panel": frozenset({R.PANEL_CHAIR}),
    "report.sign_board": frozenset({R.BOARD_CHAIR}),
    "panel.decide": frozenset({R.PANEL_CHAIR, R.PANEL_MEMBER}),
    "report.write": frozenset({R.AGENCY_AUTHOR, R.BOARD_MANAGER}),
    "report.decide": frozenset({R.PANEL_CHAIR}),
    # An agency's own chronology: importing, entering, correcting and withdrawing entries.
    "chronology.write": frozenset({R.AGENCY_AUTHOR, R.BOARD_MANAGER}),
    # The integrated chronology: significance, event groups and conflicts, key practice
    # episodes, the gap period, and sharing it with the agencies.
    "chronology.panel": frozenset({R.BOARD_MANAGER, R.PANEL_CHAIR, R.PANEL_MEMBER}),
    # Lessons (with links and themes), recommendations and actions: the panel and the
    # overview author who writes them.
    "learning.write": frozenset(
        {R.BOARD_MANAGER, R.PANEL_CHAIR, R.PANEL_MEMBER, R.INDEPENDENT_AUTHOR}
    ),
    # The board's written response to the review's recommendations.
    "learning.respond": frozenset({R.BOARD_CHAIR, R.BOARD_MANAGER}),
    # Progress on an action: the owner agency's lead (its agency author) and the manager.
    "action.update": frozenset({R.AGENCY_AUTHOR, R.BOARD_MANAGER}),
    # The board's verification that the expected change happened.
    "action.verify": frozenset({R.BOARD_MANAGER, R.BOARD_CHAIR}),
    "audit.view": frozenset({R.BOARD_MANAGER, R.AUDITOR, R.ADMINISTRATOR}),
    # A subject-access export (everything held about one person, as a ZIP) for the data
    # protection officer: the board manager already reads and corrects every case record
    # of the board, so the export reaches nothing new; administrators read no case data.
    "subject_access.export": frozenset({R.BOARD_MANAGER}),
    # Events of no board (sign-in failures, lockouts, refusals of nothing in particular):
    # the security log, across boards.
    "audit.security": frozenset({R.AUDITOR, R.ADMINISTRATOR}),
    "members.manage": frozenset({R.ADMINISTRATOR}),
    # The system's working calendar (one-off bank holidays, confirmed years) and the
    # procedure page with the provenance of each rule: administrators of any board.
    "calendar.manage": frozenset({R.ADMINISTRATOR}),
    "procedure.read": frozenset({R.ADMINISTRATOR}),
    "board.configure": frozenset({R.ADMINISTRATOR, R.BOARD_MANAGER}),
    # The board's translations of the family letters (reviews/family/translations.py).
    "letters.translate": frozenset({R.BOARD_MANAGER}),
    # (national.read and national.manage: NATIONAL_ACTIONS above.)
    # A board's own national figures (timeliness) beside the national median, no other
    # board named.
    "national.board_figures": frozenset({R.BOARD_MANAGER, R.BOARD_CHAIR}),
    # Submitting the board's national records through the API (a board with its own instance).
    "national.submit": frozenset({R.BOARD_MANAGER}),
    # Membership of the board at all: who gets 403 rather than 404 on the board's pages.
    "board.view": frozenset(Role.values),
    # The board's child death overview panel findings (19.6): recording, correcting and
    # withdrawing them, in the national store's anonymised form.
    "childdeath.record": frozenset({R.BOARD_MANAGER}),
    **NATIONAL_ACTIONS,
}


@dataclass(frozen=True)
class Grant:
    board_id: int | None
    agency_id: int | None
    role: str
    # Set for a grant that reaches one case only (an appointment, a partner board).
    case_id: object = None
    # For an expert's appointment or a partner board: the section actions shared with it
    # (None: every section its role reads).
    sections: frozenset[str] | None = None

    def withholds(self, action: str) -> bool:
        return (
            self.sections is not None and action in SECTION_ACTIONS and action not in self.sections
        )


# Functions (user) -> iterable of Grant that higher apps register, e.g. appointments to a
# review; the permission layer imports no higher app.
GRANT_SOURCES: list = []


def register_grant_source(fn):
    if fn not in GRANT_SOURCES:
        GRANT_SOURCES.append(fn)
    return fn


def grants_of(user) -> tuple[Grant, ...]:
    """The user's memberships, cached on the user object for the request. Read through the
    user's relation so that this module needs no model (the models' querysets call it)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_casereview_grants", None)
    if cached is None:
        cached = tuple(
            Grant(m.board_id, m.agency_id, m.role)
            for m in user.memberships.only("board_id", "agency_id", "role")
        ) + tuple(g for source in GRANT_SOURCES for g in source(user))
        user._casereview_grants = cached
    return cached


def allows(grant: Grant, action: str, obj) -> bool:
    if grant.role not in ACTIONS.get(action, ()) or grant.withholds(action):
        return False
    if action in NATIONAL_ACTIONS:
        return grant.case_id is None and getattr(obj, "national", False)
    if grant.case_id is not None:
        return getattr(obj, "case_id", None) == grant.case_id
    if grant.role in CASE_SCOPED or grant.board_id != obj.board_id:
        return False
    if grant.role in AGENCY_SCOPED:
        return grant.agency_id is not None and obj.involves_agency(grant.agency_id)
    return True


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return case_rules.test_rule(action, user, obj)


def can_at_all(user, action: str) -> bool:
    """Whether any of the user's grants gives `action`, on no object in particular: for
    pages of no board's object (the national store's trends and timeliness). A grant that
    reaches one case only (an appointment, a partner board) does not count, nor a section
    its grant withholds."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    roles = ACTIONS[action]
    return any(
        g.role in roles and g.case_id is None and not g.withholds(action) for g in grants_of(user)
    )


def _make_predicate(action: str):
    @rules.predicate(name=action)
    def predicate(user, obj) -> bool:
        return obj is not None and any(allows(g, action, obj) for g in grants_of(user))

    return predicate


case_rules = rules.RuleSet()
for _action in ACTIONS:
    case_rules.add_rule(_action, _make_predicate(_action))


def scope(
    user, action: str, agency_filter, board_lookup: str = "board_id", case_lookup: str | None = None
) -> Q:
    """A filter for a queryset: the rows on which `user` may do `action`.

    `agency_filter(agency_ids)` returns the Q that limits a model's rows to those involving
    any of the given agencies. No grant means a filter that matches nothing.
    """
    roles = ACTIONS[action]
    if action in NATIONAL_ACTIONS:
        national = any(g.role in roles and g.case_id is None for g in grants_of(user))
        return Q() if national else Q(pk__in=[])
    full_boards: set[int] = set()
    agencies_by_board: dict[int, set[int]] = {}
    cases: set = set()
    for g in grants_of(user):
        if g.role not in roles or g.withholds(action):
            continue
        if g.case_id is not None:
            cases.add(g.case_id)
        elif g.role in CASE_SCOPED:
            continue
        elif g.role in AGENCY_SCOPED:
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
    if cases and case_lookup:
        q |= Q(**{f"{case_lookup}__in": cases})
    return q


def reaches_every_row(user, action: str, obj) -> bool:
    """Whether a grant other than an agency-scoped one lets `user` do `action` on `obj`
    (agency-scoped grants see only their agency's rows of a section)."""
    return any(g.role not in AGENCY_SCOPED and allows(g, action, obj) for g in grants_of(user))


def roles_allowed(user, action: str, obj) -> set[str]:
    return {g.role for g in grants_of(user) if allows(g, action, obj)}


def boards_where(user, roles: Iterable[str]) -> set[int]:
    wanted = set(roles)
    return {g.board_id for g in grants_of(user) if g.role in wanted and g.case_id is None}
