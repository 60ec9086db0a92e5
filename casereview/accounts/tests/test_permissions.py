"""The permission function against a table written out by hand, with Hypothesis."""

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.accounts.permissions import ACTIONS, Grant, can

# The reference: which roles may do what. Agency authors only where their agency is involved.
M, C, PC, PM, AA = "board_manager", "board_chair", "panel_chair", "panel_member", "agency_author"
IA, IE, NA = "independent_author", "independent_expert", "national_analyst"
AU, AD = "auditor", "administrator"
PR = "partner_reader"
CASE_ONLY = {IA, IE}  # reach a case only through an appointment to it
REFERENCE = {
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
    "panel.decide": {PC, PM},
    "report.write": {AA, M},
    "report.decide": {PC},
    "audit.view": {M, AU, AD},
    "audit.security": {AU, AD},
    "members.manage": {AD},
    "board.configure": {AD, M},
    "board.view": {M, C, PC, PM, AA, IA, IE, NA, AU, AD},
}


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

    def involves_agency(self, agency_id):
        return agency_id in self.agency_ids


def reference(user, action, obj) -> bool:
    if not user.is_active:
        return False
    for g in user.grants:
        if g.role not in REFERENCE[action]:
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
)
def test_can_agrees_with_the_reference_table(
    user_grants, active, action, board_id, agencies, case_id
):
    user = FakeUser(user_grants, is_active=active)
    obj = FakeCase(board_id, agencies, case_id)
    assert can(user, action, obj) == reference(user, action, obj)


def test_the_reference_covers_every_action():
    assert set(REFERENCE) == set(ACTIONS)


def test_anonymous_users_may_do_nothing():
    anonymous = FakeUser((), is_authenticated=False)
    assert not any(can(anonymous, a, FakeCase(1)) for a in ACTIONS)
