"""One review as the generator takes it through the workflow: what it needs to know about
the case and the board's people, and on which day (at the review's own pace) each step
happened. The steps themselves are in `review_panel`, `review_reports`, `review_family` and
`review_support`; `review_workflow` tells them in order."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from casereview.accounts.models import Membership, Role, User
from casereview.audit.context import SYSTEM
from casereview.cases.checks import child_is_bme, child_or_parent_disabled
from casereview.cases.models import Notification, Person
from casereview.cases.vocab import PersonKind
from casereview.reviews import lifecycle
from casereview.reviews.models import ExpertKind, Review, StatusChange

from .boards import BoardContext
from .case_plans import CasePlan, at
from .review_profile import MOVE_REASONS, SCOPING_DAYS, STAGE_ORDER, pace


@dataclass
class BoardStaff:
    """The board's people the reviews need, looked up once per board."""

    panel_members: list[User]
    experts: list[User]
    authors: list[User]
    agency_authors: dict[int, User]  # agency pk -> its author

    @classmethod
    def of(cls, ctx: BoardContext) -> BoardStaff:
        by_role = defaultdict(list)
        for m in (
            Membership.objects.filter(board=ctx.board)
            .select_related("user")
            .order_by("user__username")
        ):
            by_role[m.role].append(m.user)
        return cls(
            panel_members=by_role[Role.PANEL_MEMBER],
            experts=by_role[Role.INDEPENDENT_EXPERT],
            authors=by_role[Role.INDEPENDENT_AUTHOR],
            agency_authors={a.pk: ctx.authors[id(a)] for a in ctx.agencies if id(a) in ctx.authors},
        )

    def expert_for(self, kind: str) -> User | None:
        """The expert whose title names the subject, else the first (the demo's `expert`)."""
        word = "Disability" if kind == ExpertKind.DISABILITY else "Race"
        titled = [u for u in self.experts if word in u.job_title]
        return (titled or self.experts or [None])[0]


class ReviewRun:
    """One review on its way through the workflow: the case, the family and the board's
    people its steps need, and on which day each step happened at the review's own pace.
    The steps write through the services, which stamp today, and then move the dates back
    to when it happened."""

    def __init__(
        self,
        ctx: BoardContext,
        staff: BoardStaff,
        plan: CasePlan,
        notification: Notification,
        rng: random.Random,
        today: date,
    ):
        self.ctx, self.staff, self.plan, self.rng, self.today = ctx, staff, plan, rng, today
        self.now = timezone.now()
        self.review = Review.objects.select_related("notification", "decision", "board").get(
            notification=notification
        )
        self.case = self.review.notification
        self.decided = self.review.decision.decided_on
        self.decided_at = self.review.decision.recorded_at
        self.stage = plan.review_stage
        self.role = plan.review_role
        self.pace = pace(rng, self.stage, (today - self.decided).days)
        people = sorted(
            Person.objects.filter(notification=notification),
            key=lambda p: (p.kind, p.relationship, p.family_name, p.given_names),
        )
        self.child = next(p for p in people if p.kind == PersonKind.CHILD)
        self.first_name = self.child.given_names.split()[0]
        self.family = [
            p
            for p in people
            if p.kind == PersonKind.FAMILY and (p.parental_responsibility or p.legitimate_interest)
        ]
        self.family.sort(key=lambda p: not p.parental_responsibility)
        self.reachable = [p for p in self.family if p.contact_details != "Deceased"]
        # Family members the panel recorded a reason not to contact (review_family).
        self.not_contacted: set = set()
        self.agencies = list(plan.agencies)
        self.bme = bool(child_is_bme([self.case]))
        self.disabled = bool(child_or_parent_disabled([self.case]))
        self.manager, self.panel_chair = ctx.manager, ctx.panel_chair
        self.members: list = []
        self.experts: list = []
        self.professionals: list = []
        self.last_move = self.decided_at

    # -- time -------------------------------------------------------------------------

    def _offset(self, nominal: float) -> int:
        if nominal <= SCOPING_DAYS:
            return round(nominal)
        return round(SCOPING_DAYS + (nominal - SCOPING_DAYS) * self.pace)

    def happened(self, nominal: float) -> bool:
        return self.decided + timedelta(days=self._offset(nominal)) <= self.today

    def on(self, nominal: float) -> date:
        return min(self.decided + timedelta(days=self._offset(nominal)), self.today)

    def moment(self, day: date) -> datetime:
        """A time in the working day of `day`, after the decision and not in the future."""
        when = at(day, self.rng, 9, 17)
        return max(min(when, self.now - timedelta(minutes=5)), self.decided_at)

    def reached(self, stage: str) -> bool:
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(stage)

    # -- status -----------------------------------------------------------------------

    def move(self, to: str, nominal: float, actor=None) -> None:
        change = lifecycle.move(
            self.review,
            to=to,
            actor=actor or self.manager,
            context=SYSTEM,
            reason=MOVE_REASONS[to],
        )
        # Moves made on the same day keep their order.
        self.last_move = max(self.moment(self.on(nominal)), self.last_move + timedelta(minutes=7))
        StatusChange.objects.filter(pk=change.pk).update(changed_at=self.last_move)

    def period(self) -> tuple[date, date]:
        incident = self.case.incident_date
        born = self.child.date_of_birth or incident
        return max(born, incident - timedelta(days=2 * 365)), incident
