"""The permission function against a table written out by hand, with Hypothesis."""

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.accounts.permissions import ACTIONS, Grant, can, reaches_every_row

# The reference: which roles may do what. Agency authors only where their agency is involved.
M, C, PC, PM, AA = "board_manager", "board_chair", "panel_chair", "panel_member", "agency_author"
IA, IE, NA = "independent_author", "independent_expert", "national_analyst"
AU, AD = "auditor", "administrator"
PR = "partner_reader"
CASE_ONLY = {IA, IE}  # reach a case only through an appointment to it
BOARD = {M, C, PC, PM, AU}
ALL_BUT_AGENCIES = BOARD | {IA, IE, PR}
WITH_AGENCIES = ALL_BUT_AGENCIES | {AA}
# The sections of a review; experts and partner boards read those shared with them.
SECTIONS = {
    "section.stage": WITH_AGENCIES,
    "section.compliance": WITH_AGENCIES,
    "section.panel": ALL_BUT_AGENCIES,
    "section.terms": WITH_AGENCIES,
    "section.reports": WITH_AGENCIES,
    "section.chronology": WITH_AGENCIES,
    "section.learning": WITH_AGENCIES,
    "section.experts": ALL_BUT_AGENCIES,
    "section.family": ALL_BUT_AGENCIES,
    "section.professionals": WITH_AGENCIES,
    "section.notifications": ALL_BUT_AGENCIES,
    "section.processes": ALL_BUT_AGENCIES,
    "section.partners": ALL_BUT_AGENCIES,
    "section.publication": ALL_BUT_AGENCIES,
    "section.access_log": {M, AU},
}
REFERENCE = {
    **SECTIONS,
    "terms.drafts": BOARD | {IA},
    "partner.share": {M},
    "case.view": {M, C, PC, PM, AU, AA, IA, IE, PR},
    "expert.advise": {IE},
    "notification.create": {M, AA},
    "notification.edit": {M},
    "people.edit": {M},
    "task.complete": {M},
    "records.secure": {M, AA},
    "screening.recommend": {M, PC, PM},
    "decision.record": {C},
    "clock.pause": {M},
    "review.manage": {M, PC},
    "review.publish": {C, M},
    "publication.register": {M, PC, PM},
    "report.draft": {M, PC, IA},
    "report.comment": {M, C, PC, PM, IA},
    "report.assess": {PC, PM},
    "report.sign_panel": {PC},
    "report.sign_board": {C},
    "panel.decide": {PC, PM},
    "report.write": {AA, M},
    "report.decide": {PC},
    "chronology.write": {AA, M},
    "chronology.panel": {M, PC, PM},
    "learning.write": {M, PC, PM, IA},
    "learning.respond": {C, M},
    "action.update": {AA, M},
    "action.verify": {M, C},
    "subject_access.export": {M},
    "audit.view": {M, AU, AD},
    "audit.security": {AU, AD},
    "members.manage": {AD},
    "board.configure": {AD, M},
    "calendar.manage": {AD},
    "procedure.read": {AD},
    "letters.translate": {M},
    "national.board_figures": {M, C},
    "national.submit": {M},
    "board.view": {M, C, PC, PM, AA, IA, IE, NA, AU, AD},
    "childdeath.record": {M},
    # The national store: any national-analyst membership, whatever its board.
    "national.read": {NA},
    "national.manage": {NA},
}
NATIONAL = {"national.read", "national.manage"}


@dataclass
class FakeUser:
    grants: tuple
    is_active: bool = True
    is_authenticated: bool = True

    def __post_init__(self):
        self._casereview_grants = self.grants


@dataclass
class FakeCase:
    board_id: int
    agency_ids: set = field(default_factory=set)
    case_id: int = 0
    # A row of the national store (no board of its own).
    national: bool = False

    def involves_agency(self, agency_id):
        return agency_id in self.agency_ids


def reference(user, action, obj) -> bool:
    if not user.is_active:
        return False
    for g in user.grants:
        if g.role not in REFERENCE[action]:
            continue
        if g.sections is not None and action in SECTIONS and action not in g.sections:
            continue
        if action in NATIONAL:
            if g.case_id is None and obj.national:
                return True
            continue
        if g.case_id is not None:
            if g.case_id == obj.case_id:
                return True
            continue
        if g.role in CASE_ONLY or g.board_id != obj.board_id:
            continue
        if g.role == AA and g.agency_id not in obj.agency_ids:
            continue
        return True
    return False


board_grants = st.builds(
    Grant,
    board_id=st.integers(1, 3),
    agency_id=st.one_of(st.none(), st.integers(10, 13)),
    role=st.sampled_from([M, C, PC, PM, AA, IA, IE, NA, AU, AD]),
)
case_grants = st.builds(
    Grant,
    board_id=st.integers(1, 3),
    agency_id=st.none(),
    role=st.sampled_from([IA, IE, PR]),
    case_id=st.integers(100, 103),
    sections=st.one_of(st.none(), st.frozensets(st.sampled_from(sorted(SECTIONS)))),
)
grants = st.one_of(board_grants, case_grants)


@settings(max_examples=10_000, deadline=None)
@given(
    user_grants=st.lists(grants, max_size=4).map(tuple),
    active=st.booleans(),
    action=st.sampled_from(sorted(REFERENCE)),
    board_id=st.integers(1, 3),
    agencies=st.sets(st.integers(10, 13), max_size=3),
    case_id=st.integers(100, 103),
    national=st.booleans(),
)
def test_can_agrees_with_the_reference_table(
    user_grants, active, action, board_id, agencies, case_id, national
):
    user = FakeUser(user_grants, is_active=active)
    obj = FakeCase(board_id, agencies, case_id, national)
    assert can(user, action, obj) == reference(user, action, obj)


def test_the_reference_covers_every_action():
    assert set(REFERENCE) == set(ACTIONS)


def test_anonymous_users_may_do_nothing():
    anonymous = FakeUser((), is_authenticated=False)
    assert not any(can(anonymous, a, FakeCase(1)) for a in ACTIONS)


def test_an_agency_author_reaches_only_their_agencys_rows_of_a_section():
    author = FakeUser((Grant(1, 10, AA),))
    manager_and_author = FakeUser((Grant(1, 10, AA), Grant(1, None, M)))
    case = FakeCase(1, {10})
    assert can(author, "section.professionals", case)
    assert not reaches_every_row(author, "section.professionals", case)
    assert reaches_every_row(manager_and_author, "section.professionals", case)


def test_a_shared_reader_reads_only_the_sections_shared_with_it():
    expert = FakeUser((Grant(1, None, IE, case_id=100, sections=frozenset({"section.terms"})),))
    case = FakeCase(1, set(), 100)
    assert can(expert, "section.terms", case) and can(expert, "case.view", case)
    assert not can(expert, "section.family", case)


def test_a_national_analyst_of_any_board_reads_the_national_store_and_no_case():
    from casereview.accounts.permissions import NATIONAL_STORE

    analyst = FakeUser((Grant(3, None, NA),))
    assert can(analyst, "national.read", NATIONAL_STORE)
    assert not can(analyst, "national.read", FakeCase(3))
    assert not can(analyst, "case.view", FakeCase(3))
    assert not can(FakeUser((Grant(3, None, M),)), "national.read", NATIONAL_STORE)


def test_can_at_all_asks_the_users_grants_about_an_action_on_no_object():
    import pytest

    from casereview.accounts.permissions import can_at_all

    analyst = FakeUser((Grant(3, None, NA),))
    manager = FakeUser((Grant(1, None, M),))
    assert can_at_all(analyst, "national.read") and not can_at_all(manager, "national.read")
    assert can_at_all(manager, "national.board_figures")
    assert not can_at_all(analyst, "national.board_figures")
    # A grant that reaches one case (an appointment, a partner board) does not count, nor a
    # section the grant withholds.
    partner_manager = FakeUser((Grant(2, None, M, case_id=100),))
    assert not can_at_all(partner_manager, "national.board_figures")
    expert = FakeUser((Grant(1, None, IE, sections=frozenset({"section.terms"})),))
    assert can_at_all(expert, "section.terms") and not can_at_all(expert, "section.family")
    assert not can_at_all(FakeUser((), is_authenticated=False), "national.read")
    with pytest.raises(KeyError):
        can_at_all(analyst, "national.everything")
