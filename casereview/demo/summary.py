"""What a run of the generator reports: its progress while it runs, and when it is done
the number of rows of each kind and the demo logins."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from casereview.accounts.models import Agency, Board, Membership, User
from casereview.audit.models import AuditEvent
from casereview.cases.models import (
    Decision,
    DecisionOutcome,
    Notification,
    PanelRecommendation,
    Person,
    Task,
)
from casereview.reviews.models import (
    AgencyReport,
    FamilyContact,
    PanelMeeting,
    Review,
    ReviewStatus,
)

from .boards import DEMO_USERS, SECOND_BOARD_USERS

# (what is being loaded, how many are done, how many in all)
Progress = Callable[[str, int, int], None]


def no_progress(label: str, done: int, total: int) -> None:
    return None


@dataclass
class SeedResult:
    scale: str
    counts: dict[str, int]
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)


def counts() -> dict[str, int]:
    decisions = Counter(Decision.objects.values_list("outcome", flat=True))
    stages = Counter(Review.objects.values_list("status", flat=True))
    tasks = Task.objects.count()
    return {
        "boards": Board.objects.count(),
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "notifications": Notification.objects.count(),
        "people": Person.objects.count(),
        "tasks": tasks,
        "tasks done": Task.objects.filter(completed_at__isnull=False).count(),
        "panel recommendations": PanelRecommendation.objects.count(),
        "decisions": sum(decisions.values()),
        "decisions: hold a review": decisions[DecisionOutcome.HOLD_REVIEW],
        "decisions: other learning": decisions[DecisionOutcome.OTHER_LEARNING],
        "decisions: no review": decisions[DecisionOutcome.NO_REVIEW],
        "reviews": Review.objects.count(),
        **{
            f"reviews: {label.lower()}": stages[value]
            for value, label in ReviewStatus.choices
            if stages[value]
        },
        "panel meetings": PanelMeeting.objects.count(),
        "agency reports": AgencyReport.objects.count(),
        "family contacts": FamilyContact.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def demo_logins(boards: int = 2) -> list[tuple[str, str, str, str]]:
    """(username, name, role, board) of the documented demo accounts."""
    listed = DEMO_USERS + (SECOND_BOARD_USERS if boards > 1 else ())
    wanted = [u[0] for u in listed]
    rows = defaultdict(list)
    for m in Membership.objects.filter(user__username__in=wanted).select_related(
        "user", "board", "agency"
    ):
        role = m.get_role_display()
        if m.agency_id:
            role = f"{role} ({m.agency.name})"
        rows[m.user.username].append((m.user.get_full_name(), role, m.board.name))
    return [(username, *rows[username][0]) for username in wanted if rows.get(username)]
